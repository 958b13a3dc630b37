// Descent live reload, included only under `descent serve`. The server sends
// Server-Sent Events: "reload" after a good rebuild, "errors" (a JSON array of
// "FILE:LINE: message" strings) after a failed one, "ok" when the errors are
// gone. Each message carries the build number as its id: after a reconnect
// (the server restarted), a build number other than the one this page was
// loaded with means the page is stale, so it reloads. The scroll position is
// kept across reloads.
(function () {
  "use strict";
  var SCROLL = "descent:scroll:" + location.pathname;
  var build = null, box = null;

  function store(f) { try { return f(window.sessionStorage); } catch (e) { return null; } }

  window.addEventListener("beforeunload", function () {
    store(function (s) { s.setItem(SCROLL, String(window.scrollY)); });
  });
  window.addEventListener("load", function () {
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var y = store(function (s) { var v = s.getItem(SCROLL); s.removeItem(SCROLL); return v; });
    if (y !== null && nav && nav.type === "reload") window.scrollTo(0, parseFloat(y) || 0);
  });

  function hide() {
    if (box) box.remove();
    box = null;
  }

  function showErrors(list) {
    hide();
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.id = "descent-errors";
    box.style.cssText = "position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;" +
      "max-height:60vh;overflow:auto;padding:1rem 1.25rem;border-radius:8px;" +
      "background:#2b0f0f;color:#fff;border:2px solid #ff8a80;box-shadow:0 4px 24px rgba(0,0,0,.4);" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";
    var head = document.createElement("p");
    head.style.cssText = "margin:0 0 .5rem;font-weight:bold;color:#ffb4ab";
    head.textContent = "Build failed: " + list.length + (list.length === 1 ? " error" : " errors") +
      " (the page shows the last good build)";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "float:right;margin:0 0 .5rem 1rem;font:inherit;padding:.2rem .7rem;" +
      "color:#2b0f0f;background:#fff;border:0;border-radius:4px;cursor:pointer";
    close.addEventListener("click", hide);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding:0;list-style:none;white-space:pre-wrap;overflow-wrap:anywhere";
    list.forEach(function (msg) {
      var li = document.createElement("li");
      li.style.cssText = "padding:.15rem 0;border-top:1px solid #5c2b2b";
      li.textContent = msg;
      ul.appendChild(li);
    });
    box.appendChild(close);
    box.appendChild(head);
    box.appendChild(ul);
    document.body.appendChild(box);
  }

  document.addEventListener("keydown", function (e) {
    if (box && e.key === "Escape") hide();
  });

  if (!window.EventSource) return;
  var events = new EventSource("/_descent/events");

  // stale reports whether a message comes from a build other than the one
  // this page was loaded with.
  function stale(e) {
    if (!e.lastEventId) return false;
    if (build === null) { build = e.lastEventId; return false; }
    return e.lastEventId !== build;
  }

  // swap makes the page the new build's, in place, when only lessons
  // changed: no reload, so the scroll position and the open details stay,
  // and the nodes that did not change are kept as they are (morph), so a
  // figure the edit did not touch keeps its state and is not drawn again.
  // Anything it cannot do this way (a new script, a theme change, a failed
  // fetch) reloads.
  function scripts(doc) {
    return [].map.call(doc.querySelectorAll("script[src], link[rel=stylesheet]"), function (e) {
      return e.getAttribute("src") || e.getAttribute("href");
    }).join(" ");
  }

  // same reports whether the live node n still stands for the new page's
  // node m. Figures and quizzes change their own DOM once they show, so
  // they are compared by the digest the build gave them (data-digest);
  // any other node as it is, but for the answers the reader opened.
  function same(n, m) {
    if (n.nodeType === 1 && m.nodeType === 1 && m.hasAttribute("data-digest")) {
      return n.nodeName === m.nodeName && n.getAttribute("data-digest") === m.getAttribute("data-digest");
    }
    if (n.nodeType === 1 && n.querySelector && (n.matches("details[open]") || n.querySelector("details[open]"))) {
      // Compared without "open" on a copy; not a copy of a figure, which
      // may be megabytes: "not the same" sends the morph inside instead.
      if (n.querySelector("[data-digest]")) return false;
      var c = n.cloneNode(true), d = m.cloneNode(true);
      [c, d].forEach(function (e) {
        if (e.nodeName === "DETAILS") e.removeAttribute("open");
        [].forEach.call(e.querySelectorAll("details"), function (x) { x.removeAttribute("open"); });
      });
      return c.isEqualNode(d);
    }
    return n.isEqualNode(m);
  }

  // Elements their scripts change, which are replaced whole, never morphed.
  var COMPONENTS = "[data-digest], figure.landscape, .landscape-family, form.quiz";

  // morphable reports whether the live element n can be made into m in
  // place: the same element, with the same id, neither one a component.
  function morphable(n, m) {
    return n.nodeType === 1 && m.nodeType === 1 && n.tagName === m.tagName &&
      n.getAttribute("id") === m.getAttribute("id") && !n.matches(COMPONENTS) && !m.matches(COMPONENTS);
  }

  // attributes gives the live element el the attributes of next; an
  // answer the reader opened stays open.
  function attributes(el, next) {
    [].slice.call(el.attributes).forEach(function (a) {
      if (!next.hasAttribute(a.name) && !(a.name === "open" && el.nodeName === "DETAILS")) el.removeAttribute(a.name);
    });
    [].forEach.call(next.attributes, function (a) {
      if (el.getAttribute(a.name) !== a.value) el.setAttribute(a.name, a.value);
    });
  }

  // morph makes the children of the live node into those of next. The
  // live ones that are the same at either end stay. Between them, each new
  // element takes the next live one that is the same, if any (a figure
  // below an edited paragraph), never looking past a figure, and the live
  // ones passed over go; else the live element where it stands is made
  // into it in place if it can be (the same tag and id), down to the nodes
  // that changed; else it comes in. A text or a comment matches only where
  // it stands, so that a line break never draws the match past a figure.
  // The elements brought in are added to added.
  function morph(live, next, added) {
    var a = [].slice.call(live.childNodes), b = [].slice.call(next.childNodes);
    var i = 0, j = 0;
    while (i < a.length && i < b.length && same(a[i], b[i])) i++;
    while (j < a.length - i && j < b.length - i && same(a[a.length - 1 - j], b[b.length - 1 - j])) j++;
    var olds = a.slice(i, a.length - j), news = b.slice(i, b.length - j), end = j ? a[a.length - j] : null;
    var p = 0; // the first live node between not yet kept or removed
    news.forEach(function (m) {
      var k = p;
      if (m.nodeType === 1) {
        // Never past a figure that stays: its state would go with it.
        while (k < olds.length && !(olds[k].nodeType === 1 && same(olds[k], m))) {
          if (olds[k].nodeType === 1 && olds[k].hasAttribute("data-digest")) { k = olds.length; break; }
          k++;
        }
      } else if (!(k < olds.length && olds[k].nodeType === m.nodeType && same(olds[k], m))) {
        k = olds.length;
      }
      if (k < olds.length) {
        for (; p < k; p++) live.removeChild(olds[p]);
        p = k + 1;
        return;
      }
      var o = olds[p];
      if (o && morphable(o, m)) {
        attributes(o, m);
        morph(o, m, added);
        p++;
        return;
      }
      if (o && o.nodeType === m.nodeType && (m.nodeType === 3 || m.nodeType === 8)) {
        o.nodeValue = m.nodeValue;
        p++;
        return;
      }
      var n = document.adoptNode(m);
      live.insertBefore(n, p < olds.length ? olds[p] : end);
      if (n.nodeType === 1) added.push(n);
    });
    for (; p < olds.length; p++) live.removeChild(olds[p]);
  }

  // held lists the digests of the figures and quizzes on the page. The
  // server sends those as empty stubs (data-descent-stub), which the morph
  // takes for the tab's own: they are most of a lesson's bytes.
  function held() {
    var seen = {};
    [].forEach.call(document.querySelectorAll("[data-digest]"), function (e) { seen[e.getAttribute("data-digest")] = true; });
    return Object.keys(seen).join(" ");
  }

  function swap() {
    var have = held(), headers = have ? { "X-Descent-Keep": have } : {};
    return fetch(location.href, { cache: "no-store", headers: headers }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var main = doc.getElementById("main"), nav = doc.getElementById("site-nav");
      var oldMain = document.getElementById("main"), oldNav = document.getElementById("site-nav");
      if (!main || !oldMain || scripts(doc) !== scripts(document)) throw new Error("not a swap");
      var y = window.scrollY, added = [];
      document.title = doc.title;
      attributes(oldMain, main);
      morph(oldMain, main, added);
      if (nav && oldNav) {
        var open = oldNav.classList.contains("is-open");
        attributes(oldNav, nav);
        if (open) oldNav.classList.add("is-open");
        morph(oldNav, nav, []);
      }
      // A stub the morph could not match with the tab's own (the figures
      // moved past each other) stands empty: the page is loaded whole.
      if (document.querySelector("[data-descent-stub]")) { location.reload(); return; }
      window.scrollTo(0, y);
      hide();
      // The new text and figures show at the next frame; their controls
      // are set up just after it, so that the edit is seen first (setting
      // up a page's figures took tens of milliseconds on a large page).
      requestAnimationFrame(function () {
        setTimeout(function () {
          added.forEach(function (el) {
            if (window.DescentFigures) window.DescentFigures(el);
            if (window.DescentQuizzes) window.DescentQuizzes(el);
          });
        }, 0);
      });
    });
  }

  events.addEventListener("reload", function (e) {
    var data = {};
    try { data = JSON.parse(e.data); } catch (err) { /* an old server */ }
    if (!data.swap || !window.fetch || !window.DOMParser) { location.reload(); return; }
    swap().catch(function () { location.reload(); });
  });
  events.addEventListener("ok", function (e) {
    if (stale(e)) location.reload();
    else hide();
  });
  events.addEventListener("errors", function (e) {
    var list;
    try { list = JSON.parse(e.data); } catch (err) { list = [String(e.data)]; }
    if (!Array.isArray(list)) list = [String(list)];
    stale(e);
    showErrors(list);
  });
})();
