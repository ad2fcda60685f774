// Citation previews: hovering or focusing a citation marker shows the outlet and the quoted words.
// Progressive enhancement only: without this script a marker is a plain link to its reference
// (and the browser shows its title on hover).
(function () {
  "use strict";
  var links = document.querySelectorAll("a.cite-ref[title], a.cite-cell[title]");
  if (!links.length) return;
  var tip = document.createElement("div");
  tip.className = "cite-tip";
  tip.id = "cite-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  var outlet = document.createElement("strong");
  var quote = document.createElement("span");
  quote.className = "cite-tip-quote";
  tip.appendChild(outlet);
  tip.appendChild(quote);
  // Inside <main>, so the preview belongs to a landmark; main is not positioned, so coordinates stay page-wide.
  (document.querySelector("main") || document.body).appendChild(tip);
  var current = null;

  function show(link) {
    var text = link.getAttribute("data-tip") || "";
    var cut = text.indexOf(": ");
    outlet.textContent = cut > 0 ? text.slice(0, cut) : text;
    quote.textContent = cut > 0 ? text.slice(cut + 2) : "";
    tip.hidden = false;
    current = link;
    link.setAttribute("aria-describedby", "cite-tip");
    var r = link.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    var left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    var below = r.bottom + 8;
    var h = tip.offsetHeight;
    var top = below + h > window.innerHeight && r.top - h - 8 > 0 ? r.top - h - 8 : below;
    tip.style.top = top + window.scrollY + "px";
  }

  function hide(link) {
    if (link && link !== current) return;
    tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  Array.prototype.forEach.call(links, function (link) {
    // The preview replaces the native tooltip, which would otherwise show the same words twice.
    link.setAttribute("data-tip", link.getAttribute("title"));
    link.removeAttribute("title");
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", function () { hide(link); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function () { hide(link); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide(null);
  });
  window.addEventListener("resize", function () { hide(null); });
})();
