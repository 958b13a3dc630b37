package svgviz

import (
	"math"
	"testing"
)

func TestSimplifyTolerance(t *testing.T) {
	t.Parallel()
	var wave, ring []Point
	for k := range 500 {
		x := float64(k) * 0.4
		wave = append(wave, Point{x, 20 * math.Sin(x/15)})
		a := 2 * math.Pi * float64(k) / 500
		ring = append(ring, Point{100 * math.Cos(a), 100 * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	line := []Point{{0, 0}, {1, 1}, {2, 2}, {3, 3.1}, {4, 4}}
	tests := []struct {
		name    string
		pts     []Point
		tol     float64
		maxKept int
	}{
		{"wave", wave, 0.25, 60},
		{"ring", ring, 0.25, 70},
		{"nearly straight line", line, 0.25, 2},
		{"line, tight", line, 0.01, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := simplify(tt.pts, tt.tol)
			if len(got) > tt.maxKept {
				t.Errorf("kept %d of %d points, want at most %d", len(got), len(tt.pts), tt.maxKept)
			}
			if got[0] != tt.pts[0] || got[len(got)-1] != tt.pts[len(tt.pts)-1] {
				t.Errorf("ends not kept")
			}
			// Every input point lies within tol of the simplified polyline.
			for _, p := range tt.pts {
				best := math.Inf(1)
				for k := 1; k < len(got); k++ {
					best = math.Min(best, sqSegDist(p, got[k-1], got[k]))
				}
				if math.Sqrt(best) > tt.tol+1e-12 {
					t.Fatalf("point %v is %.3f from the simplified line, tolerance %g", p, math.Sqrt(best), tt.tol)
				}
			}
		})
	}
}

// simplify is a simplifier's run into a new slice, for the tests.
func simplify(pts []Point, tol float64) []Point {
	var s simplifier
	return append([]Point(nil), s.run(pts, tol)...)
}
