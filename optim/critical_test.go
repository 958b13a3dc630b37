package optim

import (
	"math"
	"testing"
)

func countKinds(cps []CriticalPoint) map[string]int {
	n := map[string]int{}
	for _, c := range cps {
		n[c.Kind]++
	}
	return n
}

func TestCriticalPointCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		domain Domain
		want   map[string]int
	}{
		// Himmelblau (1972): four minima, one maximum, four saddles.
		{"himmelblau", sq(-5, 5), map[string]int{KindMinimum: 4, KindSaddle: 4, KindMaximum: 1}},
		// Six-hump camel on [-3,3]×[-2,2]: six minima, seven saddles, two maxima.
		{"six-hump-camel", Domain{X: [2]float64{-3, 3}, Y: [2]float64{-2, 2}}, map[string]int{KindMinimum: 6, KindSaddle: 7, KindMaximum: 2}},
		{"quadratic", sq(-2, 2), map[string]int{KindMinimum: 1}},
		{"saddle", sq(-2, 2), map[string]int{KindSaddle: 1}},
		// On the domain's corner and edge: the grid is padded, so the edge nodes have neighbours.
		{"quadratic", sq(0, 2), map[string]int{KindMinimum: 1}},
		{"saddle", Domain{X: [2]float64{-1, 1}, Y: [2]float64{0, 1}}, map[string]int{KindSaddle: 1}},
		// No critical point inside.
		{"quadratic", sq(1, 2), map[string]int{}},
		{"monkey-saddle", sq(-2, 2), map[string]int{KindDegenerate: 1}},
		{"rosenbrock", Domain{X: [2]float64{-2, 2}, Y: [2]float64{-1, 3}}, map[string]int{KindMinimum: 1}},
		{"booth", sq(-10, 10), map[string]int{KindMinimum: 1}},
		{"matyas", sq(-10, 10), map[string]int{KindMinimum: 1}},
		// Three-hump camel: the global minimum, two local minima, two saddles.
		{"three-hump-camel", sq(-2, 2), map[string]int{KindMinimum: 3, KindSaddle: 2}},
		// Styblinski–Tang: each coordinate has two minima and a maximum: 4 minima, 4 saddles, 1 maximum.
		{"styblinski-tang", sq(-5, 5), map[string]int{KindMinimum: 4, KindSaddle: 4, KindMaximum: 1}},
		// Rastrigin on [-5.12,5.12]²: per axis 11 minima and 10 maxima (x² − 10cos2πx), so 121 minima,
		// 100 maxima and 220 saddles.
		{"rastrigin", sq(-5.12, 5.12), map[string]int{KindMinimum: 121, KindSaddle: 220, KindMaximum: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Lookup(tt.name, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := countKinds(CriticalPoints(f, tt.domain, CriticalGrid, f.Minima))
			for _, k := range []string{KindMinimum, KindSaddle, KindMaximum, KindDegenerate} {
				if got[k] != tt.want[k] {
					t.Errorf("%s: %d %s points, want %d (all: %v)", tt.name, got[k], k, tt.want[k], got)
				}
			}
		})
	}
}

// TestPublishedMinima checks each catalog function's table minima: the value
// there matches the table and, where the function is smooth, the gradient
// vanishes and a critical-point search finds a minimum nearby.
func TestPublishedMinima(t *testing.T) {
	t.Parallel()
	for _, name := range CatalogNames() {
		f, err := Lookup(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		cps := CriticalPoints(f, f.Domain, CriticalGrid, nil)
		for _, m := range f.Minima {
			tol := math.Max(m.Tol, 1e-12)
			if got := f.Func(m.X); math.Abs(got-m.F) > 10*tol*math.Max(1, math.Abs(m.F)) {
				t.Errorf("%s at %v = %v, table says %v", name, m.X, got, m.F)
			}
			if name == "ackley" {
				continue // a kink: no gradient at the minimum
			}
			near := false
			for _, c := range cps {
				d := 0.0
				for i := range c.X {
					d = math.Max(d, math.Abs(c.X[i]-m.X[i]))
				}
				if d <= 2*tol+1e-9 && c.Kind == KindMinimum {
					near = true
				}
			}
			if !near {
				t.Errorf("%s: no minimum found within %g of the table's %v", name, tol, m.X)
			}
		}
	}
}

// BenchmarkCriticalPoints times the seed figure's critical points:
// Himmelblau's function on [-5, 5]², sampled on the grid a build uses.
func BenchmarkCriticalPoints(b *testing.B) {
	f, err := Lookup("himmelblau", nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		CriticalPoints(f, f.Domain, CriticalGrid, f.Minima)
	}
}

// A function that oscillates faster than the grid has tens of thousands of
// critical nodes; the search tries only the lowest maxSeeds of them.
func TestCriticalPointsOscillating(t *testing.T) {
	t.Parallel()
	f := MustParseExpr("sin(130*x)*sin(130*y)")
	d := sq(-3, 3)
	seeds := gridCandidates(f, d, CriticalGrid, maxSeeds)
	if len(seeds) != maxSeeds {
		t.Fatalf("%d seeds, want the cap, %d", len(seeds), maxSeeds)
	}
	all := gridCandidates(f, d, CriticalGrid, math.MaxInt)
	if len(all) <= maxSeeds {
		t.Fatalf("only %d critical nodes; the test needs more than %d", len(all), maxSeeds)
	}
	highest := math.Inf(-1)
	for _, s := range seeds {
		highest = math.Max(highest, f.Func(s))
	}
	lower := 0
	for _, s := range all {
		if f.Func(s) < highest {
			lower++
		}
	}
	if lower > maxSeeds {
		t.Errorf("%d critical nodes lie below the highest seed; the seeds are not the lowest", lower)
	}
	if cps := CriticalPoints(f, d, CriticalGrid, nil); len(cps) == 0 || len(cps) > MaxCriticalPoints {
		t.Errorf("%d critical points", len(cps))
	}
}

// BenchmarkCriticalPointsOscillating is the worst case: as many Newton
// solves as the search allows.
func BenchmarkCriticalPointsOscillating(b *testing.B) {
	f := MustParseExpr("sin(130*x)*sin(130*y)")
	for b.Loop() {
		CriticalPoints(f, sq(-3, 3), CriticalGrid, nil)
	}
}
