package optim

import (
	"fmt"
	"math"
	"slices"

	"descent/diag"
	"descent/optim/pmath"
)

// Schedule changes the learning rate between steps as
// torch.optim.lr_scheduler does when scheduler.step() follows every
// optimizer step. LR returns the rate for step k+1 (k counted from 0, torch's
// last_epoch) given the rate in force, lr, and the initial one, base; k = 0
// gives the rate of the first step. The rules are torch 1.13's chainable
// forms, operation for operation, so the rates match torch's.
type Schedule interface {
	LR(k int, lr, base float64) float64
}

// StepLR multiplies the rate by Gamma every StepSize steps.
type StepLR struct {
	StepSize int
	Gamma    float64
}

func (s StepLR) LR(k int, lr, _ float64) float64 {
	if k == 0 || k%s.StepSize != 0 {
		return lr
	}
	return float64(lr * s.Gamma)
}

// MultiStepLR multiplies the rate by Gamma at each milestone (by Gamma^n
// at a milestone listed n times).
type MultiStepLR struct {
	Milestones []int
	Gamma      float64
}

func (s MultiStepLR) LR(k int, lr, _ float64) float64 {
	n := 0
	for _, m := range s.Milestones {
		if m == k {
			n++
		}
	}
	if n == 0 {
		return lr
	}
	return float64(lr * pmath.Pow(s.Gamma, float64(n)))
}

// ExponentialLR multiplies the rate by Gamma every step.
type ExponentialLR struct{ Gamma float64 }

func (s ExponentialLR) LR(k int, lr, _ float64) float64 {
	if k == 0 {
		return lr
	}
	return float64(lr * s.Gamma)
}

// CosineAnnealingLR follows half a cosine from the base rate down to EtaMin
// over TMax steps, and back up over the next TMax.
type CosineAnnealingLR struct {
	TMax   int
	EtaMin float64
}

func (s CosineAnnealingLR) LR(k int, lr, base float64) float64 {
	t := float64(s.TMax)
	switch {
	case k == 0:
		return lr
	case (k-1-s.TMax)%(2*s.TMax) == 0:
		return lr + float64(float64((base-s.EtaMin)*(1-pmath.Cos(math.Pi/t)))/2)
	}
	return float64((1+pmath.Cos(math.Pi*float64(k)/t))/(1+pmath.Cos(math.Pi*float64(k-1)/t))*(lr-s.EtaMin)) + s.EtaMin
}

// LinearLR scales the rate linearly from StartFactor to EndFactor over
// TotalIters steps.
type LinearLR struct {
	StartFactor, EndFactor float64
	TotalIters             int
}

func (s LinearLR) LR(k int, lr, _ float64) float64 {
	switch {
	case k == 0:
		return float64(lr * s.StartFactor)
	case k > s.TotalIters:
		return lr
	}
	d := s.EndFactor - s.StartFactor
	return float64(lr * (1 + d/(float64(float64(s.TotalIters)*s.StartFactor)+float64(float64(k-1)*d))))
}

// PolynomialLR decays the rate to 0 over TotalIters steps as a polynomial
// of degree Power.
type PolynomialLR struct {
	TotalIters int
	Power      float64
}

func (s PolynomialLR) LR(k int, lr, _ float64) float64 {
	if k == 0 || k > s.TotalIters {
		return lr
	}
	t := float64(s.TotalIters)
	f := pmath.Pow((1-float64(k)/t)/(1-float64(k-1)/t), s.Power)
	return float64(lr * f)
}

// ScheduleKinds lists the schedule names a run may use.
var ScheduleKinds = []string{"step", "multistep", "exponential", "cosine", "linear", "polynomial"}

// NewSchedule makes the schedule kind from its settings, torch's names:
// step (step_size, gamma 0.1), multistep (milestones, gamma 0.1),
// exponential (gamma), cosine (t_max, eta_min 0), linear (start_factor
// 1/3, end_factor 1, total_iters 5), polynomial (total_iters 5, power 1).
// Integers arrive as float64; milestones as a list. The error names the
// setting at fault.
func NewSchedule(kind string, s map[string]float64, milestones []int) (Schedule, error) {
	get := func(name string, def float64, required bool) (float64, error) {
		v, ok := s[name]
		if !ok {
			if required {
				return 0, &SettingError{name, fmt.Sprintf("missing; the %s schedule needs %s", kind, name)}
			}
			return def, nil
		}
		return v, nil
	}
	whole := func(name string, def float64, required bool, least int) (int, error) {
		v, err := get(name, def, required)
		if err != nil {
			return 0, err
		}
		if v != math.Trunc(v) || v < float64(least) || v > MaxSteps {
			return 0, &SettingError{name, fmt.Sprintf("%s must be a whole number from %d to %d, not %v", name, least, MaxSteps, v)}
		}
		return int(v), nil
	}
	positive := func(name string, def float64, required bool) (float64, error) {
		v, err := get(name, def, required)
		if err == nil && !(v > 0) || math.IsInf(v, 0) {
			return 0, &SettingError{name, fmt.Sprintf("%s must be a finite number greater than 0, not %v", name, v)}
		}
		return v, err
	}
	allowed := map[string][]string{"step": {"step_size", "gamma"}, "multistep": {"milestones", "gamma"},
		"exponential": {"gamma"}, "cosine": {"t_max", "eta_min"}, "linear": {"start_factor", "end_factor", "total_iters"},
		"polynomial": {"total_iters", "power"}}
	names, ok := allowed[kind]
	if !ok {
		return nil, &SettingError{"", fmt.Sprintf("unknown schedule %q%s; the schedules are step, multistep, exponential, cosine, linear and polynomial", kind, diag.Suggest(kind, ScheduleKinds, nil))}
	}
	for k := range s {
		if !slices.Contains(names, k) {
			return nil, &SettingError{k, fmt.Sprintf("the %s schedule has no setting %q; its settings are %v", kind, k, names)}
		}
	}
	var err error
	switch kind {
	case "step":
		var st StepLR
		if st.StepSize, err = whole("step_size", 0, true, 1); err == nil {
			st.Gamma, err = positive("gamma", 0.1, false)
		}
		return st, err
	case "multistep":
		if len(milestones) == 0 {
			return nil, &SettingError{"milestones", "missing; list the steps at which the rate drops, such as milestones: [30, 80]"}
		}
		ms := MultiStepLR{Milestones: milestones}
		ms.Gamma, err = positive("gamma", 0.1, false)
		return ms, err
	case "exponential":
		var e ExponentialLR
		e.Gamma, err = positive("gamma", 0, true)
		return e, err
	case "cosine":
		var c CosineAnnealingLR
		if c.TMax, err = whole("t_max", 0, true, 1); err == nil {
			c.EtaMin, err = get("eta_min", 0, false)
		}
		if err == nil && (c.EtaMin < 0 || math.IsInf(c.EtaMin, 0)) {
			err = &SettingError{"eta_min", fmt.Sprintf("eta_min must be a finite number of at least 0, not %v", c.EtaMin)}
		}
		return c, err
	case "linear":
		l := LinearLR{}
		if l.StartFactor, err = positive("start_factor", 1.0/3, false); err == nil {
			if l.EndFactor, err = get("end_factor", 1, false); err == nil {
				l.TotalIters, err = whole("total_iters", 5, false, 1)
			}
		}
		if err == nil && (l.StartFactor > 1 || l.EndFactor < 0 || l.EndFactor > 1) {
			err = &SettingError{"start_factor", "start_factor must be in (0, 1] and end_factor in [0, 1], as torch's LinearLR requires"}
		}
		return l, err
	default: // polynomial
		p := PolynomialLR{}
		if p.TotalIters, err = whole("total_iters", 5, false, 1); err == nil {
			p.Power, err = positive("power", 1, false)
		}
		return p, err
	}
}
