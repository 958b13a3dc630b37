package svgviz

// Tolerances for drawn geometry, in viewBox units.
const (
	simplifyTol = 0.25 // polylines are simplified within this distance
	minRingSize = 0.5  // rings smaller than this both ways are not drawn
)

// writeBands draws the filled bands between levels with thin isolines on
// their edges.
//
// The region where f is defined is painted in the top band's colour; then,
// from the highest level down, the region where f < level is filled in the
// colour of the band below it. Each region is bounded by closed rings
// (sublevelRings pads the grid with +Inf), and the even-odd rule makes holes
// of inner rings. Undefined samples count as +Inf, so they lie outside every
// region and stay blank. Each level is one path whose stroke is its isoline;
// the fill of the next level down can cover at most the inner half of that
// stroke, where two levels run within a quarter pixel of each other.
func (w *svgWriter) writeBands(g Grid, levels []float64, v view) {
	rings := sublevelRings(g, levels, true)
	n := len(levels)
	color := func(band int) string {
		if n == 0 {
			return bandColor(0.5)
		}
		return bandColor(float64(band) / float64(n))
	}
	w.printf(`<g fill-rule="evenodd" stroke="#000" stroke-opacity=".25" stroke-width=".5">`)
	if finite := rings[n]; finite == nil {
		p := v.plot
		w.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="none"/>`,
			formatCoord(p.X), formatCoord(p.Y), formatCoord(p.W), formatCoord(p.H), color(n))
	} else if d := ringsPath(finite, v); d != "" {
		w.printf(`<path fill="%s" d="%s"/>`, color(n), d)
	}
	var rp ringPather
	for k := n - 1; k >= 0; k-- {
		if d := rp.path(rings[k], v); len(d) > 0 {
			w.printf(`<path fill="%s" d="`, color(k))
			w.Write(d)
			w.WriteString(`"/>`)
		}
	}
	w.printf(`</g>`)
}

// ringsPath returns the path data of world rings mapped to screen and
// simplified, leaving out rings too small to see.
func ringsPath(rings []Contour, v view) string {
	var rp ringPather
	return string(rp.path(rings, v))
}

// A ringPather builds ring path data with reusable buffers; the result of
// path is valid until the next call.
type ringPather struct {
	d   pathData
	buf []Point
	s   simplifier
}

func (rp *ringPather) path(rings []Contour, v view) []byte {
	rp.d = pathData{b: rp.d.b[:0]}
	for _, r := range rings {
		buf := rp.buf[:0]
		lo, hi := Point{1e300, 1e300}, Point{-1e300, -1e300}
		for _, p := range r {
			s := v.toScreen(p.X, p.Y)
			buf = append(buf, s)
			lo.X, lo.Y = min(lo.X, s.X), min(lo.Y, s.Y)
			hi.X, hi.Y = max(hi.X, s.X), max(hi.Y, s.Y)
		}
		rp.buf = buf
		if hi.X-lo.X < minRingSize && hi.Y-lo.Y < minRingSize {
			continue
		}
		rp.d.polyline(rp.s.run(buf, simplifyTol), true)
	}
	return rp.d.b
}
