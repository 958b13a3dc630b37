package svgviz

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Curve is a 1-D function: Xs ascending samples and Ys = f(Xs), where a
// non-finite Y leaves a gap. Runs' points sit on the curve at (x, loss), and
// critical points at (X, Value).
type Curve struct {
	ID, Title, Desc string // as in Landscape
	Xs, Ys          []float64
	Runs            []Run // 1-D points [x]; Loss[k] is the height of point k
	Critical        []Critical
	Width, Height   int // viewBox size; 0 means 640 wide, the plot half as tall
	// Extra are more functions drawn on the same axes, at the same Xs
	// (dashed, each its own colour, in the legend); runs walk on Ys.
	Extra []Series
	Label string // the function's legend label when there are Extra curves
	// Bare leaves out the title text and the legend, which the page shows
	// as HTML around the figure, and leaves room for the larger text a page
	// sets on a phone (phoneText); Title still names the SVG.
	Bare  bool
	XName string // the x axis's name; "" means x
}

// Series is one extra curve: its values at the Curve's Xs.
type Series struct {
	Label string
	Ys    []float64
}

// ErrCurve is returned for a curve without two ascending x samples or
// without a finite value.
var ErrCurve = errors.New("svgviz: curve needs ascending finite Xs, as many Ys, and a finite value")

// curveAspect is the plot's height/width when Height is 0.
const curveAspect = 0.5

// WriteSVG writes the curve with each run's visits as dots joined in step
// order, critical points, axes and a legend.
func (c Curve) WriteSVG(w io.Writer) error { return writeSVG(w, c.draw) }

// SVG is what WriteSVG writes, as a string without a copy.
func (c Curve) SVG() (string, error) { return svgString(c.draw) }

// draw writes the SVG element, but for its end tag.
func (c Curve) draw() (*svgWriter, error) {
	n := len(c.Xs)
	if n < 2 || len(c.Ys) != n || !isFinite(c.Xs[0]) || !isFinite(c.Xs[n-1]) || !(c.Xs[0] < c.Xs[n-1]) {
		return nil, ErrCurve
	}
	lo, hi, ok := finiteRange(c.Ys)
	if !ok {
		return nil, ErrCurve
	}
	var labels []string
	if len(c.Extra) > 0 {
		labels = append(labels, c.Label)
	}
	for _, e := range c.Extra {
		if len(e.Ys) != n {
			return nil, ErrCurve
		}
		if elo, ehi, ok := finiteRange(e.Ys); ok {
			lo, hi = min(lo, elo), max(hi, ehi)
		}
		labels = append(labels, e.Label)
	}
	y0, y1 := padRange(lo, hi, 0.06)
	kinds := criticalKindsOf(c.Critical)
	lg := newLegend(c.Runs, kinds, true).withCurves(labels)
	left := yLabelRoom(linearTicks(y0, y1, 6), c.Bare)
	fr := layout(frameSpec{
		width: c.Width, height: c.Height, aspect: curveAspect,
		title: c.Title != "", left: left, bare: c.Bare,
		right:   xLabelRoom(c.Xs[0], c.Xs[n-1], c.Width, left, c.Bare),
		legendW: lg.w, legendH: lg.h,
	})
	v := view{fr.plot, c.Xs[0], c.Xs[n-1], y0, y1}

	var sw svgWriter
	sw.open(header{id: c.ID, title: c.Title, kind: "Curve", desc: c.desc(), fr: fr, v: v, bare: c.Bare})
	sw.clipped()
	for i, e := range c.Extra {
		sw.path(curvePath(v, fr.plot, c.Xs, e.Ys), append([]string{`class="curve extra"`}, curveStyle(len(c.Runs), i)...)...)
	}
	sw.path(curvePath(v, fr.plot, c.Xs, c.Ys), `class="curve"`, `fill="none"`, `stroke="currentColor"`, `stroke-width="1.5"`)
	sw.writeCritical(c.Critical, func(cp Critical) (Point, bool) {
		return v.toScreen(cp.X, cp.Value), isFinite(cp.X) && isFinite(cp.Value)
	})
	var pts []Point // one array for every run: writeRun keeps none of it
	for i, r := range c.Runs {
		pts = screenPoints(pts, len(r.Points), func(k int) (Point, bool) {
			if len(r.Points[k]) < 1 || k >= len(r.Loss) {
				return Point{}, false
			}
			return v.toScreen(r.Points[k][0], r.Loss[k]), true
		})
		sw.writeRun(i, r, pts, fr.plot, trailOpts{start: true, dots: 5, divLabel: true, thin: true, exit: true})
	}
	sw.end()
	x := orDefault(c.XName, "x")
	sw.writeAxes(v, axes{
		x:     linearTicks(v.x0, v.x1, tickCount(fr.plot.W, c.Bare)),
		y:     linearTicks(y0, y1, max(3, int(fr.plot.H/45))),
		xName: x, yName: "f(" + x + ")", bare: c.Bare,
	})
	if !c.Bare {
		lg.write(&sw, fr.legend)
	}
	return &sw, nil
}

// desc returns Desc, or a description generated from the data.
func (c Curve) desc() string {
	if c.Desc != "" {
		return c.Desc
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Curve of a function of x from %s to %s.", formatValue(c.Xs[0]), formatValue(c.Xs[len(c.Xs)-1]))
	describeRuns(&b, c.Runs, func(p []float64) string {
		if len(p) < 1 {
			return "?"
		}
		return "x = " + formatValue(p[0])
	})
	return b.String()
}

// finiteRange returns the least and greatest finite values of vs.
func finiteRange(vs []float64) (lo, hi float64, ok bool) {
	for _, v := range vs {
		if !isFinite(v) {
			continue
		}
		if !ok {
			lo, hi, ok = v, v, true
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi, ok
}

// padRange widens [lo, hi] by frac of its span on each side; an empty range
// gets a span of its own.
func padRange(lo, hi, frac float64) (float64, float64) {
	if hi <= lo {
		m := max(1, abs(lo)) * 0.5
		return lo - m, hi + m
	}
	s := (hi - lo) * frac
	return lo - s, hi + s
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// curvePath is the path data of ys over xs, broken where a value is not
// finite, clipped to the plot and simplified.
func curvePath(v view, plot Rect, xs, ys []float64) string {
	var d pathData
	var piece []Point
	var simp simplifier
	draw := func() {
		for _, q := range clipPolyline(piece, plot.grow(2)) {
			d.polyline(simp.run(q, simplifyTol), false)
		}
		piece = piece[:0]
	}
	for k, x := range xs {
		if !isFinite(x) || !isFinite(ys[k]) {
			draw()
			continue
		}
		piece = append(piece, v.toScreen(x, ys[k]))
	}
	draw()
	return d.String()
}
