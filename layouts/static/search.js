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
  // A query is its first MAX_TERMS distinct terms, split from its first
  // MAX_QUERY UTF-16 units: each term is scored against every term of the
  // shards it loads, so a pasted page of text (150 KB, 18,000 terms) froze
  // the tab for ten seconds. A word the cut falls in counts as the prefix
  // it keeps.
  var MAX_TERMS = 32, MAX_QUERY = 4096;
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

  // LETTERS are the characters a term is made of (search.Terms): the
  // letters and numbers of the Unicode version the build's Go has, less
  // the raised and lowered ones (x², θₜ, xʸ), which end a term. A browser's
  // own \p{L} is of its own version, and a letter newer than Go's would
  // make a query term that no page has. Written as the gap before each
  // range and its length, in base 36, by go test ./search -update.
  var LETTERS = "1c,a,7,q,6,q,1b,1,a,1,4,1,1,3,1,n,1,v,1,c8,9,9,4,c,q,1,1,1,3l,5,1,2,2,4,1,1,6,1,1,3,1,1,1,k,1,2b,1,3v,8,4m,1,12,2,1,6,15,1z,r,4,4,19,17,l,a,4,2,1,2r,1,1,f,2,7,f,2,1,g,1,1,u,t,2h,b,1,e,17,9,2,4,1,5,m,4,1,9,1,3,1,n,p,7,b,5,o,1,6,h,16,1m,1i,3,1,i,1,7,a,4,a,1,g,4,8,2,2,2,m,1,7,1,1,3,4,3,1,g,1,d,2,1,3,4,c,2,6,2,1,8,6,4,2,2,m,1,7,1,2,1,2,1,2,v,4,1,1,7,a,2,3,g,9,1,3,1,m,1,7,1,2,1,5,3,1,i,1,f,2,4,a,9,1,b,8,2,2,2,m,1,7,1,2,1,5,3,1,u,2,1,3,4,a,1,7,b,1,1,6,3,3,1,4,3,2,1,1,1,2,3,2,3,3,3,c,m,1,l,d,i,8,1,3,1,n,1,g,3,1,q,3,2,1,2,2,4,a,8,7,1,1,4,8,1,3,1,n,1,a,1,5,3,1,v,2,1,2,4,a,1,2,h,9,1,3,1,15,2,1,g,1,5,3,1,a,4,j,1,6,5,i,3,o,1,9,1,1,2,7,v,a,h,1c,1,2,c,7,9,a,13,2,1,1,1,5,1,o,1,1,1,a,1,2,9,1,2,5,1,1,9,a,2,4,w,1,v,k,c,8,1,10,r,5,37,17,k,b,6,6,4,4,3,1,3,2,7,3,4,d,c,1,1,a,6,12,1,1,5,1,2,17,1,99,1,4,2,7,1,1,1,4,2,15,1,4,2,x,1,4,2,7,1,1,1,4,2,f,1,1l,1,4,2,1v,e,k,3,g,g,2e,2,6,3,h8,2,h,1,q,5,23,3,b,7,i,d,j,e,i,e,d,1,3,f,1g,z,1,4,1,3,a,6,a,m,a,6,2h,7,5,2,y,1,1,5,1y,a,v,13,14,2,5,b,18,4,q,6,b,11,n,9,1h,17,a,6,a,d,1,2l,1b,h,8,3,a,15,u,d,1k,q,10,s,a,3,1d,2,9,7,17,2,3,15,4,1,6,1,2,3,1,5,18,1r,1c,2t,7q,2,6,2,12,2,6,2,8,1,1,1,1,1,1,1,v,2,1h,1,7,1,1,3,3,1,7,3,4,2,6,4,d,5,3,1,7,79,1,4,1,2,a,1,1,3,5,6,1,1,1,1,1,1,4,1,b,2,4,5,5,4,1,1,1m,k6,1o,26,m,hi,u,vg,3g,1,2w,6,4,3,2,9,1,2,12,1,1,5,1,2,1k,7,1,g,n,9,7,1,7,1,7,1,7,1,7,1,7,1,7,1,7,28,1,d1,3,p,9,7,5,2,5,4,2e,6,3,1,2i,1,4,5,17,1,2m,3,4,a,w,1c,g,w,a,u,8,1,f,w,a,13,f,8w,534,1s,h3h,1v,1a,2,7h,3,s,k,1b,g,v,2,28,13,9,2,2v,2,1s,5,2,1,1,1,5,o,g,1,3,1,4,1,n,d,6,a,1g,e,1e,s,a,o,6,3,1,1,2,1,12,a,n,p,t,7,1b,s,b,6,5,1,p,1,15,n,3,1,8,4,a,6,n,3,1,3,1e,1,1,3,2,2,5,2,1,1,1,o,3,2,b,7,3,c,6,2,6,2,6,9,7,1,7,1,17,1,e,6,37,d,a,6,8mc,c,n,4,1d,6is,a6,2,2y,12,7,c,5,5,1,1,a,1,d,1,5,1,1,1,2,1,2,1,30,x,a3,i,1s,2,1i,14,c,38,5,1,3r,j,a,7,q,6,q,b,2h,3,6,2,6,2,6,2,3,z,c,1,q,1,j,1,2,1,f,2,e,y,3f,c,19,c,1l,h,2,6s,t,3,1d,g,r,4,10,9,u,5,12,a,u,2,10,4,8,1,5,16,4e,2,a,6,10,4,10,4,14,8,1g,c,b,1,f,1,7,1,2,1,b,1,f,1,7,1,2,1v,8n,9,m,a,8,o,6,1,16,1,9,1x,6,2,1,1,18,1,2,3,1,2,n,2,v,2,12,8,9,1c,j,1,2,5,x,4,q,1y,1k,4,k,2,1b,f,4,1,3,1,t,a,9,n,v,1,w,w,8,1,s,6,5,g,1i,a,m,2,r,5,q,n,7,28,21,1j,1f,d,1f,7,16,c,a,86,v,1,16,6,2,26,14,8,m,b,4,r,i,1a,s,k,n,c,1h,q,u,1,2,2,1,d,19,w,p,7,a,9,10,f,a,4,1,2,1,8,z,3,1,c,1c,e,4,b,b,1,1,4,k,b,i,1,p,j,2,1r,7,1,1,1,4,1,f,1,a,7,1b,h,a,b,8,2,2,2,m,1,7,1,2,1,5,3,1,i,1,c,5,4e,1h,i,4,5,a,5,3,u,1c,k,2,1,1,8,a,4m,1b,15,4,10,1c,k,1,b,a,12,17,d,1,7,a,1i,r,l,c,4,7,55,18,38,2b,c,8,2,1,2,8,1,2,1,o,f,1,1,1,e,a,1y,8,2,13,g,1,1,1,s,1,a,14,7,1,l,1,b,1a,j,1,i,21,7b,9,1,11,h,1,f,t,5,u,34,7,1,2,1,12,l,1,9,a,6,6,1,2,1,w,e,1,7,a,8m,j,f,1,1,d,1,y,s,a,2e,1,f,l,17,pm,2u,33,h,5g,218,2p,f,ts,h,6,33t,g7,6nt,ft,7,v,1,a,6,27,1,a,6,u,i,1c,g,4,c,a,1,7,1,l,5,j,j4,2f,2x,23,5,1,1u,d,1s,2,1,1,s,4qg,8,ye,16,9,6w7,4,1,7,1,2,1,83,f,1,t,3,2,1,e,4,8,b0,1s4,2z,5,d,3,9,7,a,4di,k,c,k,30,p,3r,2d,1,1z,1,2,2,1,2,2,2,4,1,c,1,1,1,7,1,1t,1,4,2,8,1,7,1,s,1,4,1,5,1,1,3,7,1,9g,2,p,1,p,1,v,1,p,1,v,1,p,1,v,1,p,1,v,1,p,1,8,2,1e,1ds,v,6,6,79,1q,42,19,a,7,2,a,4,1,8x,u,i,18,4,a,d2,s,4,a,km,7,1,4,1,2,1,f,1,5h,2,9,1c,1w,7,1,4,a,lz,1n,1,3,1,4,24,19,1,f,5e,4,1,r,1,2,1,1,2,1,1,a,1,4,1,1,1,1,6,1,4,1,1,1,1,1,1,3,1,2,1,1,2,1,1,1,1,1,1,1,1,1,1,2,1,1,2,4,1,7,1,4,1,4,1,1,1,a,1,h,5,3,1,5,1,h,g4,d,25f,a,sm,wyo,w,37e,6,66,2,4g2,e,5rl,2e7,f2,15u,3t7,5,38g";
  var LETTER = (function () {
    var n = LETTERS.split(","), next = 0, cls = "";
    for (var i = 0; i + 1 < n.length; i += 2) {
      var lo = next + parseInt(n[i], 36);
      next = lo + parseInt(n[i + 1], 36);
      cls += "\\u{" + lo.toString(16) + "}-\\u{" + (next - 1).toString(16) + "}";
    }
    return "[" + cls + "]";
  })();
  var isLetter = new RegExp("^" + LETTER + "$", "u");
  function terms(text) {
    // A character is tested before it is lower-cased, and lower-cased on
    // its own, as Go's unicode.ToLower does: toLowerCase on the whole text
    // would make a final Σ ς and İ two characters.
    var out = [], word = [];
    function end() {
      if (word.length >= 2) out.push(word.slice(0, 24).join(""));
      word = [];
    }
    for (var c of text) {
      if (isLetter.test(c)) word.push(c === "\u0130" ? "i" : c.toLowerCase());
      else end();
    }
    end();
    return out;
  }
  // queryTerms is the terms a search uses: the first MAX_TERMS distinct
  // ones of the query's first MAX_QUERY characters (not cutting a
  // character's surrogate pair in two).
  function queryTerms(query) {
    if (query.length > MAX_QUERY) {
      var at = MAX_QUERY, c = query.charCodeAt(at - 1);
      if (c >= 0xd800 && c <= 0xdbff) at--;
      query = query.slice(0, at);
    }
    var seen = new Set();
    terms(query).forEach(function (w) { if (seen.size < MAX_TERMS) seen.add(w); });
    return Array.from(seen);
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
    var words = queryTerms(query);
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
    var re = marks.length ? new RegExp("(?<!" + LETTER + ")(" + marks.map(function (m) {
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
