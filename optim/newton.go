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

// Step takes one step.
func (o *Newton) Step(x, grad []float64) {
	n := len(x)
	h := mat.NewSymDense(n, nil)
	o.Obj.Hess(h, x)
	var d mat.VecDense
	if err := d.SolveVec(h, mat.NewVecDense(n, append([]float64(nil), grad...))); err != nil {
		for i := range x {
			x[i] = math.NaN()
		}
		return
	}
	for i := range x {
		x[i] -= o.LR * d.AtVec(i)
	}
}
