package optim

import (
	"math"

	"descent/optim/pmath"
)

// Adam keeps moving averages of the gradient and its square, corrected for
// their zero start: torch.optim.Adam, or torch.optim.AdamW when Decoupled.
//
//	(AdamW) x ← x·(1 − lr·λ)
//	m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  (AMSGrad) v̂ ← max(v̂, v)
//	x ← x − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
type Adam struct {
	LR, Beta1, Beta2, Eps float64
	AMSGrad               bool
	WeightDecay           float64 // Adam's L2 penalty, or AdamW's decay when Decoupled
	Decoupled             bool    // AdamW's decoupled weight decay
	Maximize              bool

	t             int
	m, v, vmax, g []float64
}

var _ Stepper = (*Adam)(nil)

// Step takes one step.
func (o *Adam) Step(x, grad []float64) {
	if o.m == nil {
		o.m = make([]float64, len(x))
		o.v = make([]float64, len(x))
		o.vmax = make([]float64, len(x))
	}
	o.t++
	if o.Decoupled {
		grad = gradOf(&o.g, x, grad, 0, o.Maximize)
	} else {
		grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	}
	bc1 := 1 - pmath.Pow(o.Beta1, float64(o.t))
	bc2 := 1 - pmath.Pow(o.Beta2, float64(o.t))
	stepSize := o.LR / bc1
	bc2Sqrt := math.Sqrt(bc2)
	for i := range x {
		if o.Decoupled {
			x[i] = float64(x[i] * (1 - float64(o.LR*o.WeightDecay)))
		}
		o.m[i] = float64(o.m[i]*o.Beta1) + float64((1-o.Beta1)*grad[i])
		o.v[i] = float64(o.v[i]*o.Beta2) + float64((1-o.Beta2)*grad[i]*grad[i])
		v := o.v[i]
		if o.AMSGrad {
			o.vmax[i] = math.Max(o.vmax[i], v)
			v = o.vmax[i]
		}
		denom := math.Sqrt(v)/bc2Sqrt + o.Eps
		x[i] += -stepSize * o.m[i] / denom
	}
}

// Adamax is Adam with the infinity norm in place of the squared average:
// torch.optim.Adamax.
//
//	m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + ε);  x ← x − lr/(1−β₁ᵗ) · m/u
type Adamax struct {
	LR, Beta1, Beta2, Eps float64
	WeightDecay           float64
	Maximize              bool

	t       int
	m, u, g []float64
}

var _ Stepper = (*Adamax)(nil)

// Step takes one step.
func (o *Adamax) Step(x, grad []float64) {
	if o.m == nil {
		o.m = make([]float64, len(x))
		o.u = make([]float64, len(x))
	}
	o.t++
	grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	clr := o.LR / (1 - pmath.Pow(o.Beta1, float64(o.t)))
	for i := range x {
		o.m[i] = float64(o.m[i]*o.Beta1) + float64((1-o.Beta1)*grad[i])
		o.u[i] = math.Max(o.u[i]*o.Beta2, math.Abs(grad[i])+o.Eps)
		x[i] += -clr * o.m[i] / o.u[i]
	}
}

// NAdam is Adam with Nesterov momentum and Dozat's momentum schedule:
// torch.optim.NAdam by its documented rule (torch 2.x; torch 1.13 with
// foreach=True).
//
//	μₜ = β₁(1 − ½·0.96^(tψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
//	x ← x − lr(1−μₜ)/(1−Πμ₁…μₜ) · g/d − lr·μₜ₊₁/(1−Πμ₁…μₜ₊₁) · m/d,
//	d = √v/√(1−β₂ᵗ) + ε
type NAdam struct {
	LR, Beta1, Beta2, Eps float64
	MomentumDecay         float64 // ψ
	WeightDecay           float64

	t       int
	muProd  float64
	m, v, g []float64
}

var _ Stepper = (*NAdam)(nil)

// Step takes one step.
func (o *NAdam) Step(x, grad []float64) {
	if o.m == nil {
		o.m = make([]float64, len(x))
		o.v = make([]float64, len(x))
		o.muProd = 1
	}
	o.t++
	grad = gradOf(&o.g, x, grad, o.WeightDecay, false)
	t := float64(o.t)
	bc2 := 1 - pmath.Pow(o.Beta2, t)
	mu := float64(o.Beta1 * (1 - float64(0.5*pmath.Pow(0.96, float64(t*o.MomentumDecay)))))
	muNext := float64(o.Beta1 * (1 - float64(0.5*pmath.Pow(0.96, float64((t+1)*o.MomentumDecay)))))
	o.muProd = float64(o.muProd * mu)
	muProdNext := float64(o.muProd * muNext)
	bc2Sqrt := math.Sqrt(bc2)
	for i := range x {
		o.m[i] = float64(o.m[i]*o.Beta1) + float64((1-o.Beta1)*grad[i])
		o.v[i] = float64(o.v[i]*o.Beta2) + float64((1-o.Beta2)*grad[i]*grad[i])
		denom := math.Sqrt(o.v[i])/bc2Sqrt + o.Eps
		x[i] += float64(-o.LR*(1-mu)) / (1 - o.muProd) * grad[i] / denom
		x[i] += float64(-o.LR*muNext) / (1 - muProdNext) * o.m[i] / denom
	}
}
