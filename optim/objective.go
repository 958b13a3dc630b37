package optim

import "gonum.org/v1/gonum/mat"

// Objective is a twice-differentiable function of Dim() variables, shaped
// like gonum's test functions so that it plugs into gonum/optimize.
//
// Func, Grad and Hess must not modify x; Grad writes len(x) values into grad
// and Hess fills a Dim×Dim dst.
type Objective interface {
	Dim() int
	Func(x []float64) float64
	Grad(grad, x []float64)
	Hess(dst *mat.SymDense, x []float64)
}

// FuncGrader is implemented by objectives that compute the value and the
// gradient together more cheaply than apart. FuncGrad sets grad to ∇f(x)
// and returns f(x).
type FuncGrader interface {
	FuncGrad(grad, x []float64) float64
}

// GridEvaluator is implemented by objectives of two variables that can fill
// a grid faster than point by point.
type GridEvaluator interface {
	// EvalGrid sets dst[j*len(xs)+i] = f(xs[i], ys[j]).
	EvalGrid(dst, xs, ys []float64)
}

const badLength = "optim: slice lengths do not match the dimension"

// EvalGrid samples f on the lattice xs × ys, row-major with y as the row.
func EvalGrid(f Objective, xs, ys []float64) []float64 {
	dst := make([]float64, len(xs)*len(ys))
	EvalGridInto(dst, f, xs, ys)
	return dst
}

// EvalGridInto is EvalGrid into dst, which holds len(xs)×len(ys) values.
func EvalGridInto(dst []float64, f Objective, xs, ys []float64) {
	if len(dst) != len(xs)*len(ys) {
		panic(badLength)
	}
	if g, ok := f.(GridEvaluator); ok {
		g.EvalGrid(dst, xs, ys)
		return
	}
	p := make([]float64, f.Dim())
	for j, y := range ys {
		for i, x := range xs {
			p[0] = x
			if len(p) > 1 {
				p[1] = y
			}
			dst[j*len(xs)+i] = f.Func(p)
		}
	}
}
