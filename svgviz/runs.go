package svgviz

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Run is one optimizer trajectory. Points are [x,y] (2-D) or [x] (1-D);
// Loss[k] is f at Points[k]. Diverged runs stopped at step StoppedAt (their
// Points hold the finite prefix). Color is a palette index (see [Color]).
type Run struct {
	Label     string
	Color     int
	Points    [][]float64
	Loss      []float64
	Diverged  bool
	StoppedAt int
	// Radius, for a grid search, is the half-width of the square of probes
	// around each point; Simplex, for Nelder–Mead, the simplex at each
	// point. A landscape draws them faintly, the shrinking squares and the
	// triangles, under the trail.
	Radius  []float64
	Simplex [][][]float64
}

// maxShapes bounds the squares or simplices drawn for one run: later ones
// are too small to see.
const maxShapes = 40

// label returns the run's legend text, "run N" when it has none.
func (r Run) label(i int) string {
	if r.Label != "" {
		return r.Label
	}
	return fmt.Sprintf("run %d", i+1)
}

// Marker sizes, in viewBox units.
const (
	startR  = 4   // hollow start circle
	endR    = 2.5 // filled end dot
	markerR = 4.5 // the movable current-step marker
	crossR  = 4   // half-size of the divergence ×
	dotGap  = 2   // step dots closer than this to the last one are dropped
)

// trailOpts says how to draw a run.
type trailOpts struct {
	start    bool    // hollow circle at the first point
	dots     float64 // diameter of a dot at every visited point; 0 for none
	divLabel bool    // "diverged at step k" beside the ×
	thin     bool    // a thin, faint trail (when dots carry the path)
	shapes   string  // path data of a run's probe squares or simplices, or ""
	halo     bool    // a pale rim under the trail and progress (on contour bands)
	exit     bool    // mark where the run first leaves the plot
}

// haloStyle is the rim under a trail on contour bands.
var haloStyle = []string{`class="halo"`, `stroke="#fff"`, `stroke-width="4.5"`, `stroke-opacity=".7"`, `stroke-linejoin="round"`, `stroke-dasharray="none"`}

// writeRun draws run i from its screen points (the finite prefix, in step
// order) as the page script expects: a g.run holding path.trail,
// path.progress, the start, end or divergence marks, and circle.marker at the
// final point.
func (w *svgWriter) writeRun(i int, r Run, pts []Point, plot Rect, o trailOpts) {
	col := Color(r.Color)
	w.group(`class="run"`, attr("data-run", strconv.Itoa(i)), `fill="none"`, attr("stroke", col))
	if o.shapes != "" {
		w.path(o.shapes, `class="shapes"`, `stroke-width="1"`, `stroke-opacity=".6"`, `stroke-dasharray="3 2"`)
	}
	d := &w.pd // the path data's buffer is the writer's, reused from run to run
	*d = pathData{b: d.b[:0]}
	pieces := clipPolyline(pts, plot.grow(8))
	for _, piece := range pieces {
		d.polyline(w.simp.run(piece, simplifyTol), false)
	}
	style := []string{`class="trail"`, `stroke-width="1.75"`, `stroke-linejoin="round"`}
	if o.thin {
		style = []string{`class="trail"`, `stroke-width="1"`, `stroke-opacity=".6"`, `stroke-linejoin="round"`}
	}
	if dash := Dash(r.Color); dash != "" {
		style = append(style, attr("stroke-dasharray", dash))
	}
	trail := d.String()
	if o.halo && trail != "" {
		// A pale rim under the trail keeps it visible on bands of its own
		// colour (a yellow run on the yellow end of the map).
		w.path(trail, haloStyle...)
	}
	w.path(trail, style...)
	if o.dots > 0 && len(pts) > 0 {
		dots := d // the trail is a string now
		*dots = pathData{b: dots.b[:0]}
		last := Point{math.Inf(1), 0}
		for _, p := range pts {
			if inside(p, plot.grow(4)) && sqDist(p, last) >= dotGap*dotGap {
				dots.dot(p.X, p.Y)
				last = p
			}
		}
		w.path(dots.String(), `class="steps"`, attr("stroke-width", formatCoord(o.dots)), `stroke-linecap="round"`)
	}
	if o.halo {
		w.path("", append([]string{`class="progress halo"`}, haloStyle[1:]...)...)
	}
	w.path("", `class="progress"`, `stroke-width="2.5"`, `stroke-linejoin="round"`)
	if len(pts) == 0 {
		w.circle(0, 0, 0, `class="marker"`)
		w.end()
		return
	}
	first, end := pts[0], pts[len(pts)-1]
	exitAt := -1
	if o.exit {
		exitAt = w.writeExit(r, pts, plot, col)
	}
	if o.start {
		w.circle(first.X, first.Y, startR, `class="start"`, `fill="#fff"`, `stroke-width="1.5"`)
	}
	if r.Diverged {
		// A diverging run's last finite point is usually far off the plot:
		// mark it where its trail leaves the plot, so the reader sees it.
		if !inside(end, plot.grow(8)) {
			end = clampTo(end, plot)
			if n := len(pieces); n > 0 {
				last := pieces[n-1]
				end = clampTo(last[len(last)-1], plot)
			}
		}
		var x pathData
		x.moveTo(end.X-crossR, end.Y-crossR)
		x.lineTo(end.X+crossR, end.Y+crossR)
		x.moveTo(end.X+crossR, end.Y-crossR)
		x.lineTo(end.X-crossR, end.Y+crossR)
		w.path(x.String(), `class="diverged"`, `stroke-width="2.5"`)
		if o.divLabel && exitAt < 0 {
			tx, anchor := end.X+8, "start"
			if end.X > plot.X+plot.W-130 {
				tx, anchor = end.X-8, "end"
			}
			ty := end.Y - 6
			if ty < plot.Y+14 {
				ty = end.Y + 16
			}
			w.text(tx, ty, fmt.Sprintf("diverged at step %d", r.StoppedAt), `class="diverged"`, attr("text-anchor", anchor),
				attr("fill", col), `stroke="#fff"`, `stroke-width="3"`, `paint-order="stroke"`)
		}
	} else {
		w.circle(end.X, end.Y, endR, `class="end"`, attr("fill", col), `stroke="none"`)
	}
	w.circle(end.X, end.Y, markerR, `class="marker"`, attr("fill", col), `stroke="#fff"`, `stroke-width="1.5"`)
	w.end()
}

// screenPoints maps a run's points with at into buf's array, stopping at
// the first point that is missing or not finite on screen.
func screenPoints(buf []Point, n int, at func(k int) (Point, bool)) []Point {
	pts := slices.Grow(buf[:0], n)
	for k := range n {
		p, ok := at(k)
		if !ok || !isFinite(p.X) || !isFinite(p.Y) {
			break
		}
		pts = append(pts, p)
	}
	return pts
}

// clampTo moves p to the nearest point of r.
func clampTo(p Point, r Rect) Point {
	return Point{math.Min(math.Max(p.X, r.X), r.X+r.W), math.Min(math.Max(p.Y, r.Y), r.Y+r.H)}
}

// writeExit marks where a run first leaves the plot, if it does: a
// chevron on the border pointing the way it went and "left the plot at
// step k". It returns k, or -1 when the run stays inside.
func (w *svgWriter) writeExit(r Run, pts []Point, plot Rect, col string) int {
	k := 1
	for k < len(pts) && inside(pts[k], plot) {
		k++
	}
	if k >= len(pts) || !inside(pts[k-1], plot) {
		return -1
	}
	a, b := pts[k-1], pts[k]
	at := borderCrossing(a, b, plot)
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return -1
	}
	dx, dy = dx/n, dy/n
	// A chevron 9 units long, its tip on the border.
	var d pathData
	d.moveTo(at.X-9*dx-5*dy, at.Y-9*dy+5*dx)
	d.lineTo(at.X, at.Y)
	d.lineTo(at.X-9*dx+5*dy, at.Y-9*dy-5*dx)
	w.path(d.String(), `class="exit"`, `stroke-width="2.5"`, `stroke-linejoin="round"`, `stroke-linecap="round"`)
	tx, anchor := at.X-6, "end"
	if at.X < plot.X+plot.W/2 {
		tx, anchor = at.X+6, "start"
	}
	ty := at.Y - 10
	if at.Y < plot.Y+plot.H/2 {
		ty = at.Y + 20
	}
	label := fmt.Sprintf("left the plot at step %d", k)
	if r.Diverged {
		label = fmt.Sprintf("left the plot at step %d, diverged at step %d", k, r.StoppedAt)
	}
	w.text(tx, ty, label, `class="exit"`, attr("text-anchor", anchor), attr("fill", col),
		`stroke="#fff"`, `stroke-width="3"`, `paint-order="stroke"`, `stroke-dasharray="none"`)
	return k
}

// borderCrossing is where the segment from a (inside r) to b (outside)
// crosses r's border.
func borderCrossing(a, b Point, r Rect) Point {
	t := 1.0
	lim := func(p, q, lo, hi float64) {
		switch {
		case q < lo:
			t = min(t, (lo-p)/(q-p))
		case q > hi:
			t = min(t, (hi-p)/(q-p))
		}
	}
	lim(a.X, b.X, r.X, r.X+r.W)
	lim(a.Y, b.Y, r.Y, r.Y+r.H)
	return Point{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
}
