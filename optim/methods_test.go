package optim

import (
	"math"
	"testing"
)

// Newton's method lands on a quadratic's critical point in one step, be it
// a minimum or a saddle.
func TestNewton(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"quadratic", "saddle", "booth"} {
		f, _ := Lookup(name, nil)
		m, _ := LookupMethod("newton")
		s, _ := m.Resolve(nil)
		tr := Run(f, m.New(s, f), []float64{1.7, -0.4}, 3, nil)
		want := []float64{0, 0}
		if name == "booth" {
			want = []float64{1, 3}
		}
		for k := 1; k <= 3; k++ {
			for i := range want {
				if math.Abs(tr.Points[k][i]-want[i]) > 1e-12 {
					t.Errorf("%s step %d: %v, want %v", name, k, tr.Points[k], want)
				}
			}
		}
	}
}

// Newton's step is not finite where the Hessian is singular: the run
// diverges there, at the monkey saddle's flat centre for instance.
func TestNewtonSingular(t *testing.T) {
	t.Parallel()
	f, _ := Lookup("monkey-saddle", nil)
	m, _ := LookupMethod("newton")
	s, _ := m.Resolve(nil)
	tr := Run(f, m.New(s, f), []float64{0, 0}, 5, nil)
	if tr.StoppedAt != 1 || len(tr.Points) != 1 {
		t.Errorf("stopped at %d with %d points, want 1 and 1", tr.StoppedAt, len(tr.Points))
	}
}

// BFGS and Nelder–Mead: every iteration is a step, the path
// has exactly steps+1 points, and both reach Rosenbrock's minimum.
func TestClassicMethods(t *testing.T) {
	t.Parallel()
	f, _ := Lookup("rosenbrock", nil)
	for _, tt := range []struct {
		name  string
		steps int
		tol   float64
	}{{"bfgs", 100, 1e-6}, {"nelder-mead", 400, 1e-3}} {
		m, _ := LookupMethod(tt.name)
		start := []float64{-1.5, 2.5}
		tr := RunPath(f, start, m.Path(f, start, tt.steps))
		if len(tr.Points) != tt.steps+1 || tr.Diverged() {
			t.Fatalf("%s: %d points, diverged %v", tt.name, len(tr.Points), tr.Diverged())
		}
		last := tr.Points[tt.steps]
		if math.Abs(last[0]-1) > tt.tol || math.Abs(last[1]-1) > tt.tol {
			t.Errorf("%s ends at %v, want (1, 1)", tt.name, last)
		}
		moved := 0
		for k := 1; k <= tt.steps; k++ {
			if tr.Points[k][0] != tr.Points[k-1][0] || tr.Points[k][1] != tr.Points[k-1][1] {
				moved++
			}
		}
		if moved < 10 {
			t.Errorf("%s moved on only %d steps", tt.name, moved)
		}
	}
}

// Mini-batches are seeded: the same seed gives the same path, and a batch
// of the whole data set is full-batch gradient descent.
func TestMiniBatches(t *testing.T) {
	t.Parallel()
	r, err := NewLinearRegression(LinearRegressionSpec{N: 50, Seed: 7, Intercept: 4, Slope: 3, Noise: 1})
	if err != nil {
		t.Fatal(err)
	}
	run := func(batch int, seed uint64) Trajectory {
		return Run(r, &SGD{LR: 0.1}, []float64{0, 0}, 60, r.MiniBatches(batch, seed))
	}
	a, b := run(5, 1), run(5, 1)
	for k := range a.Points {
		if a.Points[k][0] != b.Points[k][0] || a.Points[k][1] != b.Points[k][1] {
			t.Fatalf("step %d differs between two runs with one seed", k)
		}
	}
	if c := run(5, 2); c.Points[60][0] == a.Points[60][0] {
		t.Error("another seed gave the same path")
	}
	full := Run(r, &SGD{LR: 0.1}, []float64{0, 0}, 60, nil)
	whole := run(50, 1)
	for k := range full.Points {
		for i := range 2 {
			if math.Abs(full.Points[k][i]-whole.Points[k][i]) > 1e-12 {
				t.Fatalf("step %d: a batch of all the data differs from full batch", k)
			}
		}
	}
	// The fitted line is near the generating one.
	if last := full.Points[60]; math.Abs(last[0]-4) > 1 || math.Abs(last[1]-3) > 1 {
		t.Errorf("fit %v, far from (4, 3)", last)
	}
}
