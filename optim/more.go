package optim

import (
	"math"
	"slices"

	"descent/optim/pmath"
)

// RAdam is Adam with its variance rectified: early steps, while the
// squared-gradient average is unreliable, are plain momentum steps;
// torch.optim.RAdam (torch 1.13).
//
//	m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ)
//	ρ∞ = 2/(1−β₂) − 1;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ)
//	ρₜ > 5:  x ← x − lr·m̂·√(1−β₂ᵗ)/(√v + ε)·r,  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
//	else:    x ← x − lr·m̂
type RAdam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64

	t    int
	m, v []float64
}

var _ Stepper = (*RAdam)(nil)

// Step takes one step.
func (o *RAdam) Step(x, grad []float64) {
	if o.m == nil {
		o.m, o.v = make([]float64, len(x)), make([]float64, len(x))
	}
	o.t++
	t := float64(o.t)
	b2t := pmath.Pow(o.Beta2, t)
	bc1, bc2 := 1-pmath.Pow(o.Beta1, t), 1-b2t
	rhoInf := 2/(1-o.Beta2) - 1
	rhoT := rhoInf - float64(float64(2*t)*b2t)/bc2
	for i := range x {
		g := grad[i]
		if o.WeightDecay != 0 {
			g += float64(x[i] * o.WeightDecay)
		}
		o.m[i] = float64(o.m[i]*o.Beta1) + float64(g*(1-o.Beta1))
		o.v[i] = float64(o.v[i]*o.Beta2) + float64(float64((1-o.Beta2)*g)*g)
		mhat := o.m[i] / bc1
		if rhoT > 5 {
			rect := math.Sqrt(float64(float64((rhoT-4)*(rhoT-2))*rhoInf) / float64(float64((rhoInf-4)*(rhoInf-2))*rhoT))
			adaptive := math.Sqrt(bc2) / (math.Sqrt(o.v[i]) + o.Eps)
			x[i] -= float64(float64(float64(mhat*o.LR)*adaptive) * rect)
		} else {
			x[i] -= float64(mhat * o.LR)
		}
	}
}

// Rprop steps each coordinate by its own step size, which grows while the
// gradient keeps its sign and shrinks when it flips: torch.optim.Rprop.
//
//	s ← clamp(s·η₊ if g·g₋ > 0, s·η₋ if < 0, else s;  s_min, s_max)
//	g ← 0 where it flipped;  x ← x − sign(g)·s;  g₋ ← g
type Rprop struct {
	LR, EtaMinus, EtaPlus, StepMin, StepMax float64

	prev, size []float64
}

var _ Stepper = (*Rprop)(nil)

// Step takes one step.
func (o *Rprop) Step(x, grad []float64) {
	if o.prev == nil {
		o.prev, o.size = make([]float64, len(x)), make([]float64, len(x))
		for i := range o.size {
			o.size[i] = o.LR
		}
	}
	for i := range x {
		g := grad[i]
		f := 1.0
		switch p := g * o.prev[i]; {
		case p > 0:
			f = o.EtaPlus
		case p < 0:
			f = o.EtaMinus
		}
		o.size[i] = math.Min(math.Max(o.size[i]*f, o.StepMin), o.StepMax)
		if f == o.EtaMinus {
			g = 0
		}
		x[i] -= float64(sign(g) * o.size[i])
		o.prev[i] = g
	}
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return v
}

// ASGD is gradient descent whose rate decays as lr/(1 + λ·lr·t)^α, with a
// decay of the point by λ·η each step: torch.optim.ASGD. (Its running
// average of the points, which torch keeps for evaluation, is not the path.)
type ASGD struct {
	LR, Lambd, Alpha, T0, WeightDecay float64

	t   int
	eta float64
}

var _ Stepper = (*ASGD)(nil)

// Step takes one step.
func (o *ASGD) Step(x, grad []float64) {
	if o.t == 0 {
		o.eta = o.LR
	}
	o.t++
	for i := range x {
		g := grad[i]
		if o.WeightDecay != 0 {
			g += float64(x[i] * o.WeightDecay)
		}
		x[i] = float64(x[i] * (1 - float64(o.Lambd*o.eta)))
		x[i] += float64(-o.eta * g)
	}
	o.eta = o.LR / pmath.Pow(1+float64(float64(o.Lambd*o.LR)*float64(o.t)), o.Alpha)
}

func (o *RAdam) SetLR(lr float64) { o.LR = lr }
func (o *Rprop) SetLR(lr float64) { o.LR = lr }
func (o *ASGD) SetLR(lr float64)  { o.LR = lr }

// GridSearch is seed 003's search: each step evaluates a Points × Points
// grid of probes (Points in 1-D) spaced evenly within ±Radius of the point,
// moves to the probe of least value (the first, in row order, of equal
// ones), then multiplies Radius by Shrink. It ignores the gradient.
type GridSearch struct {
	Points         int
	Radius, Shrink float64
	Obj            Objective
}

var _ Stepper = (*GridSearch)(nil)

// Step takes one step.
func (o *GridSearch) Step(x, _ []float64) {
	best, bestF := slices.Clone(x), math.Inf(1)
	p := make([]float64, len(x))
	offsets := make([]float64, o.Points)
	for i := range offsets {
		if o.Points > 1 {
			offsets[i] = -o.Radius + float64(float64(2*o.Radius)*float64(i))/float64(o.Points-1)
		}
	}
	rows := 1
	if len(x) == 2 {
		rows = o.Points
	}
	for j := range rows {
		for i := range o.Points {
			p[0] = x[0] + offsets[i]
			if len(x) == 2 {
				p[1] = x[1] + offsets[j]
			}
			if f := o.Obj.Func(p); f < bestF {
				bestF = f
				copy(best, p)
			}
		}
	}
	if !math.IsInf(bestF, 1) { // every probe not finite: stay, and the run will say so
		copy(x, best)
	}
	o.Radius = float64(o.Radius * o.Shrink)
}
