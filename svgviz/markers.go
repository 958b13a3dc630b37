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

// MaxCritical is how many critical points a landscape draws before it
// thins them out: past a few dozen, markers bury the paths (Rastrigin's
// domain holds 441).
const MaxCritical = 40

// Thin returns the critical points a landscape draws: all of them up to
// MaxCritical; past that, the minima if there are at most MaxCritical of
// them, else only the global minima (those within 1e-9, relatively, of the
// least value). The page lists the rest.
func Thin(cs []Critical) []Critical {
	if len(cs) <= MaxCritical {
		return cs
	}
	var minima []Critical
	low := math.Inf(1)
	for _, c := range cs {
		if normKind(c.Kind) == "minimum" {
			minima = append(minima, c)
			low = min(low, c.Value)
		}
	}
	if len(minima) <= MaxCritical {
		return minima
	}
	var global []Critical
	for _, c := range minima {
		if c.Value <= low+1e-9*(1+math.Abs(low)) {
			global = append(global, c)
		}
	}
	return global
}

// GlyphPath is the marker of a kind of critical point as path data
// centred on (0, 0), for a legend drawn outside the figure.
func GlyphPath(kind string) string {
	var d pathData
	glyph(&d, normKind(kind), Point{})
	return d.String()
}
