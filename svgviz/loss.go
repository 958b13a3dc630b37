package svgviz

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// LossPlot is loss per step, one line per run.
//
// The y axis is logarithmic when the positive losses span two decades or
// more and none is negative; a loss of zero, or one more than 16 decades
// below the highest, is then drawn on the floor of the plot. Otherwise it is linear, from zero when the losses are non-negative
// and their minimum is small next to their maximum. The x axis runs from
// step 0 to the longest run's last step.
type LossPlot struct {
	ID, Title, Desc string // as in Landscape
	Runs            []Run
	Width, Height   int // viewBox size; 0 means 640 wide, the plot 0.4 as tall
	// Bare leaves out the title text and the legend, which the page shows
	// as HTML around the figure, and leaves room for the larger text a page
	// sets on a phone (phoneText); Title still names the SVG.
	Bare bool
}

// lossAspect is the plot's height/width when Height is 0.
const lossAspect = 0.4

// Range limits of the loss plot's y axis.
const (
	logCap    = 1e3 // a diverging run is followed up to this × the highest starting loss (log scale)
	linearCap = 2   // … or this × (linear scale)
	logDepth  = 16  // decades shown below the highest loss; lower losses sit on the floor
)

// lossScale chooses the y axis: its scale and its world range (log10 units
// for "log"). The range covers every finite loss, but a diverged run only up
// to a cap above the highest starting loss, so that it leaves the plot at the
// top instead of flattening the others.
func lossScale(runs []Run) (scale string, y0, y1 float64) {
	lo, hi, minPos := math.Inf(1), math.Inf(-1), math.Inf(1)
	divHi, start := math.Inf(-1), math.Inf(-1)
	for _, r := range runs {
		for k, v := range r.Loss {
			if !isFinite(v) {
				continue
			}
			if k == 0 {
				start = max(start, v)
			}
			lo = min(lo, v)
			if r.Diverged {
				divHi = max(divHi, v)
			} else {
				hi = max(hi, v)
			}
			if v > 0 {
				minPos = min(minPos, v)
			}
		}
	}
	all := max(hi, divHi)
	switch {
	case lo > all: // no finite loss
		return "linear", 0, 1
	case lo >= 0 && all > 0 && all/minPos >= 100:
		if start > 0 {
			all = min(all, start*logCap)
		}
		b := math.Log10(max(hi, all))
		a := max(math.Log10(minPos), b-logDepth)
		pad := (b - a) * 0.04
		return "log", a - pad, b + pad
	}
	if start > 0 {
		all = min(all, start*linearCap)
	}
	hi = max(hi, all)
	if lo >= 0 && lo <= hi/4 {
		_, y1 := padRange(0, hi, 0.05)
		return "linear", 0, y1
	}
	y0, y1 = padRange(lo, hi, 0.05)
	return "linear", y0, y1
}

// lastStep returns the longest run's last step (at least 1).
func lastStep(runs []Run) int {
	n := 1
	for _, r := range runs {
		n = max(n, len(r.Loss)-1)
		if r.Diverged {
			n = max(n, r.StoppedAt)
		}
	}
	return n
}

// WriteSVG writes the loss plot: one line per run, a divergence × where a
// run stopped, a step cursor at the last step, axes and a legend.
func (p LossPlot) WriteSVG(w io.Writer) error { return writeSVG(w, p.draw) }

// SVG is what WriteSVG writes, as a string without a copy.
func (p LossPlot) SVG() (string, error) { return svgString(p.draw) }

// draw writes the SVG element, but for its end tag.
func (p LossPlot) draw() (*svgWriter, error) {
	scale, y0, y1 := lossScale(p.Runs)
	steps := lastStep(p.Runs)
	yticks := func(n int) []tick {
		if scale == "log" {
			return logTicks(y0, y1, n)
		}
		return linearTicks(y0, y1, n)
	}
	lg := newLegend(p.Runs, nil, false)
	left := yLabelRoom(yticks(5), p.Bare)
	fr := layout(frameSpec{
		width: p.Width, height: p.Height, aspect: lossAspect,
		title: p.Title != "", left: left, bare: p.Bare,
		right:   xLabelRoom(0, float64(steps), p.Width, left, p.Bare),
		legendW: lg.w, legendH: lg.h,
	})
	v := view{fr.plot, 0, float64(steps), y0, y1}
	at := func(k int, loss float64) (Point, bool) {
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return Point{}, false
		}
		y := loss
		if scale == "log" {
			y = y0
			if loss > 0 {
				y = max(math.Log10(loss), y0)
			}
		}
		return v.toScreen(float64(k), y), true
	}

	var sw svgWriter
	sw.Grow(4096 + 1024*len(p.Runs))
	sw.open(header{id: p.ID, title: p.Title, kind: "Loss per step", desc: p.desc(scale),
		fr: fr, v: v, yscale: scale, bare: p.Bare})
	sw.clipped()
	var pts []Point // one array for every run: writeRun keeps none of it
	for i, r := range p.Runs {
		pts = screenPoints(pts, len(r.Loss), func(k int) (Point, bool) { return at(k, r.Loss[k]) })
		sw.writeRun(i, r, pts, fr.plot, trailOpts{})
	}
	if scale == "log" && belowFloor(p.Runs, y0) {
		// Losses under the log axis's floor (zero, or too far below the
		// rest) sit on it: say so, rather than let them look like values.
		fy := fr.plot.Y + fr.plot.H - 1
		sw.line(fr.plot.X, fy, fr.plot.X+fr.plot.W, fy, `class="floor"`, `stroke="currentColor"`, `stroke-dasharray="2 3"`)
		sw.text(fr.plot.X+fr.plot.W-4, fy-5, "lower losses drawn on this line", `class="floor"`, `text-anchor="end"`, `font-size=".85em"`, `opacity=".8"`)
	}
	cx := v.toScreen(float64(steps), 0).X
	sw.line(cx, fr.plot.Y, cx, fr.plot.Y+fr.plot.H, `class="cursor"`, `stroke="currentColor"`, `stroke-opacity=".5"`, `stroke-dasharray="3 3"`)
	sw.end()
	sw.writeAxes(v, axes{
		x:     linearTicks(0, float64(steps), tickCount(fr.plot.W, p.Bare)),
		y:     yticks(max(3, int(fr.plot.H/(28*textScale(p.Bare))))),
		xName: "step", yName: "loss", bare: p.Bare,
	})
	if !p.Bare {
		lg.write(&sw, fr.legend)
	}
	return &sw, nil
}

// desc returns Desc, or a description generated from the data.
func (p LossPlot) desc(scale string) string {
	if p.Desc != "" {
		return p.Desc
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Loss per step, %s scale.", scale)
	describeRuns(&b, p.Runs, nil)
	return b.String()
}

// belowFloor reports whether a finite loss lies under the log axis's
// floor, y0 in log10 units (a loss of zero does).
func belowFloor(runs []Run, y0 float64) bool {
	for _, r := range runs {
		for _, v := range r.Loss {
			if isFinite(v) && (v <= 0 || math.Log10(v) < y0) {
				return true
			}
		}
	}
	return false
}
