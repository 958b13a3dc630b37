package svgviz

import "math"

// surfaceAxes is a surface's frame: the floor's edges and the z axis
// (drawn behind the surface), and the tick labels and axis names (drawn in
// front of it).
type surfaceAxes struct {
	back   string
	labels []surfaceLabel
}

// surfaceLabel is one text of a surface's axes.
type surfaceLabel struct {
	at     Point
	text   string
	anchor string
	name   bool // an axis name, in italics
}

// zTicks returns the z axis's ticks as heights in [0, 1]: round values on
// a linear scale; on a log scale the least value and the powers of ten
// above it.
func zTicks(sc Scale) []tick {
	if !(sc.Hi > sc.Lo) {
		return nil
	}
	var ts []tick
	if !sc.Log {
		for _, t := range linearTicks(sc.Lo, sc.Hi, 5) {
			ts = append(ts, tick{sc.Height(t.at), t.label})
		}
		return ts
	}
	ts = append(ts, tick{0, formatNumber(sc.Lo, math.Max((sc.Hi-sc.Lo)/100, 1e-9))})
	for k := math.Ceil(math.Log10(math.Max(sc.Lo, 1e-300))); k <= math.Log10(sc.Hi); k++ {
		t := sc.Height(math.Pow(10, k))
		if t-ts[len(ts)-1].at >= 0.12 {
			ts = append(ts, tick{t, powerLabel(int(k))})
		}
	}
	return ts
}

// axes lays out the surface's axes for its camera: x ticks along the
// floor's nearer edge parallel to x, y ticks likewise, and the z axis up
// the floor corner farthest left on screen.
func (s Surface) axes(sc surfaceScene) surfaceAxes {
	p, d := sc.p, s.Grid.Domain
	var a surfaceAxes
	var b pathData
	floor := -p.halfHeight
	corner := func(sx, sy float64) [3]float64 { return [3]float64{sx * p.AX, sy * p.AY, floor} }
	ring := []Point{p.screen(corner(-1, -1)), p.screen(corner(1, -1)), p.screen(corner(1, 1)), p.screen(corner(-1, 1))}
	b.polyline(ring, true)

	// edge draws the ticks of one axis along the nearer of its two floor
	// edges, with labels outward from the box.
	edge := func(ts []tick, name string, alongX bool) {
		side := 1.0
		if alongX {
			if p.depth(corner(0, -1)) > p.depth(corner(0, 1)) {
				side = -1
			}
		} else if p.depth(corner(-1, 0)) > p.depth(corner(1, 0)) {
			side = -1
		}
		at := func(v, off float64) Point {
			if alongX {
				w := p.world(v, d.Y0, 0)
				w[1], w[2] = side*(p.AY+off), floor
				return p.screen(w)
			}
			w := p.world(d.X0, v, 0)
			w[0], w[2] = side*(p.AX+off), floor
			return p.screen(w)
		}
		for _, t := range ts {
			q0, q1 := at(t.at, 0), at(t.at, 0.025)
			b.moveTo(q0.X, q0.Y)
			b.lineTo(q1.X, q1.Y)
			a.labels = append(a.labels, surfaceLabel{at: at(t.at, 0.08), text: t.label, anchor: "middle"})
		}
		lo, hi := d.X0, d.X1
		if !alongX {
			lo, hi = d.Y0, d.Y1
		}
		a.labels = append(a.labels, surfaceLabel{at: at((lo+hi)/2, 0.19), text: name, anchor: "middle", name: true})
	}
	edge(linearTicks(d.X0, d.X1, 5), orDefault(s.XName, "x"), true)
	edge(linearTicks(d.Y0, d.Y1, 5), orDefault(s.YName, "y"), false)

	// The z axis.
	best := 0
	for k, q := range ring {
		if q.X < ring[best].X {
			best = k
		}
	}
	c := corner([4]float64{-1, 1, 1, -1}[best], [4]float64{-1, -1, 1, 1}[best])
	top := c
	top[2] = p.halfHeight
	q0, q1 := p.screen(c), p.screen(top)
	b.moveTo(q0.X, q0.Y)
	b.lineTo(q1.X, q1.Y)
	for _, t := range zTicks(sc.sc) {
		w := c
		w[2] = (t.at - 0.5) * 2 * p.halfHeight
		q := p.screen(w)
		b.moveTo(q.X, q.Y)
		b.lineTo(q.X-tickLen, q.Y)
		a.labels = append(a.labels, surfaceLabel{at: Point{q.X - tickLen - 3, q.Y}, text: t.label, anchor: "end"})
	}
	zname := orDefault(s.ZName, "f")
	if sc.sc.Log {
		zname += " (log scale)"
	}
	a.labels = append(a.labels, surfaceLabel{at: Point{q1.X, q1.Y - 14}, text: zname, anchor: "middle", name: true})
	a.back = b.String()
	return a
}

// writeLabels draws the axes' texts in currentColor, their offsets in em
// so that larger text on a phone keeps its place.
func (s Surface) writeLabels(sw *svgWriter, a surfaceAxes) {
	for _, l := range a.labels {
		attrs := []string{`dy=".35em"`}
		if l.anchor != "start" {
			attrs = append(attrs, attr("text-anchor", l.anchor))
		}
		if l.name {
			attrs = append(attrs, `font-style="italic"`)
		}
		sw.text(l.at.X, l.at.Y, l.text, attrs...)
	}
}
