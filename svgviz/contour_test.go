package svgviz

import (
	"math"
	"reflect"
	"testing"
)

// sample returns f sampled on an n×n grid over d.
func sample(d Domain, nx, ny int, f func(x, y float64) float64) Grid {
	g := Grid{Domain: d, NX: nx, NY: ny, Values: make([]float64, nx*ny)}
	for j := range ny {
		for i := range nx {
			g.Values[j*nx+i] = f(g.x(i), g.y(j))
		}
	}
	return g
}

func TestContoursCircle(t *testing.T) {
	t.Parallel()
	g := sample(Domain{-2, 2, -2, 2}, 81, 81, func(x, y float64) float64 { return math.Hypot(x, y) })
	for _, r := range []float64{0.3, 1, 1.77} {
		cs := Contours(g, r)
		if len(cs) != 1 {
			t.Fatalf("r=%g: %d contours, want 1", r, len(cs))
		}
		c := cs[0]
		if !c.Closed() {
			t.Errorf("r=%g: contour not closed: %v … %v", r, c[0], c[len(c)-1])
		}
		for _, p := range c {
			if d := math.Abs(math.Hypot(p.X, p.Y) - r); d > 0.005 {
				t.Fatalf("r=%g: point %v is %.4f off the circle", r, p, d)
			}
		}
		if a := signedArea(c); a <= 0 || math.Abs(a-math.Pi*r*r) > 0.02*math.Pi*r*r {
			t.Errorf("r=%g: area %g, want ≈ %g, counterclockwise", r, a, math.Pi*r*r)
		}
	}
}

func signedArea(c Contour) float64 {
	var a float64
	for k := 1; k < len(c); k++ {
		a += c[k-1].X*c[k].Y - c[k].X*c[k-1].Y
	}
	return a / 2
}

// TestContoursSaddle checks the saddle cell: corners (0,0) and (1,1) are low,
// (1,0) and (0,1) high; the centre decides whether the low corners connect.
func TestContoursSaddle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		values []float64 // row-major, y ascending
		level  float64
		// which corner each of the two segments cuts off
		cutLow bool
	}{
		{"centre high separates the low corners", []float64{0, 2, 2, 0.5}, 1, true},
		{"centre low joins the low corners", []float64{0, 2, 2, 0.5}, 1.2, false},
		{"mirrored, centre high", []float64{2, 0, 0.5, 2}, 1, true},
		{"mirrored, centre low", []float64{2, 0, 0.5, 2}, 1.2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := Grid{Domain: Domain{0, 1, 0, 1}, NX: 2, NY: 2, Values: tt.values}
			cs := Contours(g, tt.level)
			if len(cs) != 2 {
				t.Fatalf("%d polylines, want 2: %v", len(cs), cs)
			}
			for _, c := range cs {
				if len(c) != 2 {
					t.Fatalf("polyline %v, want one segment", c)
				}
				// The segment cuts off the corner nearest its midpoint.
				mx, my := (c[0].X+c[1].X)/2, (c[0].Y+c[1].Y)/2
				ci, cj := math.Round(mx), math.Round(my)
				v := tt.values[int(cj)*2+int(ci)]
				if low := v < tt.level; low != tt.cutLow {
					t.Errorf("segment %v cuts off corner (%g,%g) with value %g; want low=%v", c, ci, cj, v, tt.cutLow)
				}
				// The lower side is on the left.
				dx, dy := c[1].X-c[0].X, c[1].Y-c[0].Y
				left := (ci-c[0].X)*dy-(cj-c[0].Y)*dx < 0
				if left != (v < tt.level) {
					t.Errorf("segment %v: corner value %g on the wrong side", c, v)
				}
			}
		})
	}
}

func TestContoursOpenAndUndefined(t *testing.T) {
	t.Parallel()
	// A plane crosses the domain: one open polyline from edge to edge.
	g := sample(Domain{0, 1, 0, 1}, 11, 11, func(x, y float64) float64 { return x + y })
	cs := Contours(g, 1)
	if len(cs) != 1 || cs[0].Closed() || len(cs[0]) < 2 {
		t.Fatalf("plane: got %v, want one open polyline", cs)
	}
	// A NaN hole splits it in two.
	g.Values[5*11+5] = math.NaN()
	if cs := Contours(g, 1); len(cs) != 2 {
		t.Fatalf("plane with a hole: %d polylines, want 2", len(cs))
	}
	if cs := Contours(g, math.NaN()); cs != nil {
		t.Errorf("NaN level: got %v, want nil", cs)
	}
	if cs := Contours(Grid{NX: 1, NY: 5, Values: make([]float64, 5)}, 0); cs != nil {
		t.Errorf("1×5 grid: got %v, want nil", cs)
	}
}

func TestSublevelRingsClose(t *testing.T) {
	t.Parallel()
	g := sample(Domain{-1, 1, -1, 1}, 41, 41, func(x, y float64) float64 {
		if x > 0.5 {
			return math.NaN()
		}
		return x
	})
	rings := sublevelRings(g, []float64{-0.5, 0, 2}, true)
	if len(rings) != 4 {
		t.Fatalf("%d ring sets, want 3 levels + finite region", len(rings))
	}
	for k, rs := range rings {
		if len(rs) != 1 {
			t.Fatalf("set %d: %d rings, want 1", k, len(rs))
		}
		if !rs[0].Closed() {
			t.Errorf("set %d: ring not closed", k)
		}
	}
	// Level 2 lies above every value: its region is the finite part, x ≤ 0.5,
	// with the boundary halfway to the first undefined column, x = 0.55.
	if a, want := signedArea(rings[2][0]), 1.525*2; math.Abs(a-want) > 1e-9 {
		t.Errorf("area below 2 = %g, want %g", a, want)
	}
	if a, want := signedArea(rings[0][0]), 0.5*2; math.Abs(a-want) > 1e-9 {
		t.Errorf("area below -0.5 = %g, want %g", a, want)
	}
}

// TestSublevelTracerClosed checks what lets a sublevel tracer skip the
// search for open ends: on a lattice padded with +Inf, whatever holes and
// saddles it has, looking for them finds none, and the rings come out the
// same.
func TestSublevelTracerClosed(t *testing.T) {
	t.Parallel()
	g := sample(Domain{-5, 5, -5, 5}, 61, 61, func(x, y float64) float64 {
		switch {
		case math.Hypot(x-2, y-2) < 1:
			return math.NaN()
		case x < -4.5 && y > 0:
			return math.Inf(1)
		case x > 4 && y < -3:
			return math.Inf(-1)
		}
		return math.Pow(x*x+y-11, 2) + math.Pow(x+y*y-7, 2) // Himmelblau's saddles and four minima
	})
	levels := []float64{-1, 0, 1, 5, 20, 50, 100, 170, 180, 181.6, 200, 500}
	tr, fin := sublevelTracer(g, levels, true)
	defer tr.release(false)
	if !tr.closed || fin < 0 {
		t.Fatalf("closed %v, fin %d: want a closed tracer with a finite region", tr.closed, fin)
	}
	if sc := tr.scratch(); !sc.closed { // the other cores' tracers in writeBands
		t.Error("a scratch tracer of a closed one is not closed")
	}
	for k := range len(levels) + 1 {
		tr.closed = true
		fast := tr.trace(k)
		tr.closed = false
		slow := tr.trace(k)
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("level %d: %d rings skipping the search for open ends, %d not", k, len(fast), len(slow))
		}
		for _, r := range fast {
			if !r.Closed() {
				t.Errorf("level %d: a ring of %d points is open", k, len(r))
			}
		}
	}
}
