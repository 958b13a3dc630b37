// Descent: on a narrow screen the lesson list folds behind a "Lessons"
// button, so a page's title is in the first screen. The folding is in
// style.css from the first paint; this script opens and closes the list.
// Without JavaScript the <noscript> style in base.html shows the list.
(function () {
  "use strict";
  var nav = document.getElementById("site-nav");
  var button = document.querySelector("button.nav-toggle");
  if (!nav || !button) return;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    // Found again each time: a live reload may have swapped the list.
    var list = document.getElementById("site-nav");
    if (list) list.classList.toggle("is-open", open);
  });
})();
