// Descent: step-through controls for landscape figures. No framework, no
// network. The page works without this script: it shows every path and a
// table of final values. With it, a figure has a current step k (0..N); each
// run's progress path is drawn from step 0 to k and its markers sit at step k
// (a run that stopped early stays at its last point). At load k is N, so the
// picture matches the table, unless this tab saved another state for the
// figure (sessionStorage, so a live reload keeps it).
(function () {
  "use strict";

  var STEPS_PER_SECOND = 30;
  var SVGNS = "http://www.w3.org/2000/svg";

  function num(el, name) { return parseFloat(el.getAttribute(name)); }

  // fmt writes a number to about 4 significant digits.
  function fmt(v) {
    if (typeof v !== "number" || !isFinite(v)) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, "e");
    return String(parseFloat(v.toPrecision(4)));
  }

  // plot reads the world-to-viewBox map of a plot SVG (see svgviz) and adds
  // a clip path, the plot rectangle grown by 8 units as svgviz clips trails,
  // so that progress paths and markers leave the plot as the trails do.
  function plot(svg, id) {
    if (!svg || !svg.hasAttribute("data-plot")) return null;
    var p = svg.getAttribute("data-plot").trim().split(/[\s,]+/).map(Number);
    var x0 = num(svg, "data-x0"), x1 = num(svg, "data-x1");
    var y0 = num(svg, "data-y0"), y1 = num(svg, "data-y1");
    var log = svg.getAttribute("data-yscale") === "log";
    var cp = document.createElementNS(SVGNS, "clipPath"), rect = document.createElementNS(SVGNS, "rect");
    cp.id = id;
    [["x", p[0] - 8], ["y", p[1] - 8], ["width", p[2] + 16], ["height", p[3] + 16]].forEach(function (a) {
      rect.setAttribute(a[0], a[1]);
    });
    cp.appendChild(rect);
    svg.insertBefore(cp, svg.firstChild);
    function clamp(v) { return Math.max(-1e5, Math.min(1e5, v)); }
    return {
      svg: svg, clip: "url(#" + id + ")", log: log,
      // world maps a point of the viewBox back to the data (linear plots).
      world: function (sx, sy) {
        return [x0 + (sx - p[0]) / p[2] * (x1 - x0), y1 - (sy - p[1]) / p[3] * (y1 - y0)];
      },
      domain: [x0, x1, y0, y1],
      at: function (x, y) {
        if (log) y = y > 0 ? Math.log10(y) : y0;
        return [clamp(p[0] + (x - x0) / (x1 - x0) * p[2]),
                clamp(p[1] + (y1 - y) / (y1 - y0) * p[3])];
      }
    };
  }

  function r1(v) { return Math.round(v * 10) / 10; }

  // layer holds one run's drawing in one plot: screen points and elements.
  // path(j) is the path data from step 0 to j, built once and remembered
  // for the last j asked (a live figure asks for the whole path twice).
  function layer(pl, i, pts, full, g) {
    g = g || pl.svg.querySelector('g.run[data-run="' + i + '"]');
    if (!g) return null;
    // full, when given, is the whole path's data, already built.
    var segs = null, lastJ = full === undefined ? -1 : pts.length - 1, lastD = full || "";
    // progress: the path up to step k, and the pale rim under it.
    var l = { g: g, pts: pts, progress: g.querySelectorAll("path.progress"),
              markers: g.querySelectorAll("circle.marker"),
              path: function (j) {
                if (j === lastJ) return lastD;
                if (!segs) segs = pts.map(function (q, k) { return (k ? "L" : "M") + r1(q[0]) + " " + r1(q[1]); });
                lastJ = j;
                lastD = segs.slice(0, j + 1).join("");
                return lastD;
              } };
    for (var m = 0; m < l.progress.length; m++) l.progress[m].setAttribute("clip-path", pl.clip);
    for (m = 0; m < l.markers.length; m++) l.markers[m].setAttribute("clip-path", pl.clip);
    return l;
  }

  function drawLayer(l, j) {
    if (!l || !l.pts.length) return;
    var d = l.path(j);
    for (var m = 0; m < l.progress.length; m++) l.progress[m].setAttribute("d", d);
    for (m = 0; m < l.markers.length; m++) {
      l.markers[m].setAttribute("cx", r1(l.pts[j][0]));
      l.markers[m].setAttribute("cy", r1(l.pts[j][1]));
    }
  }

  // show hides or shows an SVG element (over any display attribute) or a
  // table row.
  function show(el, on) {
    if (el instanceof SVGElement) el.style.display = on ? "inline" : "none";
    else el.hidden = !on;
  }

  function storageKey(fig) { return "descent:" + location.pathname + "#" + fig.id; }

  function load(key) {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function save(key, value) {
    try { sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode, quota */ }
  }

  // A figure is set up once however many swaps of reload.js name it, and
  // not at all once a later swap took it out of the page.
  function once(el) {
    if (el.descentSetUp || !el.isConnected) return false;
    el.descentSetUp = true;
    return true;
  }

  function init(fig) {
    if (!once(fig)) return;
    var script = fig.querySelector("script.landscape-data");
    var data;
    try { data = JSON.parse(script.textContent); } catch (e) { return; }
    var runs = data.runs || [], sweeps = data.sweeps || [];
    var visible; // set below; the surface asks it which runs show
    var surface = window.DescentSurface && window.DescentSurface(fig, data, {
      runs: runs, visible: function (i) { return visible ? visible(i) : true; } });
    if (surface) surface.step(0);
    if (!runs.length) { fig.classList.add("landscape-live"); return; } // a landscape without runs: nothing to step

    var main = plot(fig.querySelector(".landscape-main svg[data-plot]"), fig.id + "-clip-main");
    var loss = plot(fig.querySelector(".landscape-loss svg[data-plot]"), fig.id + "-clip-loss");
    var cursor = loss && loss.svg.querySelector("line.cursor");
    // The regression's data plot: each run's fitted line follows its point.
    var dataSvg = fig.querySelector(".landscape-dataplot svg[data-plot]");
    var dataPlot = plot(dataSvg, fig.id + "-clip-data");
    var fits = dataPlot ? runs.map(function (r, i) {
      var el = dataSvg.querySelector('path.fit[data-run="' + i + '"]');
      if (el) el.setAttribute("clip-path", dataPlot.clip);
      return el;
    }) : [];
    var N = 0;
    runs.forEach(function (r) { N = Math.max(N, r.points.length - 1); });

    var layers = runs.map(function (r, i) {
      return {
        main: main && layer(main, i, r.points.map(function (p, j) {
          return main.at(p[0], p.length === 1 ? r.loss[j] : p[1]);
        })),
        loss: loss && layer(loss, i, r.loss.map(function (l, j) { return loss.at(j, l); })),
        item: fig.querySelector('.legend-item[data-run="' + i + '"]'),
        row: fig.querySelector('tr[data-run="' + i + '"]') };
    });

    var controls = fig.querySelector(".landscape-controls");
    var slider = fig.querySelector("input.landscape-step");
    var speed = fig.querySelector("select.landscape-speed");
    var playBtn = fig.querySelector('button[data-action="play"]');
    var readout = fig.querySelector(".landscape-readout");
    var sweepInputs = fig.querySelectorAll("input.landscape-sweep");
    var key = storageKey(fig);

    // k: the step; sel and pin: each sweep's chosen value and the value
    // pinned beside it (-1: none); off: the runs the reader turned off.
    var state = { k: N, sel: sweeps.map(function () { return 0; }), pin: sweeps.map(function () { return -1; }), off: [] };
    var saved = load(key);
    if (saved && typeof saved.k === "number" && saved.k >= 0 && saved.k <= N) state.k = Math.floor(saved.k);
    if (saved && Array.isArray(saved.off)) {
      state.off = saved.off.filter(function (i) { return typeof i === "number" && i >= 0 && i < runs.length; });
    }
    if (saved && Array.isArray(saved.pin)) {
      state.pin = state.pin.map(function (v, s) {
        var w = saved.pin[s];
        return typeof w === "number" && w >= -1 && w < sweeps[s].runs.length ? w : v;
      });
    }
    if (saved && Array.isArray(saved.sel)) {
      state.sel = state.sel.map(function (v, s) {
        var w = saved.sel[s];
        return typeof w === "number" && w >= 0 && w < sweeps[s].runs.length ? w : v;
      });
    }

    var playing = false, last = 0, acc = 0, lastAnnounce = 0;
    var live = null; // the live figure, once set up (live.js)

    // chosen: run i is the chosen or the pinned value of its sweep, or in
    // none; visible: chosen, and not turned off.
    function chosen(i) {
      for (var s = 0; s < sweeps.length; s++) {
        var at = sweeps[s].runs.indexOf(i);
        if (at >= 0 && at !== state.sel[s] && at !== state.pin[s]) return false;
      }
      return true;
    }
    visible = function (i) { return chosen(i) && state.off.indexOf(i) < 0; };

    function sweepLabel(s) {
      var input = fig.querySelector('input.landscape-sweep[data-sweep="' + s + '"]');
      var list = input && input.list;
      var opt = list && list.options[state.sel[s]];
      return opt ? opt.label : fmt(sweeps[s].values[state.sel[s]]);
    }

    function applySweeps() {
      layers.forEach(function (l, i) {
        var on = visible(i);
        if (l.main) show(l.main.g, on);
        if (l.loss) show(l.loss.g, on);
        if (l.row) show(l.row, chosen(i));
        if (l.item) {
          show(l.item, chosen(i));
          if (l.toggle) l.toggle.setAttribute("aria-pressed", String(state.off.indexOf(i) < 0));
        }
      });
      Array.prototype.forEach.call(fig.querySelectorAll("button.landscape-pin"), function (b) {
        var s = +b.getAttribute("data-sweep");
        var pinned = state.pin[s] >= 0;
        b.setAttribute("aria-pressed", String(pinned));
        b.textContent = pinned ? "Unpin " + fmt(sweeps[s].values[state.pin[s]]) : "Pin";
      });
      for (var s = 0; s < sweepInputs.length; s++) {
        var input = sweepInputs[s], id = +input.getAttribute("data-sweep");
        if (!sweeps[id]) continue;
        input.value = state.sel[id];
        input.setAttribute("aria-valuetext", sweepLabel(id));
        var out = fig.querySelector('output[data-sweep="' + id + '"]');
        if (out) out.value = sweepLabel(id);
      }
    }

    function announce() {
      var k = state.k;
      readout.textContent = "";
      var head = document.createElement("span");
      head.className = "landscape-readout-step";
      head.textContent = "Step " + k + " / " + N;
      readout.appendChild(head);
      runs.forEach(function (r, i) {
        if (!visible(i)) return;
        var j = Math.min(k, r.points.length - 1), p = r.points[j];
        var line = document.createElement("span");
        line.className = "landscape-readout-run";
        // Full precision for tests and embedders: the shortest text that
        // reads back as the same double.
        line.setAttribute("data-run", i + 1);
        if (p) {
          line.setAttribute("data-x", String(p[0]));
          if (p.length > 1) line.setAttribute("data-y", String(p[1]));
          line.setAttribute("data-loss", String(r.loss[j]));
        }
        var sw = document.createElement("span");
        sw.className = "swatch";
        sw.setAttribute("aria-hidden", "true");
        sw.style.background = r.color || "currentColor";
        line.appendChild(sw);
        var name = r.label + (r.changed ? " (" + r.changed + ")" : "");
        var text = !p ? name + ": no finite point" :
          name + ": (" + p.map(fmt).join(", ") + "), loss\u00a0" + fmt(r.loss[j]) +
          ", |∇f|\u00a0" + fmt(r.grad_norm ? r.grad_norm[j] : NaN) +
          (r.lr && p ? ", lr\u00a0" + fmt(r.lr[j]) : ""); // a scheduled rate: the one the next step uses
        if (r.diverged && k >= r.points.length) text += ", diverged at step " + r.stopped_at;
        line.appendChild(document.createTextNode(text));
        readout.appendChild(line);
      });
    }

    // probes draws a grid search's square and probes around point j: the
    // ones the next step evaluates.
    function probes(l, r, j) {
      var g = l.main && l.main.g, grid = r.grid, old = g && g.querySelector(".probes");
      if (!g || !grid || !r.points[j] || j >= grid.radius.length || !visible(runs.indexOf(r))) {
        if (old) old.style.display = "none";
        return;
      }
      if (!old) {
        old = document.createElementNS(SVGNS, "g");
        old.setAttribute("class", "probes");
        old.setAttribute("clip-path", main.clip);
        old.innerHTML = '<path class="probe-square" fill="none" stroke-dasharray="3 2" stroke-width="1"/><path class="probe-dots" stroke-width="3" stroke-linecap="round"/>';
        g.appendChild(old);
      }
      old.style.display = "";
      var p = r.points[j], rad = grid.radius[j], n = grid.points, dots = "";
      var at = function (dx, dy) { return main.at(p[0] + dx, p.length > 1 ? p[1] + dy : r.loss[j]); };
      for (var a = 0; a < (p.length > 1 ? n : 1); a++) {
        for (var b = 0; b < n; b++) {
          var o = function (i) { return n > 1 ? -rad + 2 * rad * i / (n - 1) : 0; };
          var q = at(o(b), o(a));
          dots += "M" + r1(q[0]) + " " + r1(q[1]) + "h0";
        }
      }
      var lo = at(-rad, -rad), hi = at(rad, rad);
      old.firstChild.setAttribute("d", p.length > 1 ?
        "M" + r1(lo[0]) + " " + r1(lo[1]) + "H" + r1(hi[0]) + "V" + r1(hi[1]) + "H" + r1(lo[0]) + "Z" : "");
      old.lastChild.setAttribute("d", dots);
    }

    // simplex draws Nelder–Mead's simplex at point j.
    function simplex(l, r, j) {
      var g = l.main && l.main.g, sx = r.simplex, el = g && g.querySelector("path.simplex");
      if (!g || !sx || !sx[j] || !visible(runs.indexOf(r))) {
        if (el) el.style.display = "none";
        return;
      }
      if (!el) {
        el = document.createElementNS(SVGNS, "path");
        el.setAttribute("class", "simplex");
        el.setAttribute("stroke-width", "1.5");
        el.setAttribute("clip-path", main.clip);
        g.appendChild(el);
      }
      el.style.display = "";
      el.setAttribute("d", sx[j].map(function (v, i) {
        var q = main.at(v[0], v.length > 1 ? v[1] : 0);
        return (i ? "L" : "M") + r1(q[0]) + " " + r1(q[1]);
      }).join("") + "Z");
    }

    function draw(force) {
      var k = state.k;
      layers.forEach(function (l, i) {
        var j = Math.min(k, runs[i].points.length - 1);
        drawLayer(l.main, j);
        drawLayer(l.loss, j);
        probes(l, runs[i], j);
        var fit = fits[i], p = runs[i].points[j];
        if (fit && p && p.length === 2) {
          var t0 = num(dataSvg, "data-x0"), t1 = num(dataSvg, "data-x1");
          var a = dataPlot.at(t0, p[0] + p[1] * t0), b = dataPlot.at(t1, p[0] + p[1] * t1);
          fit.setAttribute("d", "M" + r1(a[0]) + " " + r1(a[1]) + "L" + r1(b[0]) + " " + r1(b[1]));
          fit.style.display = visible(i) ? "" : "none";
        }
        simplex(l, runs[i], j);
      });
      if (surface) surface.step(k);
      if (cursor) {
        var x = r1(loss.at(k, 1)[0]);
        cursor.setAttribute("x1", x);
        cursor.setAttribute("x2", x);
      }
      slider.value = k;
      slider.setAttribute("aria-valuetext", "Step " + k + " of " + N);
      var now = performance.now();
      if (force || !playing || now - lastAnnounce > 500) {
        lastAnnounce = now;
        announce();
        save(key, state);
        if (live && !playing) live.stepped();
      }
    }

    function setPlaying(on) {
      if (on === playing) return;
      playing = on;
      fig.classList.toggle("is-playing", on);
      // While playing the readout still updates for sighted readers, but a
      // screen reader hears only where the run stops.
      readout.setAttribute("aria-live", on ? "off" : "polite");
      playBtn.setAttribute("aria-label", on ? "Pause" : "Play");
      if (on) {
        if (state.k >= N) { state.k = 0; draw(true); }
        last = performance.now();
        acc = 0;
        requestAnimationFrame(tick);
      } else {
        draw(true);
      }
    }

    function tick(now) {
      if (!playing) return;
      acc += (now - last) / 1000 * STEPS_PER_SECOND * parseFloat(speed.value || "1");
      last = now;
      if (acc >= 1) {
        var n = Math.floor(acc);
        acc -= n;
        state.k = Math.min(N, state.k + n);
        draw(false);
      }
      if (state.k >= N) setPlaying(false);
      else requestAnimationFrame(tick);
    }

    function go(k) {
      setPlaying(false);
      state.k = Math.max(0, Math.min(N, k));
      draw(true);
    }

    var actions = {
      first: function () { go(0); },
      back: function () { go(state.k - 1); },
      play: function () { setPlaying(!playing); },
      forward: function () { go(state.k + 1); },
      last: function () { go(N); }
    };

    controls.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-action]");
      if (b && actions[b.getAttribute("data-action")]) actions[b.getAttribute("data-action")]();
    });
    slider.addEventListener("input", function () { go(parseInt(slider.value, 10)); });

    // Pin keeps a sweep's current value drawn while the slider picks
    // another to compare it with.
    Array.prototype.forEach.call(fig.querySelectorAll("button.landscape-pin"), function (b) {
      b.addEventListener("click", function () {
        var s = +b.getAttribute("data-sweep");
        state.pin[s] = state.pin[s] >= 0 ? -1 : state.sel[s];
        applySweeps();
        draw(true);
      });
    });

    // Each run's legend entry becomes a button that turns the run off and
    // on, and highlights it while the pointer or the focus is on it.
    function hot(i, on) {
      layers.forEach(function (l, j) {
        [l.main, l.loss].forEach(function (pl) {
          if (!pl) return;
          pl.g.classList.toggle("is-hot", on && j === i);
          pl.g.classList.toggle("is-dim", on && j !== i);
        });
      });
    }
    layers.forEach(function (l, i) {
      var item = l.item;
      if (!item) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "legend-toggle";
      b.title = "Show or hide this run";
      while (item.firstChild) b.appendChild(item.firstChild);
      item.appendChild(b);
      l.toggle = b;
      b.addEventListener("click", function () {
        var at = state.off.indexOf(i);
        if (at >= 0) state.off.splice(at, 1); else state.off.push(i);
        applySweeps();
        draw(true);
      });
      ["mouseenter", "focus"].forEach(function (t) { b.addEventListener(t, function () { hot(i, true); }); });
      ["mouseleave", "blur"].forEach(function (t) { b.addEventListener(t, function () { hot(i, false); }); });
    });
    Array.prototype.forEach.call(sweepInputs, function (input) {
      input.addEventListener("input", function () {
        var s = +input.getAttribute("data-sweep");
        state.sel[s] = parseInt(input.value, 10);
        applySweeps();
        draw(true);
      });
    });

    // Keys act only while the figure or one of its controls has focus; keys
    // a focused control handles itself (arrows on a slider, Space on a
    // button) are left to it.
    fig.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target, tag = t.tagName;
      if (surface && !(tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") && surface.key(e)) return;
      var range = tag === "INPUT" && t.type === "range";
      var own = tag === "SELECT" || (tag === "INPUT" && !range) || tag === "TEXTAREA";
      var button = tag === "BUTTON" || tag === "A";
      var act;
      switch (e.key) {
        case "ArrowLeft": if (!range && !own) act = actions.back; break;
        case "ArrowRight": if (!range && !own) act = actions.forward; break;
        case "Home": if (!range && !own) act = actions.first; break;
        case "End": if (!range && !own) act = actions.last; break;
        case " ": case "Spacebar": if (!button && !own) act = actions.play; break;
      }
      if (act) { e.preventDefault(); act(); }
    });

    window.addEventListener("pagehide", function () { save(key, state); });

    slider.max = N;
    controls.hidden = false;
    fig.classList.add("landscape-live");
    applySweeps();
    live = window.DescentLive && window.DescentLive(fig, data, {
      runs: runs, layers: layers, main: main, loss: loss, state: state, N: N,
      draw: draw, layer: layer, go: go
    });
    if (live) live.restore();
    draw(true);
  }

  // A parameter sweep is one figure per value: a slider shows one of them,
  // the one the address names (?fig=) if any. Without the script all show.
  function initFamily(fam) {
    if (!once(fam)) return;
    var figs = fam.querySelectorAll(":scope > figure.landscape");
    var input = fam.querySelector("input.landscape-family-input");
    var out = fam.querySelector(".landscape-family-controls output");
    if (!input || figs.length < 2) return;
    var named = new URLSearchParams(location.search).get("fig");
    for (var i = 0; i < figs.length; i++) if (figs[i].id === named) input.value = String(i);
    function show() {
      var k = +input.value;
      for (var i = 0; i < figs.length; i++) figs[i].hidden = i !== k;
      var opt = fam.querySelectorAll("datalist option")[k];
      if (out && opt) out.textContent = opt.getAttribute("label");
    }
    input.addEventListener("input", show);
    input.parentNode.hidden = false;
    show();
  }

  // Each figure is set up in a task of its own, so a page of many figures
  // never blocks input for long.
  function start(root) {
    root = root && root.querySelectorAll ? root : document;
    // root itself too: reload.js passes each element it brought in.
    var within = function (sel) {
      var els = Array.prototype.slice.call(root.querySelectorAll(sel));
      return root.matches && root.matches(sel) ? [root].concat(els) : els;
    };
    var figs = within("figure.landscape");
    (function next() {
      var fig = figs.shift();
      if (!fig) {
        within(".landscape-family").forEach(initFamily);
        return;
      }
      try { init(fig); } catch (e) { if (window.console) console.error("landscape " + fig.id + ":", e); }
      setTimeout(next, 0);
    })();
  }

  // reload.js calls this for a page it swapped in place.
  window.DescentFigures = start;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { start(); });
  else start();
})();
