package svgviz

// axes describes the frame around a plot: ticks in world units and the names
// of both axes.
type axes struct {
	x, y         []tick
	xName, yName string
}

// yLabelRoom returns the left margin that y tick labels and the y axis name
// need.
func yLabelRoom(ts []tick) float64 {
	w := 0.0
	for _, t := range ts {
		w = max(w, textWidth(t.label))
	}
	return w + tickLen + 4 + 20
}

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

	w.group(`text-anchor="middle"`)
	for _, t := range a.x {
		sx := v.toScreen(t.at, v.y0).X
		w.text(sx, bottom+tickLen+13, t.label)
	}
	if a.xName != "" {
		w.text(p.X+p.W/2, bottom+tickLen+30, a.xName, `font-style="italic"`)
	}
	if a.yName != "" {
		cx, cy := formatCoord(p.X-yLabelRoom(a.y)+4), formatCoord(p.Y+p.H/2)
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
