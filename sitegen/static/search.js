// Full-text search over the sections and sources, with the Pagefind index built alongside the site: sections
// first, each result named by its section (and heading) or its outlet, and a filter for sections or sources.
// Progressive enhancement only: without JavaScript the header's search slot stays empty.
(function () {
  "use strict";
  var slot = document.getElementById("site-search");
  var script = document.currentScript;
  if (!slot || !script || !window.fetch) return;
  var root = new URL("../", script.src);
  var pagefind = null;
  var loading = null;
  var kind = ""; // "", "Section" or "Source": the filter, on each page's kind (data-pagefind-meta)

  slot.innerHTML =
    '<form class="search-form" role="search">' +
    '<label class="visually-hidden" for="search-q">Search the explainer and its sources</label>' +
    '<input id="search-q" class="search-input" type="search" placeholder="Search" autocomplete="off" spellcheck="false">' +
    "</form>" +
    '<div class="search-panel" id="search-panel" hidden>' +
    '<div class="search-filters" role="group" aria-label="Show">' +
    '<button type="button" value="" aria-pressed="true">All</button>' +
    '<button type="button" value="Section" aria-pressed="false">Sections</button>' +
    '<button type="button" value="Source" aria-pressed="false">Sources</button>' +
    "</div>" +
    '<p class="search-status" role="status"></p>' +
    '<ol class="search-results"></ol>' +
    "</div>";
  var form = slot.querySelector("form");
  var input = slot.querySelector("input");
  var panel = slot.querySelector(".search-panel");
  var status = slot.querySelector(".search-status");
  var list = slot.querySelector(".search-results");

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (mod) {
        pagefind = mod;
        return pagefind
          .options({ baseUrl: root.pathname })
          .then(function () {
            pagefind.init();
            // a large site's index comes in shards: pagefind/shards.json lists the ones to merge
            return fetch(new URL("pagefind/shards.json", root).href).then(function (r) { return r.ok ? r.json() : []; }, function () { return []; });
          })
          .then(function (shards) {
            return Promise.all(shards.map(function (dir) {
              return pagefind.mergeIndex(new URL("pagefind/" + dir, root).href, { baseUrl: root.pathname });
            }));
          });
      });
    }
    return loading;
  }

  function close() {
    panel.hidden = true;
  }

  // Where a result is: a section (and the heading the words are under), or a source (and its outlet).
  function place(r) {
    var meta = r.meta || {};
    if (meta.kind === "Source") return "Source" + (meta.outlet ? " \u00b7 " + meta.outlet : "");
    var sub = (r.sub_results || []).filter(function (s) { return s.url.indexOf("#") >= 0; })[0];
    return sub && sub.title !== meta.title ? "Section \u00b7 " + sub.title : "Section";
  }

  function render(term, results) {
    list.textContent = "";
    list.setAttribute("data-kind", kind); // which filter these results answer
    results.forEach(function (r) {
      var li = document.createElement("li");
      var where = document.createElement("span");
      where.className = "search-kind";
      where.textContent = place(r);
      var a = document.createElement("a");
      var sub = (r.meta || {}).kind === "Source" ? null : (r.sub_results || []).filter(function (s) { return s.url.indexOf("#") >= 0; })[0];
      a.href = sub ? sub.url : r.url;
      a.textContent = (r.meta && r.meta.title) || r.url;
      var p = document.createElement("p");
      p.innerHTML = sub ? sub.excerpt : r.excerpt; // Pagefind's excerpt: escaped text with <mark> around the hits
      li.appendChild(where);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + term + "\u201d"
      : "Nothing found for \u201c" + term + "\u201d";
  }

  function run() {
    var term = input.value.trim();
    if (!term) {
      close();
      return;
    }
    panel.hidden = false;
    load().then(function () {
      return pagefind.debouncedSearch(term, {}, 200);
    }).then(function (search) {
      if (search === null) return null; // a newer search replaced this one
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (!results || input.value.trim() !== term) return;
      if (kind) results = results.filter(function (r) { return ((r.meta || {}).kind || "Section") === kind; });
      // the story before its sources: sections first, each group in Pagefind's order
      var rank = function (r) { return (r.meta || {}).kind === "Source" ? 1 : 0; };
      results = results.map(function (r, i) { return [rank(r), i, r]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .map(function (x) { return x[2]; });
      render(term, results.slice(0, 8));
    }).catch(function () {
      list.textContent = "";
      status.textContent = location.protocol === "file:"
        ? "Search works once the site is served from a web server."
        : "Search is not available right now.";
    });
  }

  input.addEventListener("input", run);
  Array.prototype.forEach.call(slot.querySelectorAll(".search-filters button"), function (b) {
    b.addEventListener("click", function () {
      kind = b.value;
      Array.prototype.forEach.call(b.parentNode.children, function (o) { o.setAttribute("aria-pressed", String(o === b)); });
      run();
    });
  });
  input.addEventListener("focus", function () {
    load().catch(function () {}); // fetch the index before the first key; errors show when searching
    if (input.value.trim()) panel.hidden = false;
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  slot.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      close();
      input.focus();
    }
  });
  document.addEventListener("click", function (e) {
    if (!slot.contains(e.target)) close();
  });
})();
