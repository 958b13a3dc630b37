package optim

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"descent/diag"
)

// Stepper is an optimizer: Step moves x in place, once, given the gradient
// at x. It keeps whatever state its rule needs between calls; a fresh
// Stepper starts a fresh run. Step must neither modify nor keep grad.
type Stepper interface {
	Step(x, grad []float64)
}

// Setting is one of an optimizer's settings. Flags (amsgrad) are 0 or 1.
type Setting struct {
	Name     string
	Default  float64
	Required bool // no default: a run must set it
	Flag     bool // true or false, stored as 1 or 0
	Positive bool // must be > 0 (learning rates, eps)
	Unit     bool // must lie in [0, 1) (decay rates)
	Whole    int  // if > 0: a whole number from 1 to Whole (counts)
}

// Method describes an optimizer by name: its settings and how to make one.
type Method struct {
	Name     string
	Torch    string // the torch.optim twin, or "" for ours
	Settings []Setting
	// New returns a fresh optimizer for settings s (every setting present).
	// obj is the objective, for methods that need more than the gradient.
	New func(s map[string]float64, obj Objective) Stepper
	// Path, for methods run by gonum, returns the iterates after start.
	Path func(obj Objective, start []float64, steps int) [][]float64
}

var (
	lr      = func(d float64) Setting { return Setting{Name: "lr", Default: d, Positive: true} }
	eps     = func(d float64) Setting { return Setting{Name: "eps", Default: d, Positive: true} }
	beta1   = Setting{Name: "beta1", Default: 0.9, Unit: true}
	beta2   = Setting{Name: "beta2", Default: 0.999, Unit: true}
	adamSet = []Setting{lr(0.001), beta1, beta2, eps(1e-8), {Name: "amsgrad", Flag: true}}
	// torch's weight_decay (an L2 penalty added to the gradient, except in
	// AdamW) and maximize (ascend the function instead).
	wd       = Setting{Name: "weight_decay"}
	maximize = Setting{Name: "maximize", Flag: true}
)

var methods = []Method{
	{Name: "gd", Torch: "SGD", Settings: []Setting{{Name: "lr", Required: true, Positive: true}, wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &SGD{LR: s["lr"], WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "momentum", Torch: "SGD(momentum, dampening)",
		Settings: []Setting{{Name: "lr", Required: true, Positive: true}, {Name: "momentum", Default: 0.9, Unit: true}, {Name: "dampening", Default: 0, Unit: true}, wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &SGD{LR: s["lr"], Momentum: s["momentum"], Dampening: s["dampening"], WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "nesterov", Torch: "SGD(nesterov=True)",
		Settings: []Setting{{Name: "lr", Required: true, Positive: true}, {Name: "momentum", Default: 0.9, Unit: true}, wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &SGD{LR: s["lr"], Momentum: s["momentum"], Nesterov: true, WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "adagrad", Torch: "Adagrad", Settings: []Setting{lr(0.01), eps(1e-10), {Name: "lr_decay"}, {Name: "initial_accumulator_value"}, wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Adagrad{LR: s["lr"], Eps: s["eps"], LRDecay: s["lr_decay"], InitialAccum: s["initial_accumulator_value"],
				WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "rmsprop", Torch: "RMSprop(alpha=rho)",
		Settings: []Setting{lr(0.01), {Name: "rho", Default: 0.99, Unit: true}, eps(1e-8), {Name: "momentum", Unit: true}, {Name: "centered", Flag: true}, wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &RMSprop{LR: s["lr"], Rho: s["rho"], Eps: s["eps"], Momentum: s["momentum"], Centered: s["centered"] != 0,
				WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "adam", Torch: "Adam", Settings: append(slices.Clone(adamSet), wd, maximize),
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Adam{LR: s["lr"], Beta1: s["beta1"], Beta2: s["beta2"], Eps: s["eps"], AMSGrad: s["amsgrad"] != 0,
				WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "adamw", Torch: "AdamW", Settings: append(slices.Clone(adamSet), Setting{Name: "weight_decay", Default: 0.01}, maximize),
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Adam{LR: s["lr"], Beta1: s["beta1"], Beta2: s["beta2"], Eps: s["eps"], AMSGrad: s["amsgrad"] != 0,
				WeightDecay: s["weight_decay"], Decoupled: true, Maximize: s["maximize"] != 0}
		}},
	{Name: "adadelta", Torch: "Adadelta",
		Settings: []Setting{lr(1.0), {Name: "rho", Default: 0.9, Unit: true}, eps(1e-6), wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Adadelta{LR: s["lr"], Rho: s["rho"], Eps: s["eps"], WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "adamax", Torch: "Adamax", Settings: []Setting{lr(0.002), beta1, beta2, eps(1e-8), wd, maximize},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Adamax{LR: s["lr"], Beta1: s["beta1"], Beta2: s["beta2"], Eps: s["eps"], WeightDecay: s["weight_decay"], Maximize: s["maximize"] != 0}
		}},
	{Name: "nadam", Torch: "NAdam", Settings: []Setting{lr(0.002), beta1, beta2, eps(1e-8), {Name: "momentum_decay", Default: 0.004}, wd},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &NAdam{LR: s["lr"], Beta1: s["beta1"], Beta2: s["beta2"], Eps: s["eps"], MomentumDecay: s["momentum_decay"], WeightDecay: s["weight_decay"]}
		}},
	{Name: "radam", Torch: "RAdam", Settings: []Setting{lr(0.001), beta1, beta2, eps(1e-8), {Name: "weight_decay"}},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &RAdam{LR: s["lr"], Beta1: s["beta1"], Beta2: s["beta2"], Eps: s["eps"], WeightDecay: s["weight_decay"]}
		}},
	{Name: "rprop", Torch: "Rprop(etas, step_sizes)",
		Settings: []Setting{lr(0.01), {Name: "eta_minus", Default: 0.5, Unit: true}, {Name: "eta_plus", Default: 1.2, Positive: true},
			{Name: "step_min", Default: 1e-6}, {Name: "step_max", Default: 50, Positive: true}},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &Rprop{LR: s["lr"], EtaMinus: s["eta_minus"], EtaPlus: s["eta_plus"], StepMin: s["step_min"], StepMax: s["step_max"]}
		}},
	{Name: "asgd", Torch: "ASGD",
		Settings: []Setting{lr(0.01), {Name: "lambd", Default: 1e-4}, {Name: "alpha", Default: 0.75}, {Name: "t0", Default: 1e6}, {Name: "weight_decay"}},
		New: func(s map[string]float64, _ Objective) Stepper {
			return &ASGD{LR: s["lr"], Lambd: s["lambd"], Alpha: s["alpha"], T0: s["t0"], WeightDecay: s["weight_decay"]}
		}},
	{Name: "lbfgs", Torch: "LBFGS",
		Settings: []Setting{lr(1), {Name: "max_iter", Default: 20, Whole: 1000}, {Name: "max_eval"}, {Name: "history_size", Default: 100, Whole: 1000},
			{Name: "tolerance_grad", Default: 1e-7}, {Name: "tolerance_change", Default: 1e-9}, {Name: "line_search", Flag: true}},
		New: func(s map[string]float64, obj Objective) Stepper {
			maxEval := int(s["max_eval"])
			if maxEval == 0 { // torch's default
				maxEval = int(s["max_iter"]) * 5 / 4
			}
			return &LBFGS{LR: s["lr"], MaxIter: int(s["max_iter"]), MaxEval: maxEval, History: int(s["history_size"]),
				TolGrad: s["tolerance_grad"], TolChange: s["tolerance_change"], StrongWolfe: s["line_search"] != 0, Obj: obj}
		}},
	{Name: "grid-search", Settings: []Setting{{Name: "points", Default: 5, Whole: 25}, {Name: "radius", Default: 1, Positive: true}, {Name: "shrink", Default: 0.5, Positive: true}},
		New: func(s map[string]float64, obj Objective) Stepper {
			return &GridSearch{Points: int(s["points"]), Radius: s["radius"], Shrink: s["shrink"], Obj: obj}
		}},
	{Name: "ema-momentum", Settings: []Setting{{Name: "lr", Required: true, Positive: true}, {Name: "beta", Default: 0.9, Unit: true}},
		New: func(s map[string]float64, _ Objective) Stepper { return &EMAMomentum{LR: s["lr"], Beta: s["beta"]} }},
	{Name: "newton", Settings: []Setting{lr(1)},
		New: func(s map[string]float64, obj Objective) Stepper { return &Newton{LR: s["lr"], Obj: obj} }},
	{Name: "bfgs", Path: bfgsPath},
	{Name: "nelder-mead", Path: nelderMeadPath},
}

// MethodNames lists the optimizer names in order.
func MethodNames() []string {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.Name
	}
	return names
}

// LookupMethod finds an optimizer by name.
func LookupMethod(name string) (*Method, error) {
	for i := range methods {
		if methods[i].Name == name {
			return &methods[i], nil
		}
	}
	return nil, fmt.Errorf("unknown optimizer %q%s; the optimizers are %s", name, diag.Suggest(name, MethodNames(), aliases), strings.Join(MethodNames(), ", "))
}

// Setting returns the named setting; ok is false if the method has none.
func (m *Method) Setting(name string) (Setting, bool) {
	for _, s := range m.Settings {
		if s.Name == name {
			return s, true
		}
	}
	return Setting{}, false
}

// SettingError is a setting an optimizer does not take or a value it
// cannot use.
type SettingError struct {
	Setting string
	Msg     string
}

func (e *SettingError) Error() string { return e.Msg }

// Resolve checks given settings against the method and fills in defaults.
// The error names the first offending setting and what is allowed.
func (m *Method) Resolve(given map[string]float64) (map[string]float64, error) {
	out := make(map[string]float64, len(m.Settings))
	names := make([]string, 0, len(given))
	for k := range given {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		s, ok := m.Setting(k)
		if !ok {
			if len(m.Settings) == 0 {
				return nil, &SettingError{k, fmt.Sprintf("%s takes no settings, but %q was given", m.Name, k)}
			}
			var allowed []string
			for _, s := range m.Settings {
				allowed = append(allowed, s.Name)
			}
			return nil, &SettingError{k, fmt.Sprintf("%s has no setting %q%s; its settings are %s", m.Name, k, diag.Suggest(k, allowed, aliases), strings.Join(allowed, ", "))}
		}
		v := given[k]
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return nil, &SettingError{k, fmt.Sprintf("%s must be a finite number", k)}
		case s.Positive && v <= 0:
			return nil, &SettingError{k, fmt.Sprintf("%s must be greater than 0, not %v", k, v)}
		case s.Unit && (v < 0 || v >= 1):
			return nil, &SettingError{k, fmt.Sprintf("%s must be at least 0 and less than 1, not %v", k, v)}
		case s.Whole > 0 && (v != math.Trunc(v) || v < 1 || v > float64(s.Whole)):
			return nil, &SettingError{k, fmt.Sprintf("%s must be a whole number from 1 to %d, not %v", k, s.Whole, v)}
		case !s.Positive && !s.Unit && !s.Flag && v < 0:
			return nil, &SettingError{k, fmt.Sprintf("%s must not be negative, not %v", k, v)}
		}
		out[k] = v
	}
	for _, s := range m.Settings {
		if _, ok := out[s.Name]; ok {
			continue
		}
		if s.Required {
			return nil, &SettingError{s.Name, fmt.Sprintf("missing; %s has no default %s, so set one (for example %s: 0.01)", m.Name, s.Name, s.Name)}
		}
		out[s.Name] = s.Default
	}
	return out, nil
}

// aliases are names other tools use for ours, suggested before any
// spelling (torch's SGD is our gd; Keras calls momentum's rate beta).
var aliases = map[string][]string{
	"sgd": {"gd"}, "sgd-momentum": {"momentum"}, "heavy-ball": {"momentum"}, "nag": {"nesterov"},
	"rms-prop": {"rmsprop"}, "learning_rate": {"lr"}, "learning-rate": {"lr"}, "beta": {"momentum", "beta"},
	"alpha": {"rho", "lr"}, "epsilon": {"eps"}, "decay": {"weight_decay"}, "b1": {"beta1"}, "b2": {"beta2"},
}

// SetLR implementations: a schedule changes the rate between steps.
func (o *SGD) SetLR(lr float64)         { o.LR = lr }
func (o *EMAMomentum) SetLR(lr float64) { o.LR = lr }
func (o *Adagrad) SetLR(lr float64)     { o.LR = lr }
func (o *RMSprop) SetLR(lr float64)     { o.LR = lr }
func (o *Adadelta) SetLR(lr float64)    { o.LR = lr }
func (o *Adam) SetLR(lr float64)        { o.LR = lr }
func (o *Adamax) SetLR(lr float64)      { o.LR = lr }
func (o *NAdam) SetLR(lr float64)       { o.LR = lr }
func (o *Newton) SetLR(lr float64)      { o.LR = lr }
