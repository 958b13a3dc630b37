package optim

// SGD is gradient descent, with optional heavy-ball or Nesterov momentum:
// torch.optim.SGD, weight decay and maximize included.
//
//	b ← g on the first step, else μ·b + (1−τ)·g    (momentum μ, dampening τ)
//	d ← g + μ·b if Nesterov, else b (or g without momentum)
//	x ← x − lr·d
type SGD struct {
	LR          float64
	Momentum    float64
	Dampening   float64
	Nesterov    bool
	WeightDecay float64
	Maximize    bool

	buf, g []float64
}

var _ Stepper = (*SGD)(nil)

// Step takes one step.
func (o *SGD) Step(x, grad []float64) {
	grad = gradOf(&o.g, x, grad, o.WeightDecay, o.Maximize)
	if o.Momentum == 0 {
		for i := range x {
			x[i] = x[i] + float64(-o.LR*grad[i])
		}
		return
	}
	if o.buf == nil {
		o.buf = append([]float64(nil), grad...)
	} else {
		for i := range o.buf {
			o.buf[i] = float64(o.buf[i]*o.Momentum) + float64((1-o.Dampening)*grad[i])
		}
	}
	for i := range x {
		d := o.buf[i]
		if o.Nesterov {
			d = grad[i] + float64(o.Momentum*o.buf[i])
		}
		x[i] = x[i] + float64(-o.LR*d)
	}
}

// EMAMomentum is momentum as an exponential moving average of gradients, as
// often taught: v ← βv + (1−β)g, x ← x − lr·v. Unlike torch's heavy ball, the
// step is not scaled up by 1/(1−β) once v has settled.
type EMAMomentum struct {
	LR, Beta float64

	v []float64
}

var _ Stepper = (*EMAMomentum)(nil)

// Step takes one step.
func (o *EMAMomentum) Step(x, grad []float64) {
	if o.v == nil {
		o.v = make([]float64, len(x))
	}
	for i := range x {
		o.v[i] = float64(o.Beta*o.v[i]) + float64((1-o.Beta)*grad[i])
		x[i] -= float64(o.LR * o.v[i])
	}
}
