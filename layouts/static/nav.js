// Descent: on a narrow screen the lesson list folds behind a "Lessons"
// button, so a page's title is in the first screen. Without this script
// the list shows, as it always did.
(function () {
  "use strict";
  var nav = document.getElementById("site-nav");
  var button = document.querySelector("button.nav-toggle");
  if (!nav || !button) return;
  document.documentElement.classList.add("nav-folds");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("is-open", open);
  });
})();
