package figure

import (
	"context"

	"descent/internal/watchdog"

	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"descent/diag"
	"descent/optim"
)

// panicky is an objective that fails the way a bug would.
type panicky struct{ optim.Objective }

func (panicky) Grad(grad, x []float64) { panic("boom") }

func (p panicky) Hess(dst *mat.SymDense, x []float64) { p.Objective.Hess(dst, x) }

// TestPanicInFigure checks that a panic while computing one figure becomes
// an error naming that figure.
func TestPanicInFigure(t *testing.T) {
	t.Parallel()
	f, _ := optim.Lookup("quadratic", nil)
	m, _ := optim.LookupMethod("gd")
	spec := &Spec{Function: "quadratic", Obj: panicky{f}, Dim: 2, Domain: f.Domain,
		Starts: [][]float64{{1, 1}}, Steps: 3, Runs: []runSpec{{Method: m, Given: map[string]float64{"lr": 0.1}}}}
	_, err := Compute(context.Background(), spec, "fig", &Memo{})
	if err == nil || !strings.HasPrefix(err.Error(), "internal error while computing the figure (please report it): boom") {
		t.Errorf("got %v", err)
	}
}

// FuzzDirective checks that no directive, however malformed, panics or
// hangs the decoder, and that what decodes computes.
func FuzzDirective(f *testing.F) {
	for _, s := range []string{"function: rosenbrock\nstart: [-1.5, 2.5]\nsteps: 10\nruns:\n  - optimizer: gd\n    lr: 0.001\n", "function: \"x^2\"\nstart: [1, -1]\nruns: [{optimizer: adam, lr: [0.1, 0.2]}]\n",
		"function: {linear-regression: {n: 20}}\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.1, batch: 4}]\n",
		"function: himmelblau\nstart: [[-4, 4], [0, 0]]\ncontours: {levels: [1, 10, 100], scale: log}\nruns:\n  - optimizer: nadam\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer watchdog.Start(src)()
		l := &diag.List{File: "f.md"}
		spec, ok := Decode(src, 0, l)
		if !ok {
			if len(l.Errs) == 0 {
				t.Fatalf("rejected without an error: %q", src)
			}
			return
		}
		for _, r := range spec.Runs {
			if r.Steps > 200 || spec.Steps > 200 || spec.Levels.Count > 60 {
				return // valid but slow; computing is covered by other tests
			}
		}
		if _, err := Compute(context.Background(), spec, "f", &Memo{}); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("%q: %v", src, err)
		}
	})
}

// BenchmarkFigure computes the lesson's first figure as a large course
// does: its contour layer and critical points already shared.
func BenchmarkFigure(b *testing.B) {
	l := &diag.List{File: "bench"}
	src := []byte("function: himmelblau\nstart: [-1, 4]\nsteps: 300\nruns:\n  - optimizer: gd\n    lr: 0.01\n" +
		"  - optimizer: momentum\n    lr: 0.001\n    momentum: 0.9\n  - optimizer: rmsprop\n    lr: 0.05\n  - optimizer: adam\n    lr: 0.2\n")
	spec, ok := Decode(src, 0, l)
	if !ok {
		b.Fatal(l.Errs)
	}
	var memo Memo
	for b.Loop() {
		if _, err := Compute(context.Background(), spec, "fig", &memo); err != nil {
			b.Fatal(err)
		}
	}
}
