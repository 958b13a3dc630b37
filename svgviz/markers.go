package svgviz

import "math"

// Critical is a critical point; Kind is "minimum", "maximum", "saddle" or
// "degenerate".
type Critical struct {
	X, Y, Value float64
	Kind        string
}

// criticalKinds lists the kinds in legend order.
var criticalKinds = [...]string{"minimum", "maximum", "saddle", "degenerate"}

// shape returns kind's glyph as a polygon around the origin, in viewBox
// units: a star, a triangle pointing up, a bow tie (an × with its left and
// right filled, like a saddle's two rising sides) or a diamond.
func shape(kind string) []Point {
	switch kind {
	case "minimum":
		return star(6.5, 2.8)
	case "maximum":
		return []Point{{0, -5.5}, {5, 3.5}, {-5, 3.5}}
	case "saddle":
		return []Point{{-5, -4}, {5, 4}, {5, -4}, {-5, 4}}
	}
	return []Point{{0, -5.5}, {5, 0}, {0, 5.5}, {-5, 0}}
}

func star(outer, inner float64) []Point {
	var pts []Point
	for k := range 10 {
		r := outer
		if k%2 == 1 {
			r = inner
		}
		a := math.Pi * (float64(k)/5 - 0.5)
		pts = append(pts, Point{r * math.Cos(a), r * math.Sin(a)})
	}
	return pts
}

// glyph adds kind's shape centred on c to d.
func glyph(d *pathData, kind string, c Point) {
	poly := shape(kind)
	for k, p := range poly {
		poly[k] = Point{c.X + p.X, c.Y + p.Y}
	}
	d.polyline(append(poly, poly[0]), true)
}

// glyphStyle paints critical-point glyphs dark with a white rim, legible on
// every band and on a dark page.
const glyphStyle = `fill="#222" stroke="#fff" stroke-width="1" stroke-linejoin="round"`

// writeCritical draws the critical points, one path per kind.
func (w *svgWriter) writeCritical(cs []Critical, at func(Critical) (Point, bool)) {
	for _, kind := range criticalKinds {
		var d pathData
		for _, c := range cs {
			if normKind(c.Kind) != kind {
				continue
			}
			if p, ok := at(c); ok {
				glyph(&d, kind, p)
			}
		}
		if s := d.String(); s != "" {
			w.path(s, attr("class", "critical "+kind), glyphStyle)
		}
	}
}

// criticalKindsOf returns the kinds present in cs, in legend order.
func criticalKindsOf(cs []Critical) []string {
	kinds := []string{}
	for _, k := range criticalKinds {
		for _, c := range cs {
			if normKind(c.Kind) == k {
				kinds = append(kinds, k)
				break
			}
		}
	}
	return kinds
}

// normKind maps an unknown kind to "degenerate".
func normKind(k string) string {
	switch k {
	case "minimum", "maximum", "saddle":
		return k
	}
	return "degenerate"
}
