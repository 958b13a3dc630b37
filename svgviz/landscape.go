package svgviz

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// Landscape is a contour plot of a 2-D function with optimizer runs on it.
type Landscape struct {
	// ID prefixes every element id, so it must be unique on an HTML page.
	// Title and Desc go to <title> and <desc>; Title is also shown above the
	// plot, and an empty Desc is generated from the data.
	ID, Title, Desc string
	Grid            Grid
	Levels          Levels
	Runs            []Run // 2-D points; others are skipped
	Critical        []Critical
	// Layer, when not nil, is drawn instead of contouring Grid, whose
	// Values may then be empty: a layer made by NewContourLayer for this
	// landscape's Grid.Domain and PlotRect size, shared between figures.
	Layer *ContourLayer
	// Width and Height are the viewBox size; 0 means 640 wide and a height
	// that fits the plot. The plot keeps equal axis scales unless the domain
	// is more than 2.5 times wider than tall or 1.25 times taller than wide.
	Width, Height int
	// Bare leaves out the title text and the legend, which the page shows
	// as HTML around the figure, and leaves room for the larger text a page
	// sets on a phone (phoneText); Title still names the SVG.
	Bare bool
	// XName and YName name the axes; "" means x and y.
	XName, YName string
	// AllCritical draws every critical point; otherwise a domain with more
	// than MaxCritical of them shows only some minima (see Thin).
	AllCritical bool
}

// Errors of WriteSVG.
var (
	ErrGrid   = errors.New("svgviz: grid needs at least 2×2 samples and NX·NY values")
	ErrDomain = errors.New("svgviz: domain must be finite with X0 < X1 and Y0 < Y1")
)

func (d Domain) valid() bool {
	return isFinite(d.X0) && isFinite(d.X1) && isFinite(d.Y0) && isFinite(d.Y1) && d.X0 < d.X1 && d.Y0 < d.Y1
}

// PlotRect returns the plot rectangle in viewBox units, so a caller can
// sample about one grid point per pixel. It depends on the domain, the size,
// the title and the legend, not on the grid's values.
func (l Landscape) PlotRect() Rect {
	fr, _ := l.frame()
	return fr.plot
}

// frame lays the figure out around its legend.
func (l Landscape) frame() (frame, legend) {
	d := l.Grid.Domain
	aspect := (d.Y1 - d.Y0) / (d.X1 - d.X0)
	lg := newLegend(l.Runs, criticalKindsOf(l.Critical), true)
	s := frameSpec{
		bare:  l.Bare,
		width: l.Width, height: l.Height,
		aspect:      aspect,
		fixedAspect: aspect >= minAspect && aspect <= maxAspect,
		title:       l.Title != "",
		legendW:     lg.w, legendH: lg.h,
	}
	s.left = yLabelRoom(linearTicks(d.Y0, d.Y1, 7), l.Bare)
	s.right = xLabelRoom(d.X0, d.X1, l.Width, s.left, l.Bare)
	return layout(s), lg
}

// WriteSVG writes the landscape as one <svg> element: filled bands between
// contour levels with isolines, axes, critical points, runs and a legend.
func (l Landscape) WriteSVG(w io.Writer) error { return writeSVG(w, l.draw) }

// SVG is what WriteSVG writes, as a string without a copy.
func (l Landscape) SVG() (string, error) { return svgString(l.draw) }

// draw writes the SVG element, but for its end tag.
func (l Landscape) draw() (*svgWriter, error) {
	if l.Layer == nil && !l.Grid.ok() {
		return nil, ErrGrid
	}
	d := l.Grid.Domain
	if !d.valid() {
		return nil, ErrDomain
	}
	fr, lg := l.frame()
	layer := l.Layer
	if layer == nil {
		var err error
		if layer, err = NewContourLayer(l.Grid, l.Levels, fr.plot.W, fr.plot.H); err != nil {
			return nil, err
		}
	} else if !layer.fits(d, fr.plot) {
		return nil, ErrLayer
	}
	v := view{fr.plot, d.X0, d.X1, d.Y0, d.Y1}

	var sw svgWriter
	sw.Grow(len(layer.body) + 4096 + 2048*len(l.Runs) + 64*len(l.Critical))
	sw.open(header{id: l.ID, title: l.Title, kind: "Contour plot", desc: l.desc(layer.levels), fr: fr, v: v, bare: l.Bare})
	sw.clipped()
	sw.writeLayer(layer, fr.plot)
	crit := l.Critical
	if !l.AllCritical {
		crit = Thin(crit)
	}
	sw.writeCritical(crit, func(c Critical) (Point, bool) {
		return v.toScreen(c.X, c.Y), isFinite(c.X) && isFinite(c.Y)
	})
	var pts []Point // one array for every run: writeRun keeps none of it
	for i, r := range l.Runs {
		pts = screenPoints(pts, len(r.Points), func(k int) (Point, bool) {
			p := r.Points[k]
			if len(p) < 2 {
				return Point{}, false
			}
			return v.toScreen(p[0], p[1]), true
		})
		sw.writeRun(i, r, pts, fr.plot, trailOpts{start: true, divLabel: true, dots: 3, shapes: shapes(r, v), halo: true, exit: true})
	}
	sw.end()
	sw.writeAxes(v, axes{
		x:     linearTicks(d.X0, d.X1, tickCount(fr.plot.W, l.Bare)),
		y:     linearTicks(d.Y0, d.Y1, tickCount(fr.plot.H, l.Bare)),
		xName: orDefault(l.XName, "x"), yName: orDefault(l.YName, "y"), bare: l.Bare,
	})
	if !l.Bare {
		lg.write(&sw, fr.legend)
	}
	return &sw, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// tickCount returns how many ticks suit an axis of the given length.
func tickCount(length float64, bare bool) int { return max(3, int(length/tickSpacing(bare))) }

// desc returns Desc, or a description generated from the data.
func (l Landscape) desc(levels int) string {
	if l.Desc != "" {
		return l.Desc
	}
	d := l.Grid.Domain
	var b strings.Builder
	fmt.Fprintf(&b, "Contour plot over x from %s to %s and y from %s to %s with %d levels.",
		formatValue(d.X0), formatValue(d.X1), formatValue(d.Y0), formatValue(d.Y1), levels)
	describeRuns(&b, l.Runs, func(p []float64) string {
		if len(p) < 2 {
			return "?"
		}
		return "(" + formatValue(p[0]) + ", " + formatValue(p[1]) + ")"
	})
	return b.String()
}

// describeRuns appends one sentence per run: where it started and ended,
// and its final loss or where it diverged.
func describeRuns(b *strings.Builder, runs []Run, point func([]float64) string) {
	for i, r := range runs {
		fmt.Fprintf(b, " %s", r.label(i))
		if len(r.Points) > 0 && point != nil {
			fmt.Fprintf(b, ": from %s to %s", point(r.Points[0]), point(r.Points[len(r.Points)-1]))
		}
		if r.Diverged {
			fmt.Fprintf(b, ", diverged at step %d.", r.StoppedAt)
		} else if n := len(r.Loss); n > 0 && !math.IsNaN(r.Loss[n-1]) {
			fmt.Fprintf(b, ", final loss %s.", formatValue(r.Loss[n-1]))
		} else {
			b.WriteString(".")
		}
	}
}

// shapes is the path data of a run's probe squares (a grid search) or
// simplices (Nelder–Mead), at most maxShapes of them, in screen units.
func shapes(r Run, v view) string {
	var d pathData
	poly := func(ps [][]float64) {
		for k, p := range ps {
			q := v.toScreen(p[0], p[1])
			if !isFinite(q.X) || !isFinite(q.Y) {
				return
			}
			if k == 0 {
				d.moveTo(q.X, q.Y)
			} else {
				d.lineTo(q.X, q.Y)
			}
		}
		d.close()
	}
	for k := 0; k < len(r.Radius) && k < len(r.Points) && k < maxShapes; k++ {
		p, h := r.Points[k], r.Radius[k]
		if len(p) == 2 {
			poly([][]float64{{p[0] - h, p[1] - h}, {p[0] + h, p[1] - h}, {p[0] + h, p[1] + h}, {p[0] - h, p[1] + h}})
		}
	}
	for k := 0; k < len(r.Simplex) && k < maxShapes; k++ {
		if s := r.Simplex[k]; len(s) == 3 {
			poly(s)
		}
	}
	return d.String()
}
