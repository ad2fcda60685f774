// The light / dark / system switch in the header. The choice is kept in localStorage and applied by a line in each
// page's <head> before the stylesheet, so a page never paints in the other theme first.
// Progressive enhancement only: without JavaScript the switch is not drawn and the site follows the system.
(function () {
  "use strict";
  var slot = document.getElementById("theme-switch");
  if (!slot) return;
  var KEY = "sitegen-theme";
  var icons = {
    system: '<circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 1.75a6.25 6.25 0 0 1 0 12.5z" fill="currentColor"/>',
    light: '<circle cx="8" cy="8" r="3.2" fill="currentColor"/><path d="M8 .8v2M8 13.2v2M.8 8h2M13.2 8h2M2.9 2.9l1.4 1.4M11.7 11.7l1.4 1.4M2.9 13.1l1.4-1.4M11.7 4.3l1.4-1.4" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>',
    dark: '<path d="M13.6 10.2A6.2 6.2 0 0 1 5.8 2.4a6.2 6.2 0 1 0 7.8 7.8z" fill="currentColor"/>'
  };
  var names = { system: "Follow the system's theme", light: "Light theme", dark: "Dark theme" };

  function chosen() {
    var t = document.documentElement.getAttribute("data-theme");
    return t === "light" || t === "dark" ? t : "system";
  }

  function choose(theme) {
    try {
      if (theme === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch (e) { /* storage refused: the choice lasts for this page */ }
    if (theme === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", theme);
    Array.prototype.forEach.call(slot.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", String(b.value === theme));
    });
  }

  slot.setAttribute("role", "group");
  slot.setAttribute("aria-label", "Colour theme");
  ["system", "light", "dark"].forEach(function (theme) {
    var b = document.createElement("button");
    b.type = "button";
    b.value = theme;
    b.title = names[theme];
    b.setAttribute("aria-label", names[theme]);
    b.innerHTML = '<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">' + icons[theme] + "</svg>";
    b.addEventListener("click", function () { choose(theme); });
    slot.appendChild(b);
  });
  choose(chosen());
})();
