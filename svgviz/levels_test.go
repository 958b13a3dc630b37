package svgviz

import (
	"math"
	"slices"
	"testing"
)

func TestChooseLevels(t *testing.T) {
	t.Parallel()
	bowl := sample(Domain{-1, 1, -1, 1}, 50, 50, func(x, y float64) float64 { return x*x + y*y - 0.5 })
	rosen := sample(Domain{-2, 2, -1, 3}, 100, 100, rosenbrock.f)
	himmel := sample(Domain{-6, 6, -6, 6}, 100, 100, himmelblau.f)
	flat := sample(Domain{0, 1, 0, 1}, 3, 3, func(x, y float64) float64 { return 2 })
	undefined := sample(Domain{0, 1, 0, 1}, 3, 3, func(x, y float64) float64 { return math.NaN() })
	tests := []struct {
		name  string
		g     Grid
		l     Levels
		count int
		log   bool // spacing grows with the level
	}{
		{"default count, linear bowl", bowl, Levels{}, 30, false},
		{"count", bowl, Levels{Count: 7}, 7, false},
		{"auto: Rosenbrock is log", rosen, Levels{Scale: "auto", Count: 20}, 20, true},
		{"auto: Himmelblau is linear", himmel, Levels{Count: 20}, 20, false},
		{"forced log with a negative minimum", bowl, Levels{Scale: "log", Count: 10}, 10, true},
		{"forced linear", rosen, Levels{Scale: "linear", Count: 10}, 10, false},
		{"unknown scale is auto", rosen, Levels{Scale: "cubic", Count: 10}, 10, true},
		{"constant grid", flat, Levels{}, 0, false},
		{"undefined grid", undefined, Levels{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ls := ChooseLevels(tt.g, tt.l)
			if len(ls) != tt.count {
				t.Fatalf("%d levels, want %d: %v", len(ls), tt.count, ls)
			}
			if tt.count == 0 {
				return
			}
			lo, hi, _ := tt.g.finiteRange()
			if !slices.IsSorted(ls) || ls[0] <= lo || ls[len(ls)-1] >= hi {
				t.Errorf("levels %v not ascending inside (%g, %g)", ls, lo, hi)
			}
			first, last := ls[1]-ls[0], ls[len(ls)-1]-ls[len(ls)-2]
			if isLog := last > 2*first; isLog != tt.log {
				t.Errorf("first gap %g, last gap %g: log=%v, want %v", first, last, isLog, tt.log)
			}
		})
	}
}

func TestChooseLevelsExplicit(t *testing.T) {
	t.Parallel()
	got := ChooseLevels(Grid{}, Levels{Values: []float64{3, 1, math.NaN(), 2, 1, math.Inf(1)}, Count: 9})
	if want := []float64{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
