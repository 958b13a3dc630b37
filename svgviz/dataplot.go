package svgviz

import (
	"fmt"
	"io"
	"strconv"
)

// DataPlot is the data behind a linear regression: the points (T[i], U[i])
// and each run's fitted line u = a + b·t at its last step, where a run's
// point is (a, b). The page script moves each line (path.fit[data-run]) to
// the current step.
type DataPlot struct {
	ID, Title, Desc string
	T, U            []float64
	Runs            []Run
	Width, Height   int // viewBox size; 0 means 640 wide, the plot 0.6 as tall
	// Bare leaves out the title text and the legend, which the page shows
	// as HTML around the figure, and leaves room for the larger text a page
	// sets on a phone (phoneText); Title still names the SVG.
	Bare         bool
	XName, YName string // the axes' names; "" means t and u
}

// maxDataDots bounds the points drawn: more would only thicken the cloud.
const maxDataDots = 500

// WriteSVG writes the scatter, the lines and a legend.
func (p DataPlot) WriteSVG(w io.Writer) error { return writeSVG(w, p.draw) }

// SVG is what WriteSVG writes, as a string without a copy.
func (p DataPlot) SVG() (string, error) { return svgString(p.draw) }

// draw writes the SVG element, but for its end tag.
func (p DataPlot) draw() (*svgWriter, error) {
	n := len(p.T)
	if n == 0 || len(p.U) != n {
		return nil, ErrCurve
	}
	t0, t1, ok1 := finiteRange(p.T)
	u0, u1, ok2 := finiteRange(p.U)
	if !ok1 || !ok2 || !(t0 < t1) {
		return nil, ErrCurve
	}
	u0, u1 = padRange(u0, u1, 0.08)
	lg := newLegend(p.Runs, nil, false)
	left := yLabelRoom(linearTicks(u0, u1, 6), p.Bare)
	fr := layout(frameSpec{width: p.Width, height: p.Height, aspect: 0.6, title: p.Title != "",
		left: left, right: xLabelRoom(t0, t1, p.Width, left, p.Bare), legendW: lg.w, legendH: lg.h, bare: p.Bare})
	v := view{fr.plot, t0, t1, u0, u1}
	var sw svgWriter
	sw.open(header{id: p.ID, title: p.Title, kind: "Data", desc: p.desc(n), fr: fr, v: v, bare: p.Bare})
	sw.clipped()
	var dots pathData
	step := max(1, (n+maxDataDots-1)/maxDataDots)
	for i := 0; i < n; i += step {
		q := v.toScreen(p.T[i], p.U[i])
		dots.dot(q.X, q.Y)
	}
	sw.path(dots.String(), `class="data"`, `stroke="currentColor"`, `stroke-opacity=".55"`, `stroke-width="4"`, `stroke-linecap="round"`)
	for i, r := range p.Runs {
		d := ""
		if k := len(r.Points) - 1; k >= 0 && len(r.Points[k]) == 2 {
			a, b := r.Points[k][0], r.Points[k][1]
			var pd pathData
			for _, q := range clipPolyline([]Point{v.toScreen(t0, a+b*t0), v.toScreen(t1, a+b*t1)}, fr.plot) {
				pd.polyline(q, false)
			}
			d = pd.String()
		}
		sw.path(d, `class="fit"`, attr("data-run", strconv.Itoa(i)), attr("stroke", Color(r.Color)), `stroke-width="2"`, `fill="none"`)
	}
	sw.end()
	sw.writeAxes(v, axes{
		x:     linearTicks(t0, t1, tickCount(fr.plot.W, p.Bare)),
		y:     linearTicks(u0, u1, max(3, int(fr.plot.H/(28*textScale(p.Bare))))),
		xName: orDefault(p.XName, "t"), yName: orDefault(p.YName, "u"), bare: p.Bare,
	})
	if !p.Bare {
		lg.write(&sw, fr.legend)
	}
	return &sw, nil
}

func (p DataPlot) desc(n int) string {
	if p.Desc != "" {
		return p.Desc
	}
	shown := ""
	if n > maxDataDots {
		shown = fmt.Sprintf(" (every %d-th drawn)", (n+maxDataDots-1)/maxDataDots)
	}
	return fmt.Sprintf("The %d data points%s and each run's fitted line u = a + b·t at its last step.", n, shown)
}
