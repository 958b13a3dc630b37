package svgviz

// clipPolyline cuts a screen polyline to the rectangle r, returning the
// pieces inside it. Drawing is clipped to the plot anyway; cutting first keeps
// far-away points (a diverging run's) out of the path data.
func clipPolyline(pts []Point, r Rect) [][]Point {
	if len(pts) > 0 && allInside(pts, r) {
		return [][]Point{pts} // what the loop below returns, without copying
	}
	var out [][]Point
	var cur []Point
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(pts) == 1 {
		if inside(pts[0], r) {
			return [][]Point{{pts[0]}}
		}
		return nil
	}
	for k := 1; k < len(pts); k++ {
		a, b, ok := clipSegment(pts[k-1], pts[k], r)
		if !ok {
			flush()
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			flush()
			cur = append(cur, a)
		}
		cur = append(cur, b)
		if b != pts[k] { // left the rectangle
			flush()
		}
	}
	flush()
	return out
}

func allInside(pts []Point, r Rect) bool {
	for _, p := range pts {
		if !inside(p, r) {
			return false
		}
	}
	return true
}

func inside(p Point, r Rect) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// clipSegment clips segment ab to r (Liang–Barsky).
func clipSegment(a, b Point, r Rect) (Point, Point, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{
		{-dx, a.X - r.X}, {dx, r.X + r.W - a.X},
		{-dy, a.Y - r.Y}, {dy, r.Y + r.H - a.Y},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return a, b, false
		}
	}
	na, nb := a, b
	if t0 > 0 {
		na = Point{a.X + t0*dx, a.Y + t0*dy}
	}
	if t1 < 1 {
		nb = Point{a.X + t1*dx, a.Y + t1*dy}
	}
	return na, nb, true
}

// grow returns r enlarged by m on every side.
func (r Rect) grow(m float64) Rect { return Rect{r.X - m, r.Y - m, r.W + 2*m, r.H + 2*m} }
