package optim

import "math"

// Adagrad divides each coordinate's step by the root of its summed squared
// gradients: torch.optim.Adagrad with no learning-rate decay and a zero
// initial accumulator.
//
//	s ← s + g²;  x ← x − lr·g / (√s + ε)
type Adagrad struct {
	LR, Eps               float64
	LRDecay, InitialAccum float64 // torch's lr_decay and initial_accumulator_value
	WeightDecay           float64
	Maximize              bool

	t      int
	sum, g []float64
}

var _ Stepper = (*Adagrad)(nil)

// Step takes one step.
func (o *Adagrad) Step(x, grad []float64) {
	if o.sum == nil {
		o.sum = make([]float64, len(x))
		for i := range o.sum {
			o.sum[i] = o.InitialAccum
		}
	}
	o.t++
	grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	lr := o.LR
	if o.LRDecay != 0 {
		lr = o.LR / (1 + float64(float64(o.t-1)*o.LRDecay))
	}
	for i := range x {
		o.sum[i] += float64(grad[i] * grad[i])
		x[i] += float64(-lr*grad[i]) / (math.Sqrt(o.sum[i]) + o.Eps)
	}
}

// RMSprop divides by the root of a moving average of squared gradients:
// torch.optim.RMSprop(alpha=Rho), not centred, without momentum.
//
//	v ← ρv + (1−ρ)g²;  x ← x − lr·g / (√v + ε)
type RMSprop struct {
	LR, Rho, Eps float64
	Momentum     float64 // torch's momentum: a buffer of steps
	Centered     bool    // divide by the estimated standard deviation
	WeightDecay  float64
	Maximize     bool

	avg, gavg, buf, g []float64
}

var _ Stepper = (*RMSprop)(nil)

// Step takes one step.
func (o *RMSprop) Step(x, grad []float64) {
	if o.avg == nil {
		o.avg, o.gavg, o.buf = make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x))
	}
	grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	for i := range x {
		o.avg[i] = float64(o.avg[i]*o.Rho) + float64((1-o.Rho)*grad[i]*grad[i])
		a := o.avg[i]
		if o.Centered {
			o.gavg[i] = float64(o.gavg[i]*o.Rho) + float64((1-o.Rho)*grad[i])
			a -= float64(o.gavg[i] * o.gavg[i])
		}
		d := math.Sqrt(a) + o.Eps
		if o.Momentum > 0 {
			o.buf[i] = float64(o.buf[i]*o.Momentum) + grad[i]/d
			x[i] += float64(-o.LR * o.buf[i])
		} else {
			x[i] += float64(-o.LR*grad[i]) / d
		}
	}
}

// Adadelta scales steps by the ratio of two moving RMS values, so that the
// step has the units of x: torch.optim.Adadelta.
//
//	v ← ρv + (1−ρ)g²;  d ← √(u+ε)/√(v+ε) · g;  u ← ρu + (1−ρ)d²;  x ← x − lr·d
type Adadelta struct {
	LR, Rho, Eps float64
	WeightDecay  float64
	Maximize     bool

	sq, acc, g []float64
}

var _ Stepper = (*Adadelta)(nil)

// Step takes one step.
func (o *Adadelta) Step(x, grad []float64) {
	if o.sq == nil {
		o.sq = make([]float64, len(x))
		o.acc = make([]float64, len(x))
	}
	grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	for i := range x {
		o.sq[i] = float64(o.sq[i]*o.Rho) + float64((1-o.Rho)*grad[i]*grad[i])
		std := math.Sqrt(o.sq[i] + o.Eps)
		d := float64(math.Sqrt(o.acc[i]+o.Eps) / std * grad[i])
		o.acc[i] = float64(o.acc[i]*o.Rho) + float64((1-o.Rho)*d*d)
		x[i] += float64(-o.LR * d)
	}
}
