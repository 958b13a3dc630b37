package optim

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Newton takes the pure Newton step x ← x − lr·H⁻¹∇f, which jumps to the
// critical point of the local quadratic model, be it a minimum, a maximum
// or a saddle. Where H is singular the step is not finite and the run
// diverges there.
type Newton struct {
	LR  float64
	Obj Objective
}

var _ Stepper = (*Newton)(nil)

// Step takes one step. The system is solved by Cramer's rule, with every
// product rounded, rather than by LAPACK: the step is then the same bits on
// every architecture (gonum's solvers are compiled with fused multiply-adds
// where the processor has them).
func (o *Newton) Step(x, grad []float64) {
	n := len(x)
	h := mat.NewSymDense(n, nil)
	o.Obj.Hess(h, x)
	d := make([]float64, n)
	switch n {
	case 1:
		d[0] = grad[0] / h.At(0, 0)
	case 2:
		a, b, c := h.At(0, 0), h.At(0, 1), h.At(1, 1)
		det := float64(a*c) - float64(b*b)
		d[0] = (float64(c*grad[0]) - float64(b*grad[1])) / det
		d[1] = (float64(a*grad[1]) - float64(b*grad[0])) / det
	default:
		panic(badLength)
	}
	for i := range x {
		x[i] -= float64(o.LR * d[i])
	}
	if !finite(x) { // a singular Hessian: the run diverges here
		for i := range x {
			x[i] = math.NaN()
		}
	}
}
