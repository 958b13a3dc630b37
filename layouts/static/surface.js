// Descent: the surface view, turned by the reader. The page works without
// this script: the SVG surface drawn at build time shows. With it, dragging
// the surface turns it (azimuth, and elevation clamped to 0–90°), and with
// the Turn button pressed the arrow keys do (Escape ends; otherwise the
// arrow keys step the runs). Once turned, the surface is redrawn on a
// canvas behind the SVG from the coarse height grid in the figure's data
// (data.surface, see figure/surface.go), with svgviz's projection and
// painter's order: rows of cells from the farthest to the nearest, each
// row's pieces of the runs' paths after its cells. The markers stay in the
// SVG, above, and follow the step.
(function () {
  "use strict";

  var MIN_EL = 0, MAX_EL = 90, DRAG = 0.4, KEY_STEP = 5;

  function rgb(hex) {
    var n = parseInt(hex.slice(1), 16);
    return [n >> 16 & 255, n >> 8 & 255, n & 255];
  }

  window.DescentSurface = function (fig, data, api) {
    var S = data.surface;
    var box = fig.querySelector(".landscape-surface");
    var svg = box && box.querySelector("svg[data-view]");
    if (!S || !svg) return null;
    var stage = svg.parentNode;
    var vb = svg.viewBox.baseVal, VW = vb.width, VH = vb.height;
    var cx = S.view[0], cy = S.view[1], sc = S.view[2];
    var ax = S.box[0], ay = S.box[1], hz = S.box[2];
    var dom = data.domain, x0 = dom.x[0], x1 = dom.x[1], y0 = dom.y[0], y1 = dom.y[1];
    var NX = S.nx, NY = S.ny, H = S.heights;
    var cam = { az: S.camera.azimuth, el: S.camera.elevation };
    var runs = api.runs;
    var colors = S.colors.map(rgb);

    function world(x, y, t) {
      return [((x - x0) / (x1 - x0) - 0.5) * 2 * ax, ((y - y0) / (y1 - y0) - 0.5) * 2 * ay, (t - 0.5) * hz];
    }
    // Every sample's box point; the camera only turns them.
    var W = [];
    for (var k = 0; k < NX * NY; k++) {
      var t = H[k];
      W.push(t === null ? null : world(x0 + (k % NX) * (x1 - x0) / (NX - 1), y0 + Math.floor(k / NX) * (y1 - y0) / (NY - 1), t));
    }
    // at: the box point of (x, y) on the drawn surface and its cell.
    function at(x, y) {
      var gx = (x - x0) / (x1 - x0) * (NX - 1), gy = (y - y0) / (y1 - y0) * (NY - 1);
      if (!(gx >= 0 && gx <= NX - 1 && gy >= 0 && gy <= NY - 1)) return null;
      var i = Math.min(Math.floor(gx), NX - 2), j = Math.min(Math.floor(gy), NY - 2);
      var fx = gx - i, fy = gy - j, b = j * NX + i;
      var h00 = H[b], h10 = H[b + 1], h01 = H[b + NX], h11 = H[b + NX + 1];
      if (h00 === null || h10 === null || h01 === null || h11 === null) return null;
      var t = (h00 * (1 - fx) + h10 * fx) * (1 - fy) + (h01 * (1 - fx) + h11 * fx) * fy;
      return { w: world(x, y, t), i: i, j: j };
    }
    // Each run's path cut in steps of at most half a cell, by row; built
    // again when the live controls recompute a run (its points change).
    var rows, runPts, built;
    function build() {
      rows = [];
      built = runs.map(function (r) { return r.points; });
      for (var j = 0; j < NY - 1; j++) rows.push([]);
      runPts = runs.map(function (r, ri) {
        var pts = [];
        for (var k = 0; k < r.points.length; k++) {
          var p = r.points[k], a = p.length > 1 && at(p[0], p[1]);
          if (!a) break;
          pts.push(a.w);
          if (k === 0) continue;
          var q = r.points[k - 1];
          var n = Math.max(1, Math.min(160, Math.ceil(2 * Math.max(
            Math.abs(p[0] - q[0]) / (x1 - x0) * (NX - 1), Math.abs(p[1] - q[1]) / (y1 - y0) * (NY - 1)))));
          for (var s = 0; s < n; s++) {
            var f0 = s / n, f1 = (s + 1) / n, fm = (s + 0.5) / n;
            var A = at(q[0] + f0 * (p[0] - q[0]), q[1] + f0 * (p[1] - q[1]));
            var B = at(q[0] + f1 * (p[0] - q[0]), q[1] + f1 * (p[1] - q[1]));
            var M = at(q[0] + fm * (p[0] - q[0]), q[1] + fm * (p[1] - q[1]));
            if (A && B && M) rows[M.j].push([ri, A.w, B.w]);
          }
        }
        return pts;
      });
    }
    build();

    var groups = runs.map(function (r, i) { return svg.querySelector('g.run[data-run="' + i + '"]'); });

    // proj: the screen's right, up and towards-the-camera vectors.
    function proj() {
      var a = cam.az * Math.PI / 180, e = cam.el * Math.PI / 180;
      return { r: [-Math.sin(a), Math.cos(a), 0],
               u: [-Math.sin(e) * Math.cos(a), -Math.sin(e) * Math.sin(a), Math.cos(e)],
               c: [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)] };
    }
    function dot(a, b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
    function screen(P, q) { return [cx + sc * dot(q, P.r), cy - sc * dot(q, P.u)]; }

    var k = 0, turned = false, canvas = null, ctx = null, pending = false;

    function r1(v) { return Math.round(v * 10) / 10; }

    function place() {
      var P = proj();
      groups.forEach(function (g, i) {
        if (!g) return;
        g.style.display = api.visible(i) ? "" : "none";
        var pts = runPts[i];
        if (!pts.length) return;
        var m = screen(P, pts[Math.min(k, pts.length - 1)]);
        var marker = g.querySelector("circle.marker");
        if (marker) { marker.setAttribute("cx", r1(m[0])); marker.setAttribute("cy", r1(m[1])); }
        if (!turned) return;
        var s = screen(P, pts[0]), e = screen(P, pts[pts.length - 1]);
        var st = g.querySelector("circle.start"), en = g.querySelector("circle.end"), dv = g.querySelector("path.diverged");
        if (st) { st.setAttribute("cx", r1(s[0])); st.setAttribute("cy", r1(s[1])); }
        if (en) { en.setAttribute("cx", r1(e[0])); en.setAttribute("cy", r1(e[1])); }
        if (dv) dv.style.display = "none";
      });
    }

    function label(P, q, text, align) {
      var p = screen(P, q);
      ctx.textAlign = align;
      ctx.fillText(text, p[0], p[1]);
    }

    // paint redraws the surface, its paths and axes on the canvas.
    function paint() {
      var t0 = performance.now();
      var P = proj();
      var dpr = window.devicePixelRatio || 1;
      var w = Math.round(stage.clientWidth * dpr), h = Math.round(stage.clientWidth * VH / VW * dpr);
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
      ctx.setTransform(w / VW, 0, 0, w / VW, 0, 0);
      ctx.clearRect(0, 0, VW, VH);
      var css = getComputedStyle(svg), ink = css.color;
      var L = [0, 1, 2].map(function (d) { return 0.6 * P.c[d] + 0.6 * P.u[d] - 0.5 * P.r[d]; });
      var ln = Math.sqrt(dot(L, L));
      var S2 = W.map(function (q) { return q && screen(P, q); });
      // The floor and the z axis, behind the surface.
      var fl = -hz / 2, corners = [[-ax, -ay, fl], [ax, -ay, fl], [ax, ay, fl], [-ax, ay, fl]];
      var cs = corners.map(function (q) { return screen(P, q); });
      var left = 0;
      for (var c = 1; c < 4; c++) if (cs[c][0] < cs[left][0]) left = c;
      ctx.strokeStyle = ink; ctx.globalAlpha = 0.45; ctx.lineWidth = 1;
      ctx.beginPath();
      cs.forEach(function (p, c) { if (c) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
      ctx.closePath();
      var zt = screen(P, [corners[left][0], corners[left][1], hz / 2]);
      ctx.moveTo(cs[left][0], cs[left][1]); ctx.lineTo(zt[0], zt[1]);
      ctx.stroke();
      ctx.globalAlpha = 1;
      var is = [], js = [];
      for (var i = 0; i < NX - 1; i++) is.push(P.c[0] < 0 ? NX - 2 - i : i);
      for (var jj = 0; jj < NY - 1; jj++) js.push(P.c[1] < 0 ? NY - 2 - jj : jj);
      ctx.lineJoin = "round";
      for (var a = 0; a < js.length; a++) {
        var j = js[a];
        ctx.lineWidth = 0.5;
        for (var b = 0; b < is.length; b++) {
          var i = is[b], band = S.bands[j * (NX - 1) + i];
          if (band < 0) continue;
          var k0 = j * NX + i, p0 = S2[k0], p1 = S2[k0 + 1], p2 = S2[k0 + NX + 1], p3 = S2[k0 + NX];
          var A = W[k0], B = W[k0 + 1], C = W[k0 + NX + 1], D = W[k0 + NX];
          var d1 = [C[0] - A[0], C[1] - A[1], C[2] - A[2]], d2 = [D[0] - B[0], D[1] - B[1], D[2] - B[2]];
          var n = [d1[1] * d2[2] - d1[2] * d2[1], d1[2] * d2[0] - d1[0] * d2[2], d1[0] * d2[1] - d1[1] * d2[0]];
          var nn = Math.sqrt(dot(n, n)) * (n[2] < 0 ? -1 : 1);
          var shade = 0.55 + 0.45 * Math.max(0, nn ? dot(n, L) / (ln * nn) : 1);
          var col = colors[band];
          var fill = "rgb(" + Math.round(col[0] * shade) + "," + Math.round(col[1] * shade) + "," + Math.round(col[2] * shade) + ")";
          ctx.fillStyle = fill; ctx.strokeStyle = fill;
          ctx.beginPath();
          ctx.moveTo(p0[0], p0[1]); ctx.lineTo(p1[0], p1[1]); ctx.lineTo(p2[0], p2[1]); ctx.lineTo(p3[0], p3[1]);
          ctx.closePath();
          ctx.fill(); ctx.stroke();
        }
        var segs = rows[j];
        if (!segs.length) continue;
        ctx.lineWidth = 1.75;
        for (var s = 0; s < segs.length; s++) {
          var g = segs[s];
          if (!api.visible(g[0])) continue;
          var u = screen(P, g[1]), v = screen(P, g[2]);
          ctx.strokeStyle = runs[g[0]].color;
          ctx.beginPath(); ctx.moveTo(u[0], u[1]); ctx.lineTo(v[0], v[1]); ctx.stroke();
        }
      }
      // Labels, in front.
      ctx.fillStyle = ink;
      ctx.font = parseFloat(css.fontSize) + "px system-ui,sans-serif";
      ctx.textBaseline = "middle";
      var near = function (a, b) { return dot(a, P.c) > dot(b, P.c) ? -1 : 1; };
      var sy = near([0, -ay, fl], [0, ay, fl]), sx = near([-ax, 0, fl], [ax, 0, fl]);
      S.xticks.forEach(function (tk) { label(P, [world(tk[0], y0, 0)[0], sy * (ay + 0.08), fl], tk[1], "center"); });
      S.yticks.forEach(function (tk) { label(P, [sx * (ax + 0.08), world(x0, tk[0], 0)[1], fl], tk[1], "center"); });
      var names = S.names || ["x", "y", "f"];
      ctx.font = "italic " + ctx.font;
      label(P, [0, sy * (ay + 0.19), fl], names[0], "center");
      label(P, [sx * (ax + 0.19), 0, fl], names[1], "center");
      var zn = screen(P, [corners[left][0], corners[left][1], hz / 2]);
      ctx.textAlign = "center";
      ctx.fillText(names[2], zn[0], zn[1] - 14);
      ctx.font = parseFloat(css.fontSize) + "px system-ui,sans-serif";
      S.zticks.forEach(function (tk) {
        var p = screen(P, [corners[left][0], corners[left][1], (tk[0] - 0.5) * hz]);
        ctx.textAlign = "right";
        ctx.fillText(tk[1], p[0] - 7, p[1]);
      });
      svg.setAttribute("data-frame-ms", (performance.now() - t0).toFixed(2));
    }

    function frame() {
      pending = false;
      if (turned) paint();
      place();
    }
    function redraw() {
      if (!pending) { pending = true; requestAnimationFrame(frame); }
    }

    function turn(daz, del) {
      cam.az = ((cam.az + daz + 540) % 360) - 180;
      cam.el = Math.max(MIN_EL, Math.min(MAX_EL, cam.el + del));
      svg.setAttribute("data-camera", r1(cam.az) + " " + r1(cam.el));
      if (!turned) {
        turned = true;
        canvas = document.createElement("canvas");
        canvas.setAttribute("aria-hidden", "true");
        stage.insertBefore(canvas, svg);
        ctx = canvas.getContext("2d");
        box.classList.add("is-turned");
      }
      redraw();
    }

    var drag = null;
    svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY };
      svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      drag = { x: e.clientX, y: e.clientY };
      if (dx || dy) turn(-dx * DRAG, dy * DRAG);
    });
    function end() { drag = null; }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);

    var toggle = box.querySelector("button.landscape-turn");
    var controls = box.querySelector(".landscape-surface-controls");
    function setTurning(on) { toggle.setAttribute("aria-pressed", String(on)); }
    if (toggle) toggle.addEventListener("click", function () { setTurning(toggle.getAttribute("aria-pressed") !== "true"); });
    if (controls) controls.hidden = false;
    box.classList.add("is-turnable");
    window.addEventListener("resize", function () { if (turned) redraw(); });

    return {
      // step moves the markers to step j and follows the runs shown.
      step: function (j) {
        k = j;
        if (runs.some(function (r, i) { return r.points !== built[i]; })) {
          build();
          turn(0, 0); // the static SVG shows the old paths: draw on the canvas
        }
        redraw();
      },
      // key turns the surface with the arrow keys while Turn is pressed;
      // it returns true when it used the key.
      key: function (e) {
        if (!toggle || toggle.getAttribute("aria-pressed") !== "true") return false;
        var d = { ArrowLeft: [KEY_STEP, 0], ArrowRight: [-KEY_STEP, 0], ArrowUp: [0, KEY_STEP], ArrowDown: [0, -KEY_STEP] }[e.key];
        if (e.key === "Escape") { setTurning(false); return true; }
        if (!d) return false;
        e.preventDefault();
        turn(d[0], d[1]);
        return true;
      }
    };
  };
})();
