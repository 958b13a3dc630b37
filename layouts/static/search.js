// Descent: the search box. Offline and from this site's own files only: the
// index (built by cmd/build, see package search) is a set of small scripts
// under search/, loaded on demand with <script> tags, so it works from
// file:// too. Matching is by prefix and tolerates typos (edit distance 1,
// or 2 for words of seven letters or more, and a swap of the first two
// letters). Results show the lesson, the heading and a snippet with the
// terms marked; the arrow keys move through them and "/" focuses the box.
// Without JavaScript the box is hidden by base.html's <noscript> style. Text is only ever set as text.
(function () {
  "use strict";

  var box = document.querySelector(".search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var me = document.currentScript;
  if (!box || !input || !list || !me) return;
  var root = new URL(".", me.src).href; // search.js sits at the site root
  var MAX = 8;
  var PAGE_GROUP = 32; // search.PageGroup

  // Loading: each file calls __descentSearch(key, data).
  var loaded = {}, waiting = {};
  window.__descentSearch = function (key, data) {
    if (key === "index" && data && data.files) { // a small course's other files come inside the index
      Object.keys(data.files).forEach(function (k) { window.__descentSearch(k, data.files[k]); });
      delete data.files;
    }
    loaded[key] = data;
    (waiting[key] || []).forEach(function (f) { f(data); });
    delete waiting[key];
  };
  function get(key) {
    return new Promise(function (resolve) {
      if (key in loaded) return resolve(loaded[key]);
      if (waiting[key]) return waiting[key].push(resolve);
      waiting[key] = [resolve];
      var s = document.createElement("script");
      s.src = root + "search/" + key + ".js";
      s.async = true;
      s.onerror = function () { window.__descentSearch(key, null); };
      document.head.appendChild(s);
    });
  }

  function terms(text) {
    // Raised and lowered characters (x², θₜ, xʸ) end a term, as in
    // search.isScript. Each character is lower-cased on its own, as Go's
    // unicode.ToLower does: toLowerCase on the whole text would make a
    // final Σ ς and İ two characters.
    var lower = Array.from(text, function (c) { return c === "\u0130" ? "i" : c.toLowerCase(); }).join("");
    return (lower.match(/(?:(?![\u00b2\u00b3\u00b9\u02b0-\u02b8\u02e0-\u02e4\u1d2c-\u1d6a\u1d9b-\u1dbf\u2070-\u209f\u2c7c])[\p{L}\p{N}])+/gu) || []).filter(function (w) { return [...w].length >= 2; })
      .map(function (w) { return [...w].slice(0, 24).join(""); });
  }
  // hex names a term's shard: its first k runes' UTF-8 in hex (search.ShardKey).
  function hex(s, k) {
    return Array.from(new TextEncoder().encode([...s].slice(0, k).join("")), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // dist is the optimal-string-alignment distance of a and b, or max+1
  // once it exceeds max.
  function dist(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  // score says how well an index term t matches a query word q (0: not).
  function score(q, t) {
    if (t === q) return 1;
    if (t.length > q.length && t.indexOf(q) === 0) return 0.8;
    var max = q.length >= 7 ? 2 : q.length >= 4 ? 1 : 0;
    if (!max) return 0;
    var d = dist(q, t, max);
    if (d <= max) return 0.6 / d;
    if (q.length >= 5 && t.length > q.length && dist(q, t.slice(0, q.length), 1) <= 1) return 0.4;
    return 0;
  }

  function search(query) {
    var words = terms(query);
    if (!words.length) return Promise.resolve(null);
    return get("index").then(function (index) {
      if (!index) return [];
      var keys = {};
      words.forEach(function (w) {
        var k = index.k || 2, r = [...w];
        keys[hex(w, k)] = true;
        if (r.length >= 4) keys[hex(r[1] + r[0], k)] = true; // a typo that swaps the first two
      });
      var want = Object.keys(keys).filter(function (k) { return index.shards.indexOf(k) >= 0; });
      return Promise.all(want.map(function (k) { return get("t-" + k); })).then(function (shards) {
        // For each word, each section's best weight × match quality.
        var perWord = words.map(function () { return {}; }), matched = words.map(function () { return {}; });
        shards.forEach(function (shard) {
          if (!shard) return;
          Object.keys(shard).forEach(function (t) {
            words.forEach(function (w, wi) {
              var s = score(w, t);
              if (!s) return;
              matched[wi][t] = true;
              var p = shard[t];
              for (var i = 0; i < p.length; i += 2) {
                var v = s * p[i + 1];
                if (!(perWord[wi][p[i]] >= v)) perWord[wi][p[i]] = v;
              }
            });
          });
        });
        var total = {}, hits = {};
        perWord.forEach(function (m) {
          Object.keys(m).forEach(function (sec) { total[sec] = (total[sec] || 0) + m[sec]; hits[sec] = (hits[sec] || 0) + 1; });
        });
        var secs = Object.keys(total);
        var all = secs.filter(function (s) { return hits[s] === words.length; });
        if (all.length) secs = all;
        var best = {};
        secs.forEach(function (s) {
          var page = index.secs[s][0];
          var v = total[s] * (1 + hits[s]);
          if (!best[page] || best[page].v < v) best[page] = { sec: +s, v: v };
        });
        var top = Object.keys(best).sort(function (a, b) { return best[b].v - best[a].v || a - b; }).slice(0, MAX);
        var marks = [];
        matched.forEach(function (m) { marks = marks.concat(Object.keys(m)); });
        // Page texts come PAGE_GROUP pages to a file (search.PageGroup).
        return Promise.all(top.map(function (page) { return get("p-" + Math.floor(page / PAGE_GROUP)); })).then(function (groups) {
          return top.map(function (page, i) {
            var sec = best[page].sec, pg = index.pages[page], s = index.secs[sec];
            var texts = groups[i] && groups[i][page % PAGE_GROUP];
            var text = texts ? texts[sec - pg[2]] || "" : "";
            return { url: pg[0], title: pg[1], id: s[1], heading: s[2], text: text, marks: marks };
          });
        });
      });
    });
  }

  // snippet appends about 160 characters of text around the first marked
  // term to el, each marked term in a <mark>.
  function snippet(el, text, marks) {
    if (!text) return;
    var re = marks.length ? new RegExp("(?<![\\p{L}\\p{N}])(" + marks.map(function (m) {
      return m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).sort(function (a, b) { return b.length - a.length; }).join("|") + ")", "giu") : null;
    var m = re && re.exec(text), from = 0;
    if (m && m.index > 60) from = text.lastIndexOf(" ", m.index - 50) + 1;
    var part = text.slice(from, from + 160);
    if (from > 0) part = "… " + part;
    if (from + 160 < text.length) part += " …";
    var at = 0;
    if (re) {
      re.lastIndex = 0;
      part.replace(re, function (hit, _g, i) {
        el.appendChild(document.createTextNode(part.slice(at, i)));
        var mk = document.createElement("mark");
        mk.textContent = hit;
        el.appendChild(mk);
        at = i + hit.length;
        return hit;
      });
    }
    el.appendChild(document.createTextNode(part.slice(at)));
  }

  var seq = 0;
  function links() { return [].slice.call(list.querySelectorAll("a")); }
  function close() { list.hidden = true; }
  function open() { if (links().length) list.hidden = false; }
  function show(results, query) {
    list.textContent = "";
    list.setAttribute("data-query", query || "");
    if (!results) { close(); status.textContent = ""; return; }
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.id = "search-result-" + i;
      a.href = root + r.url + (r.id ? "#" + r.id : "");
      var t = document.createElement("span");
      t.className = "search-title";
      t.textContent = r.title;
      a.appendChild(t);
      if (r.heading) {
        var h = document.createElement("span");
        h.className = "search-heading";
        h.textContent = r.heading;
        a.appendChild(h);
      }
      var s = document.createElement("span");
      s.className = "search-snippet";
      snippet(s, r.text, r.marks);
      a.appendChild(s);
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") : "No lesson matches.";
    list.hidden = !results.length;
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var n = ++seq;
      var q = input.value;
      search(q).then(function (r) { if (n === seq) show(r, q); });
    }, 60);
  });
  // The arrow keys move between the input and the results' links; Escape
  // comes back to the input, or clears it.
  box.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!all.length) return;
      e.preventDefault();
      open();
      var next = i + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus(); else all[Math.min(next, all.length - 1)].focus();
    } else if (e.key === "Enter" && e.target === input && all.length) {
      e.preventDefault();
      location.href = all[0].href;
    } else if (e.key === "Escape") {
      if (i >= 0 || !list.hidden) { close(); input.focus(); } else { input.value = ""; show(null); }
    }
  });
  box.addEventListener("focusout", function (e) { if (!box.contains(e.relatedTarget)) close(); });
  input.addEventListener("focus", open);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
