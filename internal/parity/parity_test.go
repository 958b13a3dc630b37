//go:build parity

// Package parity holds the browser engine (layouts/static/gomath.js and
// engine.js) to optim bit for bit: node runs the engine and Go runs optim
// on the same cases, and every double of every step must agree; and
// search.js's query terms to search.Terms, character for character. Run it
// with go test -tags parity ./internal/parity (.ci/run does); it needs node.
package parity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"descent/optim"
	"descent/optim/pmath"
)

// runCase is one run for both sides.
type runCase struct {
	Name      string         `json:"name"`
	Code      []any          `json:"code"`
	Dim       int            `json:"dim"`
	Optimizer string         `json:"optimizer"`
	Params    map[string]any `json:"params"`
	Start     []float64      `json:"start"`
	Steps     int            `json:"steps"`

	obj      optim.Objective
	settings map[string]float64
}

// result is a run as bits: each number as the hex of its float64 bits.
type result struct {
	Points    [][]string `json:"points"`
	Loss      []string   `json:"loss"`
	GradNorm  []string   `json:"grad_norm"`
	StoppedAt *int       `json:"stopped_at"`
}

func bits(v float64) string { return strconv.FormatUint(math.Float64bits(v), 16) }

// liveMethods and their settings worth trying at their boundaries.
var trials = map[string][]map[string]float64{
	"gd":           {{"lr": 0.001}, {"lr": 0.01}, {"lr": 0.3}, {"lr": 0.01, "weight_decay": 0.1, "maximize": 1}},
	"momentum":     {{"lr": 0.001}, {"lr": 0.01, "momentum": 0.99}, {"lr": 0.005, "momentum": 0, "dampening": 0.5}, {"lr": 0.002, "momentum": 0.5, "dampening": 0.9, "weight_decay": 0.3}},
	"nesterov":     {{"lr": 0.001}, {"lr": 0.01, "momentum": 0.99}},
	"ema-momentum": {{"lr": 0.01}, {"lr": 0.05, "beta": 0.5}},
	"adagrad":      {{}, {"lr": 0.5, "eps": 1e-3}, {"lr": 0.3, "lr_decay": 0.05, "initial_accumulator_value": 0.5, "weight_decay": 0.1}},
	"rmsprop":      {{}, {"lr": 0.1, "rho": 0.5}, {"lr": 0.001, "rho": 0, "eps": 1e-2}, {"lr": 0.01, "momentum": 0.9, "centered": 1, "weight_decay": 0.1}},
	"adam":         {{}, {"lr": 0.1}, {"lr": 0.05, "amsgrad": 1}, {"lr": 0.02, "beta1": 0, "beta2": 0.5}, {"lr": 0.05, "weight_decay": 0.2, "maximize": 1}},
	"adamw":        {{}, {"lr": 0.1, "weight_decay": 0.5}, {"lr": 0.05, "amsgrad": 1, "weight_decay": 0}},
	"adadelta":     {{}, {"lr": 10, "rho": 0.5}, {"lr": 5, "weight_decay": 0.1, "maximize": 1}},
	"adamax":       {{}, {"lr": 0.2}, {"lr": 0.01, "beta1": 0.5, "beta2": 0}, {"lr": 0.05, "weight_decay": 0.1, "maximize": 1}},
	"nadam":        {{}, {"lr": 0.2}, {"lr": 0.01, "momentum_decay": 0.5}, {"lr": 0.05, "weight_decay": 0.2}},
	"radam":        {{}, {"lr": 0.1, "weight_decay": 0.05}, {"lr": 0.02, "beta1": 0, "beta2": 0.5}},
	"rprop":        {{}, {"lr": 0.1, "eta_minus": 0.2, "eta_plus": 1.9, "step_max": 1}, {"lr": 1e-3, "step_min": 1e-4}},
	"asgd":         {{}, {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 5, "weight_decay": 0.1}},
	"grid-search":  {{"radius": 1}, {"points": 4, "radius": 2, "shrink": 0.7}, {"points": 1, "radius": 0.5}},
}

func codeJSON(e *optim.Expr) []any {
	code := e.Code()
	out := make([]any, len(code))
	for i, v := range code {
		switch {
		case math.IsNaN(v):
			out[i] = "NaN"
		case math.IsInf(v, 1):
			out[i] = "Infinity"
		case math.IsInf(v, -1):
			out[i] = "-Infinity"
		default:
			out[i] = v
		}
	}
	return out
}

func addCase(cases []runCase, name string, e *optim.Expr, obj optim.Objective, opt string, given map[string]float64, start []float64, steps int) []runCase {
	m, err := optim.LookupMethod(opt)
	if err != nil {
		panic(err)
	}
	s, err := m.Resolve(given)
	if err != nil {
		panic(fmt.Sprintf("%s %v: %v", opt, given, err))
	}
	params := map[string]any{}
	for k, v := range s {
		if set, _ := m.Setting(k); set.Flag {
			params[k] = v != 0
		} else {
			params[k] = v
		}
	}
	return append(cases, runCase{Name: name, Code: codeJSON(e), Dim: e.Dim(), Optimizer: opt, Params: params,
		Start: start, Steps: steps, obj: obj, settings: s})
}

// corpus: every catalog function with every live optimizer and its
// boundary settings from two starts; the expressions checked against torch
// with every optimizer's defaults; the torch optimizer fixtures.
func corpus(t *testing.T) []runCase {
	var cases []runCase
	for _, name := range optim.CatalogNames() {
		f, err := optim.Lookup(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := f.Domain
		starts := [][]float64{{0.8*d.X[0] + 0.2*d.X[1], 0.3*d.Y[0] + 0.7*d.Y[1]}, {0.37*d.X[0] + 0.63*d.X[1], 0.9*d.Y[0] + 0.1*d.Y[1]}}
		if f.Dim() == 1 {
			starts = [][]float64{{0.8*d.X[0] + 0.2*d.X[1]}, {0.37*d.X[0] + 0.63*d.X[1]}}
		}
		for opt, ts := range trials {
			for ti, given := range ts {
				if _, ok := given["lr"]; !ok && (opt == "gd" || opt == "momentum" || opt == "nesterov" || opt == "ema-momentum") {
					continue
				}
				for si, st := range starts {
					cases = addCase(cases, fmt.Sprintf("%s/%s/%d/%d", name, opt, ti, si), f.Expr, f, opt, given, st, 200)
				}
			}
		}
	}
	var exprs struct {
		Cases []struct {
			Expr   string      `json:"expr"`
			Points [][]float64 `json:"points"`
		} `json:"cases"`
	}
	readJSON(t, "../../optim/testdata/expressions.json", &exprs)
	for i, c := range exprs.Cases {
		e, err := optim.ParseExpr(c.Expr)
		if err != nil {
			t.Fatalf("%s: %v", c.Expr, err)
		}
		start := c.Points[0][:e.Dim()]
		for opt, ts := range trials {
			cases = addCase(cases, fmt.Sprintf("expr%d %q/%s", i, c.Expr, opt), e, e, opt, ts[0], start, 60)
		}
	}
	// Expressions with the piecewise functions, kinks and ties included.
	for i, src := range []string{"max(abs(x) - 1, 0) + relu(y - 0.5)^2", "min(x^2, y^2 + 0.1) + sigmoid(3*x*y)",
		"sign(x)*x^2 + max(x, y)", "relu(x) + relu(-y) + min(x, y)^2", "sigmoid(x) * sigmoid(-y) + 0.1*(x^2 + y^2)",
		"log1p(x^2 + y^2) + expm1(-abs(x*y))", "expm1(0.3*x) + log1p(abs(y))"} {
		e, err := optim.ParseExpr(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for opt, ts := range trials {
			for si, st := range [][]float64{{0.7, -1.2}, {1, 1}, {0, 0.5}} {
				cases = addCase(cases, fmt.Sprintf("piecewise%d %q/%s/%d", i, src, opt, si), e, e, opt, ts[len(ts)-1], st, 80)
			}
		}
	}
	var torch struct {
		Cases []struct {
			Name      string             `json:"name"`
			Function  string             `json:"function"`
			Params    map[string]float64 `json:"params"`
			Optimizer string             `json:"optimizer"`
			Settings  map[string]any     `json:"settings"`
			Start     []float64          `json:"start"`
			Steps     int                `json:"steps"`
		} `json:"cases"`
	}
	readJSON(t, "../../optim/testdata/optimizers.json", &torch)
	for _, c := range torch.Cases {
		if _, ok := trials[c.Optimizer]; !ok {
			continue
		}
		var e *optim.Expr
		var obj optim.Objective
		if f, err := optim.Lookup(c.Function, c.Params); err == nil {
			e, obj = f.Expr, f
		} else if x, err := optim.ParseExpr(c.Function); err == nil {
			e, obj = x, x
		} else {
			continue
		}
		given := map[string]float64{}
		for k, v := range c.Settings {
			switch v := v.(type) {
			case float64:
				given[k] = v
			case bool:
				if v {
					given[k] = 1
				} else {
					given[k] = 0
				}
			}
		}
		cases = addCase(cases, "torch/"+c.Name, e, obj, c.Optimizer, given, c.Start, c.Steps)
	}
	return cases
}

func readJSON(t *testing.T, path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// goResult runs the case with optim.
func goResult(c runCase) result {
	m, _ := optim.LookupMethod(c.Optimizer)
	tr := optim.Run(c.obj, m.New(c.settings, c.obj), c.Start, c.Steps, nil)
	var r result
	for k, p := range tr.Points {
		var ps []string
		for _, v := range p {
			ps = append(ps, bits(v))
		}
		r.Points = append(r.Points, ps)
		r.Loss = append(r.Loss, bits(tr.Loss[k]))
		r.GradNorm = append(r.GradNorm, bits(tr.GradNorm[k]))
	}
	if tr.Diverged() {
		k := tr.StoppedAt
		r.StoppedAt = &k
	}
	return r
}

const harness = `
const fs = require('fs'), path = require('path');
const dir = process.argv[1];
for (const f of ['gomath.js', 'engine.js']) require(path.join(dir, f));
const E = globalThis.DescentEngine, G = globalThis.GoMath;
const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const dv = new DataView(new ArrayBuffer(8));
const hex = (v) => { dv.setFloat64(0, v); return dv.getBigUint64(0).toString(16); };
const out = { runs: [], math: [] };
for (const c of input.runs) {
  const f = E.compile({ ops: E.OPS_VERSION, code: c.code });
  const r = E.run(f, c.dim, c.optimizer, c.params, c.start, c.steps);
  out.runs.push({ points: r.points.map((p) => p.map(hex)), loss: r.loss.map(hex), grad_norm: r.grad_norm.map(hex), stopped_at: r.stopped_at });
}
for (const [fn, x, y] of input.math) out.math.push(hex(fn === 'pow' ? G.pow(x, Number(y)) : G[fn](x)));
process.stdout.write(JSON.stringify(out));
`

// mathCase is one call of a math function.
type mathCase struct {
	fn   string
	x, y float64
}

func mathCorpus() []mathCase {
	var out []mathCase
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 0.625, 0.66, 2.414213562373095, 21, 22, 44.1, 709.78, 710, -745.2, -746,
		1e-300, 5e-324, -5e-324, 2.2250738585072014e-308, math.MaxFloat64, math.Pi / 4, math.Pi, 1 << 29, (1 << 29) + 0.5, 1e10, 1e22, 1e300}
	xs := append([]float64(nil), special...)
	for _, s := range special {
		xs = append(xs, -s)
	}
	for k := -300; k <= 300; k += 3 {
		xs = append(xs, 1.37*math.Pow(10, float64(k)/10), -0.73*math.Pow(10, float64(k)/10))
	}
	for i := 0; i < 2000; i++ {
		xs = append(xs, math.Sin(float64(i)*12.9898)*float64(i%97))
	}
	for fn := range goMath {
		for _, x := range xs {
			out = append(out, mathCase{fn: fn, x: x})
		}
	}
	ys := []float64{0, 1, -1, 0.5, -0.5, 2, 3, 0.3, -2.7, 7, 100, 1e-3, 1 << 53, 1e300, math.Inf(1), math.Inf(-1)}
	for _, x := range xs[:len(special)*2+200] {
		for _, y := range ys {
			out = append(out, mathCase{fn: "pow", x: x, y: y})
		}
	}
	return out
}

// goMath is each function of the math corpus in pmath.
var goMath = map[string]func(float64) float64{
	"exp": pmath.Exp, "log": pmath.Log, "sin": pmath.Sin, "cos": pmath.Cos, "tan": pmath.Tan,
	"tanh": pmath.Tanh, "sinh": pmath.Sinh, "cosh": pmath.Cosh, "atan": pmath.Atan,
	"log1p": pmath.Log1p, "expm1": pmath.Expm1,
}

func goValue(c mathCase) float64 {
	if c.fn == "pow" {
		return pmath.Pow(c.x, c.y)
	}
	return goMath[c.fn](c.x)
}

func TestEngineParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	cases := corpus(t)
	maths := mathCorpus()
	type jsMath [3]any
	in := struct {
		Runs []runCase `json:"runs"`
		Math []jsMath  `json:"math"`
	}{Runs: cases}
	for _, m := range maths {
		// JSON has no infinities; the harness's inputs are all finite
		// except pow's exponents, sent as strings.
		var y any = m.y
		if math.IsInf(m.y, 0) {
			y = map[bool]string{true: "Infinity", false: "-Infinity"}[m.y > 0]
		}
		in.Math = append(in.Math, jsMath{m.fn, m.x, y})
	}
	dir := t.TempDir()
	inPath := filepath.Join(dir, "cases.json")
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(inPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	static, _ := filepath.Abs("../../layouts/static")
	cmd := exec.Command(node, "-e", harness, "--", static, inPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outJSON, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out struct {
		Runs []result `json:"runs"`
		Math []string `json:"math"`
	}
	if err := json.Unmarshal(outJSON, &out); err != nil {
		t.Fatal(err)
	}
	steps, bad := 0, 0
	for i, c := range cases {
		want, got := goResult(c), out.Runs[i]
		steps += len(want.Loss)
		if msg := firstDiff(want, got); msg != "" {
			if bad++; bad <= 5 {
				t.Errorf("%s (%s %v from %v): %s", c.Name, c.Optimizer, c.Params, c.Start, msg)
			}
		}
	}
	mbad := 0
	for i, m := range maths {
		// Any NaN is a NaN: Go's math.NaN has another payload than
		// JavaScript's, and nothing tells them apart but their bits.
		if want := bits(goValue(m)); out.Math[i] != want && !(isNaNBits(want) && isNaNBits(out.Math[i])) {
			if mbad++; mbad <= 5 {
				t.Errorf("%s(%v, %v): engine %s, Go %s", m.fn, m.x, m.y, out.Math[i], want)
			}
		}
	}
	t.Logf("%d runs (%d steps, every point, loss and gradient norm) and %d math calls compared; %d runs and %d calls differ",
		len(cases), steps, len(maths), bad, mbad)
}

func isNaNBits(h string) bool {
	u, err := strconv.ParseUint(h, 16, 64)
	return err == nil && math.IsNaN(math.Float64frombits(u))
}

// firstDiff describes the first difference between two runs, or "".
func firstDiff(want, got result) string {
	if (want.StoppedAt == nil) != (got.StoppedAt == nil) || (want.StoppedAt != nil && *want.StoppedAt != *got.StoppedAt) {
		return fmt.Sprintf("stopped at %v in Go, %v in the engine", deref(want.StoppedAt), deref(got.StoppedAt))
	}
	for k := range want.Loss {
		if k >= len(got.Loss) {
			return fmt.Sprintf("the engine has %d steps, Go %d", len(got.Loss), len(want.Loss))
		}
		for j := range want.Points[k] {
			if want.Points[k][j] != got.Points[k][j] {
				return fmt.Sprintf("step %d, coordinate %d: Go %s, engine %s", k, j, want.Points[k][j], got.Points[k][j])
			}
		}
		if want.Loss[k] != got.Loss[k] {
			return fmt.Sprintf("step %d, loss: Go %s, engine %s", k, want.Loss[k], got.Loss[k])
		}
		if want.GradNorm[k] != got.GradNorm[k] {
			return fmt.Sprintf("step %d, gradient norm: Go %s, engine %s", k, want.GradNorm[k], got.GradNorm[k])
		}
	}
	if len(got.Loss) != len(want.Loss) {
		return fmt.Sprintf("the engine has %d steps, Go %d", len(got.Loss), len(want.Loss))
	}
	return ""
}

func deref(p *int) any {
	if p == nil {
		return "never"
	}
	return *p
}
