package figure

import (
	"math"
	"slices"

	"descent/optim"
)

// liveMethods are the optimizers whose step rules the browser engine
// (layouts/static/engine.js) ports; the others are replayed as computed.
var liveMethods = map[string]bool{
	"gd": true, "momentum": true, "nesterov": true, "ema-momentum": true, "adagrad": true,
	"rmsprop": true, "adam": true, "adamw": true, "adadelta": true, "adamax": true, "nadam": true,
	"radam": true, "rprop": true, "asgd": true, "grid-search": true,
}

// LiveMethods lists the optimizers the browser engine recomputes, in
// optim's order.
func LiveMethods() []string {
	var out []string
	for _, n := range optim.MethodNames() {
		if liveMethods[n] {
			out = append(out, n)
		}
	}
	return out
}

// engine returns what the browser engine needs to recompute f, or nil if f
// is not one of optim's expressions (the regression's data are not sent).
func engine(f optim.Objective) *engineJSON {
	var e *optim.Expr
	switch o := f.(type) {
	case *optim.Expr:
		e = o
	case *optim.Function:
		e = o.Expr
	default:
		return nil
	}
	code := e.Code()
	out := make([]any, len(code))
	for i, v := range code {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			out[i] = strconvFloat(v) // "NaN", "+Inf", "-Inf": JavaScript's Number reads them
		} else {
			out[i] = v
		}
	}
	return &engineJSON{Ops: optim.OpsVersion(), Code: out}
}

func strconvFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case v > 0:
		return "Infinity"
	}
	return "-Infinity"
}

// liveBounds returns the range each setting of the live runs may be slid
// over: the author's (live: {lr: [1e-4, 1]}), or one around the value in
// force. It is nil when no run is live.
func liveBounds(s *Spec, runs []runJSON) map[string][2]float64 {
	out := map[string][2]float64{}
	for _, r := range runs {
		if !r.Live {
			continue
		}
		rules := map[string]optim.Setting{}
		if m, err := optim.LookupMethod(r.Optimizer); err == nil {
			for _, st := range m.Settings {
				rules[st.Name] = st
			}
		}
		names := make([]string, 0, len(r.Params))
		for k := range r.Params {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			v, ok := r.Params[k].(float64)
			if _, seen := out[k]; !ok || seen {
				continue
			}
			out[k] = defaultBounds(k, rules[k], v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	for k, b := range s.LiveBounds {
		if _, ok := out[k]; ok {
			out[k] = b
		}
	}
	return out
}

// defaultBounds is a slider's range around v for the setting rule of that
// name: two decades either way for learning rates and eps (slid on a log
// scale), [0, 0.999] for decay rates (eta_minus too), 1 to the most for a
// count. A bound never passes the largest float64: lr: 1e308 is a run
// that diverges, and its slider's top must not be +Inf, which the
// figure's data cannot hold.
func defaultBounds(name string, rule optim.Setting, v float64) [2]float64 {
	switch {
	case name == "lr" || name == "eps":
		return [2]float64{v / 100, min(v*100, math.MaxFloat64)}
	case rule.Unit:
		return [2]float64{0, 0.999}
	case rule.Whole > 0:
		return [2]float64{1, float64(rule.Whole)}
	}
	return [2]float64{0, min(math.Max(1, 10*v), math.MaxFloat64)}
}
