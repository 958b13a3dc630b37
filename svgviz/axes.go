package svgviz

import "math"

// axes describes the frame around a plot: ticks in world units and the names
// of both axes.
type axes struct {
	x, y         []tick
	xName, yName string
	bare         bool // text may be drawn up to phoneText times larger
}

// yLabelRoom returns the left margin that y tick labels and the y axis name
// need, with text up to textScale(bare) times fontSize.
func yLabelRoom(ts []tick, bare bool) float64 {
	w := 0.0
	for _, t := range ts {
		w = max(w, textWidth(t.label))
	}
	s := textScale(bare)
	return s*(w+20) + tickLen + 4
}

// xLabelRoom is the room right of the plot that the label of the x axis's
// last tick needs: half its width (labels are centred on their ticks), at
// the largest the figure's text may be set, less the tick's distance from
// the plot's right edge. On a phone a loss plot's "200" at its last step
// was cut in half. The plot's width is estimated as the figure's less
// left and the least right margin.
func xLabelRoom(lo, hi float64, width int, left float64, bare bool) float64 {
	w := float64(width)
	if w <= 0 {
		w = defaultWidth
	}
	pw := math.Max(w-math.Ceil(left)-14, 40)
	ts := linearTicks(lo, hi, tickCount(pw, bare))
	if len(ts) == 0 || !(hi > lo) {
		return 0
	}
	last := ts[len(ts)-1]
	half := textScale(bare) * textWidth(last.label) / 2
	gap := (hi - last.at) / (hi - lo) * pw
	return math.Max(0, math.Ceil(half-gap+2))
}

// tickSpacing is the least room between ticks, in viewBox units, for
// labels of fontSize (or up to phoneText times that on a bare figure).
func tickSpacing(bare bool) float64 { return 60 * textScale(bare) }

// writeAxes draws the plot's frame, outward ticks, tick labels and axis
// names, all in currentColor so they follow the page's text colour.
func (w *svgWriter) writeAxes(v view, a axes) {
	p := v.plot
	var d pathData
	d.moveTo(p.X, p.Y)
	d.lineTo(p.X+p.W, p.Y)
	d.lineTo(p.X+p.W, p.Y+p.H)
	d.lineTo(p.X, p.Y+p.H)
	d.close()
	bottom, left := p.Y+p.H, p.X
	for _, t := range a.x {
		sx := v.toScreen(t.at, v.y0).X
		d.moveTo(sx, bottom)
		d.lineTo(sx, bottom+tickLen)
	}
	for _, t := range a.y {
		sy := v.toScreen(v.x0, t.at).Y
		d.moveTo(left, sy)
		d.lineTo(left-tickLen, sy)
	}
	w.path(d.String(), `fill="none"`, `stroke="currentColor"`, `stroke-width="1"`)

	// Offsets from the plot are in em, so labels keep their places when
	// the page draws the text larger.
	w.group(`text-anchor="middle"`)
	for _, t := range a.x {
		sx := v.toScreen(t.at, v.y0).X
		w.text(sx, bottom+tickLen+2, t.label, `dy="1em"`)
	}
	if a.xName != "" {
		w.text(p.X+p.W/2, bottom+tickLen+2, a.xName, `dy="2.4em"`, `font-style="italic"`)
	}
	if a.yName != "" {
		cx, cy := formatCoord(p.X-yLabelRoom(a.y, a.bare)+4), formatCoord(p.Y+p.H/2)
		w.text(0, 0, a.yName, attr("transform", "translate("+cx+" "+cy+") rotate(-90)"), `dy=".7em"`, `font-style="italic"`)
	}
	w.end()
	w.group(`text-anchor="end"`)
	for _, t := range a.y {
		sy := v.toScreen(v.x0, t.at).Y
		w.text(left-tickLen-3, sy, t.label, `dy=".35em"`)
	}
	w.end()
}
