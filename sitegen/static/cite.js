// Citation popovers. A marker shows every source behind its sentence (outlet, byline, the words quoted and a link
// to the passage) on hover and on focus; a click or a tap pins it open, and Escape or a click elsewhere closes it.
// The entries are read from the page's own list of sources, so nothing is sent twice.
// Progressive enhancement only: without this script a marker is a plain link to that list, which the browser
// opens at the reference (this script opens it too where a browser does not, and before printing).
(function () {
  "use strict";

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var folded = target && target.closest("details:not([open])");
    if (folded) {
      folded.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.references"), function (d) { d.open = true; });
  });
  reveal();

  var links = document.querySelectorAll("a.cite-ref[data-refs], a.cite-cell[title]");
  if (!links.length) return;
  var pop = document.createElement("div");
  pop.className = "cite-pop";
  pop.id = "cite-pop";
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-label", "Sources for this sentence");
  pop.tabIndex = -1;
  pop.hidden = true;
  var current = null;
  var pinned = false;
  var timer = null;
  var quiet = false; // focus given back to a marker as its popover closes does not open it again

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // One entry per source: from the page's list of sources for a marker, from its title for a matrix cell.
  function entries(link) {
    var tip = link.getAttribute("data-tip");
    if (tip !== null) {
      var cut = tip.indexOf(": ");
      return [{ outlet: tip.slice(0, cut), byline: "", quote: tip.slice(cut + 2), href: null, para: "" }];
    }
    return link.getAttribute("data-refs").split(" ").map(function (n) {
      var ref = document.getElementById("ref-" + n);
      var source = ref.querySelector(".ref-source");
      var outlet = text(source.querySelector("strong")); // the outlet, else the headline: shortened for the popover
      var para = text(source.querySelector(".ref-para")).replace(/^,\s*/, "");
      var whole = text(source);
      var byline = whole.slice(outlet.length, whole.length - para.length).replace(/^,\s*|,\s*$/g, "");
      if (outlet.length > 64) outlet = outlet.slice(0, 60).replace(/\s+\S*$/, "") + "\u2026";
      return { outlet: outlet, byline: byline, quote: text(ref.querySelector(".ref-quote")), href: source.href, para: para, id: ref.id };
    });
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function fill(link) {
    pop.textContent = "";
    var list = el("ol");
    var items = entries(link);
    items.forEach(function (e) {
      var li = el("li");
      var head = el("div", "pop-head");
      head.appendChild(el("span", "pop-outlet", e.outlet));
      if (e.href) {
        var go = el("a", null, "Read " + e.para + " \u2192");
        go.href = e.href;
        go.setAttribute("aria-label", "Read " + e.para + " of " + e.outlet);
        head.appendChild(go);
      }
      li.appendChild(head);
      if (e.byline) li.appendChild(el("span", "pop-byline", e.byline));
      if (e.quote) li.appendChild(el("p", "pop-quote", e.quote));
      list.appendChild(li);
    });
    pop.appendChild(list);
    if (items[0].id) {
      var all = el("a", "pop-all", "All sources for this page");
      all.href = "#" + items[0].id;
      pop.appendChild(all);
    }
  }

  function place(link) {
    var r = link.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var width = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, vw - width - 8));
    var h = pop.offsetHeight;
    var top = r.bottom + 6 + h > window.innerHeight && r.top - h - 6 > 0 ? r.top - h - 6 : r.bottom + 6;
    pop.style.left = left + window.scrollX + "px";
    pop.style.top = top + window.scrollY + "px";
  }

  function show(link, pin) {
    clearTimeout(timer);
    if (current !== link) {
      hide();
      fill(link);
      (link.closest("sup") || link).after(pop); // right after the marker: next in the reading and tabbing order
      current = link;
      if (link.classList.contains("cite-ref")) link.setAttribute("aria-expanded", "false");
    }
    pinned = pinned || pin;
    if (current.classList.contains("cite-ref")) current.setAttribute("aria-expanded", String(pinned));
    pop.hidden = false;
    place(link);
  }

  function hide() {
    clearTimeout(timer);
    if (current && current.classList.contains("cite-ref")) current.setAttribute("aria-expanded", "false");
    pop.hidden = true;
    current = null;
    pinned = false;
  }

  function later() {
    clearTimeout(timer);
    if (!pinned) timer = setTimeout(hide, 250);
  }

  Array.prototype.forEach.call(links, function (link) {
    if (link.hasAttribute("title")) {
      link.setAttribute("data-tip", link.getAttribute("title")); // the popover replaces the native tooltip
      link.removeAttribute("title");
    } else {
      link.setAttribute("aria-controls", "cite-pop");
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (e) {
        e.preventDefault();
        if (current === link && pinned) {
          hide();
        } else {
          show(link, true);
          pop.focus();
        }
      });
    }
    link.addEventListener("mouseenter", function () { show(link, false); });
    link.addEventListener("mouseleave", later);
    link.addEventListener("focus", function () { if (!quiet) show(link, false); });
  });
  pop.addEventListener("mouseenter", function () { clearTimeout(timer); });
  pop.addEventListener("mouseleave", later);
  document.addEventListener("focusin", function (e) {
    if (current && e.target !== current && !pop.contains(e.target)) hide();
  });
  document.addEventListener("click", function (e) {
    if (current && !pop.contains(e.target) && !current.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !current) return;
    var back = pop.contains(document.activeElement) ? current : null;
    hide();
    if (back) {
      quiet = true;
      back.focus();
      quiet = false;
    }
  });
  window.addEventListener("resize", hide);
})();
