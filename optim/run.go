package optim

import (
	"math"
	"math/rand/v2"
)

// MaxSteps bounds the steps of one run, far above what a figure can show.
const MaxSteps = 100000

// Trajectory is one run: the point at every step and what was measured there.
type Trajectory struct {
	Points   [][]float64 // steps+1 points, start first; only the finite prefix if diverged
	Loss     []float64   // f at each point
	GradNorm []float64   // |∇f| at each point (the full gradient, even for batch runs)
	LR       []float64   // with a schedule: the learning rate the step from each point uses; else nil
	// StoppedAt is the first step whose point or loss was not finite, or -1.
	StoppedAt int

	coords []float64 // backs Points, a block at a time, not a slice per point
}

// Diverged reports whether the run stopped early.
func (t *Trajectory) Diverged() bool { return t.StoppedAt >= 0 }

// LRSetter is an optimizer whose learning rate a schedule changes between
// steps.
type LRSetter interface{ SetLR(lr float64) }

// Options are what a run may add to its optimizer's steps.
type Options struct {
	// StepGrad, if set, supplies the gradient each step uses (a
	// mini-batch) instead of the full one.
	StepGrad func(grad, x []float64)
	// Schedule, with LR the initial rate, changes opt's rate after every
	// step; opt must be an LRSetter.
	Schedule Schedule
	LR       float64
	// Clip, if positive, scales a gradient whose norm exceeds it down to
	// about that norm before the step, as torch.nn.utils.clip_grad_norm_.
	Clip float64
	// Noise, if positive, adds Noise·N(0, 1) to each coordinate of the
	// gradient after clipping, from a PCG generator seeded with Seed, so
	// that every build draws the same numbers.
	Noise float64
	Seed  uint64
	// Stop, if set, is asked every 64 steps whether to end the run there
	// (a cancelled build); the run then keeps the steps taken.
	Stop func() bool
}

// Run takes steps steps of opt from start on obj. If stepGrad is not nil it
// supplies the gradient each step uses (a mini-batch); otherwise the full
// gradient is used. The run stops at the first point or loss that is not
// finite and keeps what came before (SPEC §2).
func Run(obj Objective, opt Stepper, start []float64, steps int, stepGrad func(grad, x []float64)) Trajectory {
	return RunWith(obj, opt, start, steps, Options{StepGrad: stepGrad})
}

// RunWith is Run with a schedule and clipping.
func RunWith(obj Objective, opt Stepper, start []float64, steps int, o Options) Trajectory {
	if len(start) != obj.Dim() {
		panic(badLength)
	}
	x := append([]float64(nil), start...)
	grad := make([]float64, len(x))
	t := Trajectory{StoppedAt: -1}
	// Room for every step up front, not doubling as they come (a tenth of
	// a 1,000-lesson build's allocation); a long run that may diverge early
	// is given a part.
	n := min(steps+1, 1<<14)
	t.Points, t.Loss, t.GradNorm = make([][]float64, 0, n), make([]float64, 0, n), make([]float64, 0, n)
	t.coords = make([]float64, 0, n*len(x))
	lr := o.LR
	setter, _ := opt.(LRSetter)
	scheduled := o.Schedule != nil && setter != nil
	var rng *rand.Rand
	if o.Noise > 0 {
		rng = rand.New(rand.NewPCG(o.Seed, 0x6e6f697365)) // "noise"
	}
	if scheduled {
		lr = o.Schedule.LR(0, lr, o.LR)
		setter.SetLR(lr)
	}
	for k := 0; k <= steps; k++ {
		if o.Stop != nil && k%64 == 63 && o.Stop() {
			break
		}
		if k > 0 {
			// Without mini-batches, grad already holds ∇f(x): record
			// computed it for the gradient norm of the step before.
			if o.StepGrad != nil {
				o.StepGrad(grad, x)
			}
			if o.Clip > 0 {
				if c := o.Clip / (norm(grad) + 1e-6); c < 1 {
					for i := range grad {
						grad[i] = float64(grad[i] * c)
					}
				}
			}
			if rng != nil {
				for i := range grad {
					grad[i] += float64(o.Noise * normal(rng))
				}
			}
			opt.Step(x, grad)
			if scheduled { // torch: optimizer.step(), then scheduler.step()
				lr = o.Schedule.LR(k, lr, o.LR)
				setter.SetLR(lr)
			}
		}
		if !t.record(obj, k, x, grad) {
			break
		}
		if scheduled {
			t.LR = append(t.LR, lr)
		}
	}
	return t
}

// record appends step k at x, or marks the run stopped there if x or its
// loss is not finite. grad is scratch space.
func (t *Trajectory) record(obj Objective, k int, x, grad []float64) bool {
	var loss float64
	fg, fused := obj.(FuncGrader)
	if fused {
		loss = fg.FuncGrad(grad, x)
	} else {
		loss = obj.Func(x)
	}
	if !finite(x) || math.IsNaN(loss) || math.IsInf(loss, 0) {
		t.StoppedAt = k
		return false
	}
	if !fused {
		obj.Grad(grad, x)
	}
	if cap(t.coords)-len(t.coords) < len(x) {
		t.coords = make([]float64, 0, max(64, 2*cap(t.coords)))
	}
	n := len(t.coords)
	t.coords = append(t.coords, x...)
	t.Points = append(t.Points, t.coords[n:n+len(x):n+len(x)])
	t.Loss = append(t.Loss, loss)
	t.GradNorm = append(t.GradNorm, norm(grad))
	return true
}

// RunPath turns the iterates of a method run outside the step loop (BFGS,
// Nelder–Mead) into a Trajectory with the same stopping rule.
func RunPath(obj Objective, start []float64, path [][]float64) Trajectory {
	t := Trajectory{StoppedAt: -1}
	grad := make([]float64, len(start))
	for k, x := range append([][]float64{start}, path...) {
		if !t.record(obj, k, x, grad) {
			break
		}
	}
	return t
}

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x * x)
	}
	return math.Sqrt(s)
}
