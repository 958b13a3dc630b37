// Descent: quizzes that answer back. No framework, no network. Without this
// script a quiz is its question, a list of choices and a <details> holding
// the answer with every explanation. With it, choosing marks the choice
// right or wrong and shows its explanation (checkboxes: after "Check"),
// "Try again" resets, and the tab keeps the reader's answers
// (sessionStorage, as figures keep their state). Author text is only ever
// moved or cloned as DOM nodes, never parsed as HTML.
(function () {
  "use strict";

  function key(form) { return "descent-quiz:" + location.pathname + "#" + form.id; }

  function load(k) {
    try { return JSON.parse(sessionStorage.getItem(k) || "null"); } catch (e) { return null; }
  }

  function save(k, value) {
    try {
      if (value) sessionStorage.setItem(k, JSON.stringify(value)); else sessionStorage.removeItem(k);
    } catch (e) { /* private mode, quota */ }
  }

  function init(form) {
    // Once, however many swaps of reload.js name it, and not once a later
    // swap took it out of the page.
    if (form.descentSetUp || !form.isConnected) return;
    form.descentSetUp = true;
    var multiple = form.getAttribute("data-multiple") === "true";
    var inputs = [].slice.call(form.querySelectorAll(".quiz-choices input"));
    var items = [].slice.call(form.querySelectorAll(".quiz-choices li"));
    var explain = [].slice.call(form.querySelectorAll(".quiz-answer li"));
    var feedback = form.querySelector(".quiz-feedback");
    var actions = form.querySelector(".quiz-actions");
    var answer = form.querySelector(".quiz-answer");
    var correct = explain.map(function (li) { return li.getAttribute("data-correct") === "true"; });

    actions.hidden = false;
    answer.hidden = true;
    form.classList.add("quiz-js");

    function chosen() {
      var out = [];
      inputs.forEach(function (inp, i) { if (inp.checked) out.push(i); });
      return out;
    }

    // An explanation is moved, not copied, between the hidden answer and
    // its choice: a copy would repeat the ids of its footnotes.
    function clear() {
      items.forEach(function (li, i) {
        li.classList.remove("is-right", "is-wrong", "is-missed");
        var w = li.querySelector(".quiz-why");
        if (w) explain[i].appendChild(w);
      });
      feedback.textContent = "";
      form.classList.remove("quiz-done");
    }

    function mark(i, cls) {
      items[i].classList.add(cls);
      var why = explain[i].querySelector(".quiz-why");
      if (why) items[i].appendChild(why);
    }

    function check() {
      clear();
      var picks = chosen();
      if (!picks.length) {
        feedback.textContent = multiple ? "Choose one or more answers first." : "";
        return;
      }
      var right = 0, wrong = 0, total = correct.filter(Boolean).length;
      picks.forEach(function (i) {
        if (correct[i]) { right++; mark(i, "is-right"); } else { wrong++; mark(i, "is-wrong"); }
      });
      var ok = right === total && wrong === 0;
      if (ok) {
        feedback.textContent = multiple ? "Right: you found every correct answer." : "Right.";
      } else if (multiple) {
        feedback.textContent = "Not quite: " + right + " of " + total + " correct answers chosen" +
          (wrong ? ", and " + wrong + " wrong." : ".") + " Try again.";
      } else {
        feedback.textContent = "Not quite. Try again.";
      }
      feedback.className = "quiz-feedback " + (ok ? "is-right" : "is-wrong");
      form.classList.add("quiz-done");
      save(key(form), { chosen: picks });
    }

    function reset() {
      inputs.forEach(function (inp) { inp.checked = false; });
      clear();
      feedback.className = "quiz-feedback";
      save(key(form), null);
      if (inputs.length) inputs[0].focus();
    }

    if (multiple) {
      form.querySelector(".quiz-check").addEventListener("click", check);
    } else {
      inputs.forEach(function (inp) { inp.addEventListener("change", check); });
    }
    form.querySelector(".quiz-retry").addEventListener("click", reset);
    form.addEventListener("submit", function (e) { e.preventDefault(); check(); });

    var saved = load(key(form));
    if (saved && Array.isArray(saved.chosen)) {
      saved.chosen.forEach(function (i) { if (inputs[i]) inputs[i].checked = true; });
      check();
    }
  }

  // reload.js calls this for a page it swapped in place.
  window.DescentQuizzes = function (root) {
    if (root.matches && root.matches("form.quiz")) init(root); // reload.js passes each element it brought in
    [].forEach.call(root.querySelectorAll("form.quiz"), init);
  };
  window.DescentQuizzes(document);
})();
