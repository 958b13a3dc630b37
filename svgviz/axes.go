package svgviz

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
