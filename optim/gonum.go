package optim

import (
	"gonum.org/v1/gonum/optimize"
)

// gonumProblem adapts an Objective to gonum/optimize.
func gonumProblem(obj Objective) optimize.Problem {
	return optimize.Problem{Func: obj.Func, Grad: obj.Grad, Hess: obj.Hess}
}

// pathRecorder keeps every major iterate gonum reports. gonum reuses
// loc.X, so each is copied.
type pathRecorder struct {
	path [][]float64
	max  int
}

func (r *pathRecorder) Init() error { return nil }

func (r *pathRecorder) Record(loc *optimize.Location, op optimize.Operation, _ *optimize.Stats) error {
	if op == optimize.MajorIteration && len(r.path) < r.max {
		r.path = append(r.path, append([]float64(nil), loc.X...))
	}
	return nil
}

// gonumPath runs method from start for at most steps major iterations and
// returns the iterates after start. A method that converges sooner is
// padded with its final point: it has stopped moving.
func gonumPath(obj Objective, start []float64, steps int, method optimize.Method) [][]float64 {
	rec := &pathRecorder{max: steps}
	settings := &optimize.Settings{
		MajorIterations: steps,
		Recorder:        rec,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-14, Iterations: steps + 1},
	}
	res, err := optimize.Minimize(gonumProblem(obj), append([]float64(nil), start...), settings, method)
	if err == nil && res != nil && len(rec.path) < steps {
		// The converging iterate arrives only in the result.
		last := res.X
		if len(rec.path) == 0 || !equal(rec.path[len(rec.path)-1], last) {
			rec.path = append(rec.path, append([]float64(nil), last...))
		}
	}
	if len(rec.path) > steps {
		rec.path = rec.path[:steps]
	}
	final := start
	if len(rec.path) > 0 {
		final = rec.path[len(rec.path)-1]
	}
	for len(rec.path) < steps {
		rec.path = append(rec.path, append([]float64(nil), final...))
	}
	return rec.path
}

func equal(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func bfgsPath(obj Objective, start []float64, steps int) [][]float64 {
	return gonumPath(obj, start, steps, &optimize.BFGS{})
}

func nelderMeadPath(obj Objective, start []float64, steps int) [][]float64 {
	return gonumPath(obj, start, steps, &optimize.NelderMead{})
}
