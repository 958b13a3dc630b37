package svgviz

// A simplifier keeps the points of a polyline that the Ramer–Douglas–Peucker
// algorithm keeps at a tolerance: every dropped point lies within it of the
// segment between the kept points around it. The ends are always kept, so a
// closed polyline stays closed. Its buffers are reused: the result of run is
// valid until the next call.
type simplifier struct {
	keep  []bool
	stack []span
	out   []Point
}

type span struct{ a, b int }

func (s *simplifier) run(pts []Point, tol float64) []Point {
	n := len(pts)
	if n < 3 {
		return append(s.out[:0], pts...)
	}
	if cap(s.keep) < n {
		s.keep = make([]bool, n)
	}
	keep := s.keep[:n]
	clear(keep)
	keep[0], keep[n-1] = true, true
	s.stack = append(s.stack[:0], span{0, n - 1})
	if pts[0] == pts[n-1] {
		// A ring: its chord is a point, so split it in two halves first.
		keep[n/2] = true
		s.stack = append(s.stack[:0], span{0, n / 2}, span{n / 2, n - 1})
	}
	tol2 := tol * tol
	for len(s.stack) > 0 {
		sp := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		far := farthest(pts[sp.a:sp.b+1], tol2)
		if far >= 0 {
			far += sp.a
		}
		if far >= 0 {
			keep[far] = true
			s.stack = append(s.stack, span{sp.a, far}, span{far, sp.b})
		}
	}
	s.out = s.out[:0]
	for k, p := range pts {
		if keep[k] {
			s.out = append(s.out, p)
		}
	}
	return s.out
}

// farthest returns the index of the inner point of pts farthest from the
// segment between its ends, or -1 if none is farther than √tol2. Distances
// are compared multiplied by the segment's squared length l2, which spares
// a division per point: the distance to the segment's line is then the
// square of a cross product.
func farthest(pts []Point, tol2 float64) int {
	a, b := pts[0], pts[len(pts)-1]
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		l2 = 1 // the segment is a point: plain distances to it
	}
	far, best := -1, tol2*l2
	for k := 1; k < len(pts)-1; k++ {
		px, py := pts[k].X-a.X, pts[k].Y-a.Y
		var d float64
		switch dot := px*dx + py*dy; {
		case dot <= 0: // nearest to a
			d = (px*px + py*py) * l2
		case dot >= l2: // nearest to b
			d = sqDist(pts[k], b) * l2
		default:
			c := px*dy - py*dx
			d = c * c
		}
		if d > best {
			far, best = k, d
		}
	}
	return far
}

func sqDist(p, q Point) float64 {
	dx, dy := p.X-q.X, p.Y-q.Y
	return dx*dx + dy*dy
}

// sqSegDist returns the squared distance from p to the segment ab.
func sqSegDist(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return sqDist(p, a)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
	t = min(max(t, 0), 1)
	return sqDist(p, Point{a.X + t*dx, a.Y + t*dy})
}
