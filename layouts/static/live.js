// live.js: live figures. The reader drags a start, clicks in the plot or
// slides a setting, and every affected run is recomputed by engine.js with
// the build's exact bits, then redrawn: trail, markers, loss curve, table
// row and readout. The address holds the figure's state
// (?fig=ID&step=K&start=X,Y&lr=V&r2.momentum=V#ID). landscape.js calls
// DescentLive once per figure; without engine.js nothing here runs and the
// figure replays what the build computed.
(function () {
  "use strict";
  var E = window.DescentEngine;
  if (!E) return;

  var LOG = { lr: true, eps: true };
  // Counts: a whole number from 1 to the most the build takes (optim's
  // Setting.Whole, in engine.js's LIMITS); grid search probes points ×
  // points at every step.
  var WHOLE = {};
  Object.keys(E.LIMITS).forEach(function (k) { if (typeof E.LIMITS[k] === "number") WHOLE[k] = E.LIMITS[k]; });
  function whole(name, x) { return WHOLE[name] ? Math.min(WHOLE[name], Math.max(1, Math.round(x))) : x; }

  // SETTING holds every live optimizer's setting names: an address's one
  // without rN. belongs to the figure its fig= names, and a figure that
  // writes the address takes them all out (a flag such as maximize=true
  // is in no figure's ranges, and it stayed, to apply to this figure's
  // runs once fig= named it).
  var SETTING = Object.create(null);
  Object.keys(E.DEFAULTS).forEach(function (o) { Object.keys(E.DEFAULTS[o]).forEach(function (k) { SETTING[k] = true; }); });

  // fmt writes a number to about 4 significant digits; anything else (a
  // flag such as maximize=true) as it is.
  function fmt(v) {
    if (typeof v !== "number" || !isFinite(v)) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, "e");
    return String(parseFloat(v.toPrecision(4)));
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // bounds of a setting: the figure's, or around v as the build chooses them.
  function boundsOf(data, name, v) {
    if (data.live && data.live[name]) return data.live[name];
    if (WHOLE[name]) return [1, WHOLE[name]];
    if (LOG[name]) return [v / 100, v * 100];
    if (E.LIMITS[name] === "u") return [0, 0.999]; // decay rates, as the build's defaultBounds
    return [0, Math.max(1, 10 * v)];
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (v, i) { return Object.is(v, b[i]); });
  }

  window.DescentLive = function (fig, data, ui) {
    var f = E.compile(data.engine);
    if (!f || !data.live) return null;
    var runs = ui.runs, dim = data.dim;
    var liveRuns = runs.map(function (r) { return !!r.live && E.live(r.optimizer, r.params); });
    if (!liveRuns.some(Boolean)) return null;

    var orig = runs.map(function (r) {
      return { optimizer: r.optimizer, params: Object.assign({}, r.params), start: r.start.slice(),
        points: r.points, loss: r.loss, grad_norm: r.grad_norm, diverged: r.diverged, stopped_at: r.stopped_at };
    });
    var groups = runs.map(function (r, i) {
      var sel = 'g.run[data-run="' + i + '"]';
      return [ui.main && ui.main.svg.querySelector(sel), ui.loss && ui.loss.svg.querySelector(sel)];
    });
    var saved = groups.map(function (gs) { return gs.map(function (g) { return g && g.innerHTML; }); });
    // elems are the parts of each run's drawing a recompute changes; found
    // again after a reset restores the group.
    var elems = [];
    function findElems(i) {
      elems[i] = groups[i].map(function (g) {
        if (!g) return {};
        return { trail: g.querySelector("path.trail"), start: g.querySelector("circle.start"), end: g.querySelector("circle.end"),
          hide: Array.prototype.slice.call(g.querySelectorAll("path.steps, path.diverged, text.diverged")) };
      });
    }
    runs.forEach(function (_, i) { findElems(i); });
    var rows = runs.map(function (r, i) { return fig.querySelector('tr[data-run="' + i + '"]'); });
    var savedRows = rows.map(function (tr) { return tr && tr.innerHTML; });

    // The reader's changes to each run: optimizer, settings and start.
    var changes = runs.map(function () { return {}; });

    function current(i) {
      var c = changes[i], o = orig[i];
      return { optimizer: c.optimizer || o.optimizer, params: Object.assign({}, c.params || o.params),
        start: c.start || o.start };
    }

    function describe(i) {
      var c = current(i), o = orig[i], parts = [];
      if (c.optimizer !== o.optimizer) parts.push(c.optimizer);
      Object.keys(c.params).sort().forEach(function (k) {
        if (!Object.is(c.params[k], o.params[k])) parts.push(k + "=" + fmt(c.params[k]));
      });
      if (!same(c.start, o.start)) parts.push("from (" + c.start.map(fmt).join(", ") + ")");
      return parts.join(", ");
    }

    function screen(pl, r, j, p) { return pl.at(p[0], p.length === 1 ? r.loss[j] : p[1]); }

    function setCircle(c, q, on) {
      if (!c) return;
      c.style.display = on ? "" : "none";
      if (q) { c.setAttribute("cx", Math.round(q[0] * 10) / 10); c.setAttribute("cy", Math.round(q[1] * 10) / 10); }
    }

    // redraw puts run i's new numbers on the page: the screen points and
    // the whole path's data are built in one pass.
    function redraw(i) {
      var r = runs[i];
      [ui.main, ui.loss].forEach(function (pl, w) {
        var g = groups[i][w];
        if (!pl || !g) return;
        var n = w === 0 ? r.points.length : r.loss.length, pts = new Array(n), d = "", lx = NaN, ly = NaN;
        for (var j = 0; j < n; j++) {
          var q = w === 0 ? screen(pl, r, j, r.points[j]) : pl.at(j, r.loss[j]);
          pts[j] = q;
          // The whole path's data skips points within a third of a unit of
          // the last one written (a converged run repeats its point): the
          // same picture in far fewer segments.
          var x = Math.round(q[0] * 10) / 10, y = Math.round(q[1] * 10) / 10;
          if (j && j < n - 1 && Math.abs(x - lx) + Math.abs(y - ly) < 0.34) continue;
          d += (j ? "L" : "M") + x + " " + y;
          lx = x; ly = y;
        }
        var fresh = ui.layer(pl, i, pts, d, g);
        if (fresh) ui.layers[i][w === 0 ? "main" : "loss"] = fresh;
        var el = elems[i][w];
        el.trail && el.trail.setAttribute("d", d);
        el.hide.forEach(function (e) { e.style.display = "none"; });
        setCircle(el.start, pts[0], n > 0);
        setCircle(el.end, pts[n - 1], n > 0 && !r.diverged);
      });
      var tr = rows[i];
      if (tr) {
        var cells = tr.querySelectorAll("td"), n = r.points.length;
        if (cells.length >= 3) {
          cells[0].textContent = n ? (dim === 1 ? fmt(r.points[n - 1][0]) : "(" + r.points[n - 1].map(fmt).join(", ") + ")") : "—";
          cells[1].textContent = n ? fmt(r.loss[n - 1]) : "—";
          cells[2].textContent = r.diverged ? "diverged at step " + r.stopped_at : (n - 1) + " steps";
        }
      }
    }

    function recompute(i) {
      var c = current(i), r = runs[i];
      var res = E.run(f, dim, c.optimizer, c.params, c.start, r.steps);
      r.points = res.points; r.loss = res.loss; r.grad_norm = res.grad_norm;
      r.diverged = res.diverged; r.stopped_at = res.stopped_at;
      r.optimizer = c.optimizer; r.params = c.params; r.start = c.start;
      r.grid = null;
      if (c.optimizer === "grid-search") { // the probes' radius at each point, as the build writes it
        var rad = [], x = c.params.radius;
        for (var k = 0; k < res.points.length; k++) { rad.push(x); x = x * c.params.shrink; }
        r.grid = { points: c.params.points, radius: rad };
      }
      r.changed = describe(i);
      redraw(i);
    }

    function resetRun(i) {
      var o = orig[i], r = runs[i];
      changes[i] = {};
      Object.assign(r, { optimizer: o.optimizer, params: Object.assign({}, o.params), start: o.start.slice(),
        points: o.points, loss: o.loss, grad_norm: o.grad_norm, diverged: o.diverged, stopped_at: o.stopped_at, changed: "" });
      [ui.main, ui.loss].forEach(function (pl, w) {
        var g = groups[i][w];
        if (!pl || !g) return;
        g.innerHTML = saved[i][w];
        findElems(i);
        var pts = w === 0 ? r.points.map(function (p, j) { return screen(pl, r, j, p); })
                          : r.loss.map(function (l, j) { return pl.at(j, l); });
        var fresh = ui.layer(pl, i, pts);
        if (fresh) ui.layers[i][w === 0 ? "main" : "loss"] = fresh;
      });
      if (rows[i]) rows[i].innerHTML = savedRows[i];
    }

    var pending = null;
    // update recomputes runs (all when which is null) in the next frame, so
    // that a drag recomputes once per frame however fast the pointer moves.
    function update(which, now) {
      pending = pending || {};
      (which || runs.map(function (_, i) { return i; })).forEach(function (i) { if (liveRuns[i]) pending[i] = true; });
      if (now) return flush();
      requestAnimationFrame(flush);
    }

    function flush() {
      if (!pending) return;
      var p = pending;
      pending = null;
      var t0 = performance.now();
      Object.keys(p).forEach(function (i) { recompute(+i); });
      var t1 = performance.now();
      ui.draw(true);
      // A page or test that sets window.descentLiveTimes gets each update's
      // time: [recompute, redraw] in milliseconds.
      if (window.descentLiveTimes) window.descentLiveTimes.push([t1 - t0, performance.now() - t1]);
      if (!restoring) writeURL();
    }

    // Starts: runs sharing the figure's start move together.
    function moveStart(i, pt) {
      var targets = runs[i].shared_start ? runs.map(function (r, j) { return r.shared_start && liveRuns[j] ? j : -1; }).filter(function (j) { return j >= 0; }) : [i];
      targets.forEach(function (j) { changes[j].start = pt.slice(0, dim); });
      update(targets);
    }

    function clampToDomain(w) {
      var d = ui.main.domain;
      var x = Math.min(Math.max(w[0], Math.min(d[0], d[1])), Math.max(d[0], d[1]));
      if (dim === 1) return [x];
      return [x, Math.min(Math.max(w[1], Math.min(d[2], d[3])), Math.max(d[2], d[3]))];
    }

    // worldAt maps a pointer to the data, clamped to the domain; with
    // inside set, null when the pointer is off the plot (on the legend).
    function worldAt(e, inside) {
      var svg = ui.main.svg, pt = svg.createSVGPoint();
      pt.x = e.clientX; pt.y = e.clientY;
      var m = svg.getScreenCTM();
      if (!m) return null;
      var q = pt.matrixTransform(m.inverse());
      var r = (svg.getAttribute("data-plot") || "").trim().split(/[\s,]+/).map(Number);
      if (inside && !(q.x >= r[0] && q.x <= r[0] + r[2] && q.y >= r[1] && q.y <= r[1] + r[3])) return null;
      return clampToDomain(ui.main.world(q.x, q.y));
    }

    var shared = runs.findIndex(function (r, j) { return r.shared_start && liveRuns[j]; });
    var drag = -1;
    if (ui.main) {
      // A mouse or pen drags anywhere in the plot. A finger that does not
      // start on a start marker scrolls the page as usual, and a tap moves
      // the shared start (style.css: touch-action).
      var tap = null;
      ui.main.svg.addEventListener("pointerdown", function (e) {
        var g = e.target.closest && e.target.closest("g.run");
        var onMarker = g && e.target.matches("circle.start");
        var i = onMarker ? +g.getAttribute("data-run") : shared;
        if (i < 0 || !liveRuns[i] || e.button > 0) return;
        var w = worldAt(e, true);
        if (!w && !onMarker) return;
        if (e.pointerType === "touch" && !onMarker) {
          tap = { x: e.clientX, y: e.clientY, id: e.pointerId };
          return;
        }
        drag = i;
        ui.main.svg.setPointerCapture(e.pointerId);
        if (w) moveStart(i, w);
        e.preventDefault();
      });
      ui.main.svg.addEventListener("pointermove", function (e) {
        if (drag < 0) return;
        var w = worldAt(e);
        if (w) moveStart(drag, w);
      });
      ui.main.svg.addEventListener("pointerup", function (e) {
        if (tap && tap.id === e.pointerId && Math.abs(e.clientX - tap.x) + Math.abs(e.clientY - tap.y) < 10) {
          var w = worldAt(e, true);
          if (w) moveStart(shared, w);
        }
        tap = null;
        drag = -1;
      });
      ui.main.svg.addEventListener("pointercancel", function () { tap = null; drag = -1; });
      ui.main.svg.classList.add("landscape-draggable");
    }

    // The panel: buttons, then a fieldset of settings per live run.
    var panel = el("div", { "class": "landscape-livepanel" });
    var bar = el("div", { "class": "landscape-livebar", role: "group", "aria-label": "Live figure" });
    var moveBtn = el("button", { type: "button", "aria-pressed": "false", "data-action": "move-start" }, "Move start");
    var resetBtn = el("button", { type: "button", "data-action": "reset" }, "Reset");
    var copyBtn = el("button", { type: "button", "data-action": "copy-link" }, "Copy link");
    if (shared >= 0) bar.appendChild(moveBtn);
    bar.appendChild(resetBtn);
    bar.appendChild(copyBtn);
    var note = el("span", { "class": "landscape-livenote" }, shared >= 0 ?
      "Click or drag in the plot to move the start; drag a start marker to move its run." : "Drag a start marker to move its run.");
    bar.appendChild(note);
    panel.appendChild(bar);
    var details = el("details", { "class": "landscape-settings" });
    details.appendChild(el("summary", {}, "Settings"));
    panel.appendChild(details);
    var fieldsets = [];

    function settingControl(i, name) {
      var id = fig.id + "-r" + (i + 1) + "-" + name;
      var c = current(i), v = c.params[name];
      var wrap = el("span", { "class": "landscape-field" });
      if (typeof v === "boolean") {
        var box = el("input", { type: "checkbox", id: id });
        box.checked = v;
        box.addEventListener("change", function () {
          changes[i].params = Object.assign(current(i).params, (function () { var o = {}; o[name] = box.checked; return o; })());
          update([i]);
        });
        wrap.appendChild(box);
        wrap.appendChild(el("label", { "for": id }, name));
        return wrap;
      }
      var b = boundsOf(data, name, orig[i].params[name] !== undefined && orig[i].optimizer === c.optimizer ? orig[i].params[name] : v);
      var log = LOG[name] && b[0] > 0;
      var toT = function (x) { return log ? (Math.log10(x) - Math.log10(b[0])) / (Math.log10(b[1]) - Math.log10(b[0])) : (x - b[0]) / (b[1] - b[0]); };
      var fromT = function (t) { return log ? Math.pow(10, Math.log10(b[0]) + t * (Math.log10(b[1]) - Math.log10(b[0]))) : b[0] + t * (b[1] - b[0]); };
      // The slider's ends are the first and last of its 1,000 notches whose
      // value the build takes: the notch at 0 of radius: [0, 30] (radius must
      // be greater than 0) or past 1 of eta_minus: [0, 5] (less than 1) is left out.
      var ok = function (n) { return E.legal(name, whole(name, fromT(n / 1000))); };
      var lo = 0, hi = 1000;
      while (lo < hi && !ok(lo)) lo++;
      while (hi > lo && !ok(hi)) hi--;
      var input = el("input", { type: "range", id: id, min: String(lo), max: String(hi), step: "1", "data-setting": name, "data-run": i + 1 });
      input.value = Math.round(Math.min(hi / 1000, Math.max(lo / 1000, toT(v))) * 1000);
      var out = el("output", { "for": id }, fmt(v));
      input.setAttribute("aria-valuetext", name + " " + fmt(v));
      input.addEventListener("input", function () {
        var x = whole(name, fromT(input.value / 1000));
        if (!E.legal(name, x)) return; // a live: range with no value the build takes
        var p = current(i).params;
        p[name] = x;
        changes[i].params = p;
        out.value = fmt(x);
        input.setAttribute("aria-valuetext", name + " " + fmt(x));
        update([i]);
      });
      wrap.appendChild(el("label", { "for": id }, name + (log ? " (log scale)" : "")));
      wrap.appendChild(input);
      wrap.appendChild(out);
      return wrap;
    }

    function buildFieldset(i) {
      var fs = fieldsets[i];
      fs.textContent = "";
      fs.appendChild(el("legend", {}, runs[i].label));
      var sid = fig.id + "-r" + (i + 1) + "-optimizer";
      var sel = el("select", { id: sid, "data-run": i + 1 });
      E.optimizers.forEach(function (name) {
        var o = el("option", { value: name }, name);
        if (name === current(i).optimizer) o.selected = true;
        sel.appendChild(o);
      });
      sel.addEventListener("change", function () {
        var c = current(i), d = E.DEFAULTS[sel.value], p = {};
        for (var k in d) p[k] = d[k] === null ? (c.params[k] !== undefined ? c.params[k] : 0.01) : d[k];
        changes[i].optimizer = sel.value;
        changes[i].params = p;
        buildFieldset(i);
        update([i]);
        fs.querySelector("select").focus();
      });
      var w = el("span", { "class": "landscape-field" });
      w.appendChild(el("label", { "for": sid }, "optimizer"));
      w.appendChild(sel);
      fs.appendChild(w);
      Object.keys(current(i).params).forEach(function (name) {
        if (name !== "batch") fs.appendChild(settingControl(i, name));
      });
    }

    runs.forEach(function (r, i) {
      if (!liveRuns[i]) return;
      fieldsets[i] = el("fieldset", { "data-run": i + 1 });
      details.appendChild(fieldsets[i]);
      buildFieldset(i);
    });
    var fixed = runs.filter(function (_, i) { return !liveRuns[i]; }).map(function (r) { return r.label; });
    if (fixed.length) {
      details.appendChild(el("p", { "class": "landscape-livenote" }, "Replayed as the build computed them, not recomputed in the page " +
        "(newton, bfgs, nelder-mead and mini-batches are not): " + fixed.join("; ") + "."));
    }
    var ro = fig.querySelector(".landscape-readout");
    ro.parentNode.insertBefore(panel, ro);

    function resetAll() {
      runs.forEach(function (_, i) { if (liveRuns[i]) resetRun(i); });
      fieldsets.forEach(function (fs, i) { if (fs) buildFieldset(i); });
      ui.draw(true);
      writeURL();
    }

    var moving = false, restoring = false, noteText = note.textContent;
    function setMoving(on) {
      moving = on;
      moveBtn.setAttribute("aria-pressed", String(on));
      note.textContent = on ? "Arrow keys move the start (Shift: ten times as far); Escape ends." : noteText;
    }
    moveBtn.addEventListener("click", function () {
      setMoving(!moving);
      if (moving) fig.focus();
    });
    resetBtn.addEventListener("click", resetAll);
    copyBtn.addEventListener("click", function () {
      writeURL(true);
      var done = function () { copyBtn.textContent = "Link copied"; setTimeout(function () { copyBtn.textContent = "Copy link"; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(location.href).then(done, done);
      else done();
    });
    // In move-start mode the arrow keys move the shared start by a hundredth
    // of the domain; this listener runs before landscape.js's step keys.
    fig.addEventListener("keydown", function (e) {
      if (!moving || shared < 0) return;
      var d = ui.main.domain, s = e.shiftKey ? 0.1 : 0.01, c = current(shared).start.slice(), dx = 0, dy = 0;
      switch (e.key) {
        case "ArrowLeft": dx = -1; break;
        case "ArrowRight": dx = 1; break;
        case "ArrowUp": dy = 1; break;
        case "ArrowDown": dy = -1; break;
        case "Escape": setMoving(false); e.preventDefault(); e.stopImmediatePropagation(); return;
        default: return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      c[0] += dx * s * (d[1] - d[0]);
      if (dim === 2) c[1] += dy * s * (d[3] - d[2]);
      moveStart(shared, clampToDomain(c));
    }, true);

    // The address: only the state that differs from the author's figure.
    // While a reader drags, it is written once the pointer rests (browsers
    // throttle history.replaceState, and it costs a frame's time).
    var urlTimer = 0;
    function writeURL(force) {
      clearTimeout(urlTimer);
      if (force) return writeURLNow(true);
      urlTimer = setTimeout(writeURLNow, drag >= 0 ? 150 : 0);
    }
    function writeURLNow(force) {
      var q = new URLSearchParams(location.search);
      Array.from(q.keys()).forEach(function (k) { if (k === "fig" || k === "step" || k === "start" || /^r\d+\./.test(k) || SETTING[k] || data.live[k] !== undefined) q.delete(k); });
      var any = false;
      runs.forEach(function (r, i) {
        var c = changes[i], n = "r" + (i + 1) + ".";
        if (c.optimizer) { q.set(n + "optimizer", c.optimizer); any = true; }
        if (c.params) Object.keys(c.params).forEach(function (k) {
          if (!Object.is(c.params[k], orig[i].params[k]) || c.optimizer) { q.set(n + k, String(c.params[k])); any = true; }
        });
        if (c.start && !r.shared_start) { q.set(n + "start", c.start.join(",")); any = true; }
      });
      if (shared >= 0 && changes[shared].start) { q.set("start", changes[shared].start.join(",")); any = true; }
      if (!any && !force && (new URLSearchParams(location.search)).get("fig") !== fig.id) return;
      q.set("fig", fig.id);
      q.set("step", String(ui.state.k));
      var s = q.toString().replace(/%2C/g, ",");
      history.replaceState(history.state, "", location.pathname + "?" + s + "#" + fig.id);
    }

    // restore applies the address's state if it names this figure.
    function restore() {
      var q = new URLSearchParams(location.search);
      if (q.get("fig") !== fig.id) return;
      var num = function (v) { var x = Number(v); return v !== null && v !== "" && isFinite(x) ? x : null; };
      var point = function (v) {
        if (!v) return null;
        var p = v.split(",").map(num);
        return p.length === dim && p.every(function (x) { return x !== null; }) ? p : null;
      };
      runs.forEach(function (r, i) {
        if (!liveRuns[i]) return;
        var n = "r" + (i + 1) + ".", c = changes[i];
        var opt = q.get(n + "optimizer");
        if (opt && Object.prototype.hasOwnProperty.call(E.DEFAULTS, opt)) {
          c.optimizer = opt;
          var d = E.DEFAULTS[opt], p = {};
          for (var k in d) p[k] = d[k] === null ? (orig[i].params[k] !== undefined ? orig[i].params[k] : 0.01) : d[k];
          c.params = p;
        }
        var params = current(i).params, touched = false;
        Object.keys(params).forEach(function (k) {
          var v = q.has(n + k) ? q.get(n + k) : q.get(k);
          if (v === null) return;
          if (typeof params[k] === "boolean") params[k] = v === "true";
          else if (num(v) !== null && E.legal(k, num(v))) params[k] = num(v);
          touched = true;
        });
        if (touched) c.params = params;
        var st = point(q.get(n + "start")) || (r.shared_start ? point(q.get("start")) : null);
        if (st) c.start = st;
      });
      fieldsets.forEach(function (fs, i) { if (fs) buildFieldset(i); });
      update(null, true);
      var k = num(q.get("step"));
      if (k !== null) ui.go(Math.floor(k));
      if (location.hash === "#" + fig.id) fig.scrollIntoView();
    }

    // stepped keeps the address's step current once it names this figure.
    function stepped() {
      if (!restoring && new URLSearchParams(location.search).get("fig") === fig.id) writeURL();
    }

    return { restore: function () { restoring = true; restore(); restoring = false; writeURL(); }, stepped: stepped };
  };
})();
