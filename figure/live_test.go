package figure

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"descent/diag"
)

// TestLiveData checks what a figure tells the browser engine: the bytecode
// for expressions and catalog functions, none for the regression or with
// live: false, which runs are live, and the sliders' ranges.
func TestLiveData(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		engine    bool
		live      []bool
		bounds    map[string][2]float64
	}{
		{"catalog", "function: himmelblau\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: adam, lr: 0.1}, {optimizer: newton}, {optimizer: bfgs}]\n",
			true, []bool{true, false, false}, map[string][2]float64{"lr": {0.001, 10}, "beta1": {0, 0.999}, "beta2": {0, 0.999}, "eps": {1e-10, 1e-6}, "weight_decay": {0, 1}}},
		{"expression with ranges", "function: \"x^2 + 3*y^2\"\nstart: [1, 1]\nsteps: 5\nlive: {lr: [1e-4, 1]}\nruns: [{optimizer: momentum, lr: 0.01}]\n",
			true, []bool{true}, map[string][2]float64{"lr": {1e-4, 1}, "momentum": {0, 0.999}, "dampening": {0, 0.999}, "weight_decay": {0, 1}}},
		// Ranges by the setting's rule: eta_minus is a decay rate, points a count.
		{"rprop", "function: quadratic\nstart: [1, 1]\nsteps: 5\nruns: [{optimizer: rprop, lr: 0.01}]\n",
			true, []bool{true}, map[string][2]float64{"lr": {1e-4, 1}, "eta_minus": {0, 0.999}, "eta_plus": {0, 12}, "step_min": {0, 1}, "step_max": {0, 500}}},
		{"grid search", "function: quadratic\nstart: [1, 1]\nsteps: 5\nruns: [{optimizer: grid-search}]\n",
			true, []bool{true}, map[string][2]float64{"points": {1, 25}, "radius": {0, 20}, "shrink": {0, 5}}},
		{"live off", "function: quadratic\nstart: [1, 1]\nsteps: 5\nlive: false\nruns: [{optimizer: gd, lr: 0.1}]\n", false, []bool{false}, nil},
		{"regression", "function: {linear-regression: {n: 20}}\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.1}]\n", false, []bool{false}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := mustCompute(t, tt.src, &Memo{})
			var data struct {
				Engine *struct {
					Ops  string `json:"ops"`
					Code []any  `json:"code"`
				} `json:"engine"`
				Live map[string][2]float64 `json:"live"`
				Runs []struct {
					Live bool `json:"live"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(d.JSON), &data); err != nil {
				t.Fatal(err)
			}
			if (data.Engine != nil) != tt.engine || (data.Engine != nil && len(data.Engine.Code) == 0) {
				t.Errorf("engine %+v, want present %v", data.Engine, tt.engine)
			}
			for i, r := range data.Runs {
				if r.Live != tt.live[i] {
					t.Errorf("run %d live %v, want %v", i, r.Live, tt.live[i])
				}
			}
			if len(data.Live) != len(tt.bounds) {
				t.Errorf("live bounds %v, want %v", data.Live, tt.bounds)
			}
			for k, b := range tt.bounds {
				if data.Live[k] != b {
					t.Errorf("live.%s = %v, want %v", k, data.Live[k], b)
				}
			}
		})
	}
}

// TestCriticalPointsCarryY: a 2-D critical point has y even when it is 0
// (SPEC §6); a 1-D one has none.
func TestCriticalPointsCarryY(t *testing.T) {
	for src, want := range map[string]string{
		"function: quadratic\nstart: [1, 1]\nsteps: 1\nruns: [{optimizer: gd, lr: 0.1}]\n": `"critical_points":[{"x":0,"y":0,"value":0,"kind":"minimum"}]`,
		"function: \"x^2\"\nstart: 1\nsteps: 1\nruns: [{optimizer: gd, lr: 0.1}]\n":        `"critical_points":[{"x":0,"value":0,"kind":"minimum"}]`,
	} {
		d := mustCompute(t, src, &Memo{})
		if !strings.Contains(d.JSON, want) {
			t.Errorf("%q: the data lacks %s", src, want)
		}
	}
}

// TestNoRuns: without runs a figure is its landscape and critical points,
// with no loss plot.
func TestNoRuns(t *testing.T) {
	d := mustCompute(t, "function: himmelblau\n", &Memo{})
	if d.Loss != "" || len(d.Runs) != 0 || !strings.Contains(d.JSON, `"runs":[]`) || strings.Count(d.JSON, `"kind":"minimum"`) != 4 {
		t.Errorf("loss %d bytes, %d runs, data %.200s", len(d.Loss), len(d.Runs), d.JSON)
	}
	if !strings.Contains(d.Main, "with its critical points") {
		t.Error("the description does not say what the figure shows")
	}
}

// TestNamedConstants: an expression's params are its constants, and two
// figures of one formula with different constants are different functions.
func TestNamedConstants(t *testing.T) {
	memo := &Memo{}
	final := func(c string) string {
		d := mustCompute(t, "function: \"x*cos(c*x) + y^2\"\nparams: {c: "+c+"}\nstart: [1, 1]\nsteps: 20\nruns: [{optimizer: gd, lr: 0.05}]\n", memo)
		return d.Runs[0].Final + " " + d.JSON[strings.Index(d.JSON, `"critical_points"`):][:60]
	}
	a, b := final("0.47"), final("2")
	if a == b {
		t.Errorf("c = 0.47 and c = 2 gave the same figure: %s", a)
	}
	if final("0.47") != a {
		t.Error("the same constant gave another figure")
	}
}

// TestGridSearch: each step moves to the best of the probes around the
// point, the radius shrinks, and the data carries the radius at each point.
func TestGridSearch(t *testing.T) {
	d := mustCompute(t, "function: quadratic\nstart: [1.7, -1.3]\nsteps: 6\nruns: [{optimizer: grid-search}]\n", &Memo{})
	var data struct {
		Runs []struct {
			Label  string      `json:"label"`
			Points [][]float64 `json:"points"`
			Grid   struct {
				Points int       `json:"points"`
				Radius []float64 `json:"radius"`
			} `json:"grid"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(d.JSON), &data); err != nil {
		t.Fatal(err)
	}
	r := data.Runs[0]
	// quadratic's domain is [-2, 2]²: the first radius is 2, then 1, 0.5, …
	if r.Label != "grid-search" || r.Grid.Points != 5 || len(r.Grid.Radius) != 7 || r.Grid.Radius[0] != 2 || r.Grid.Radius[3] != 0.25 {
		t.Fatalf("label %q, grid %+v", r.Label, r.Grid)
	}
	// From (1.7, -1.3) with probes at -2, -1, 0, 1, 2 around it the best is
	// (1.7-2, -1.3+1) = (-0.3, -0.3).
	if p := r.Points[1]; math.Abs(p[0]+0.3) > 1e-12 || math.Abs(p[1]+0.3) > 1e-12 {
		t.Errorf("first step to %v, want (-0.3, -0.3)", p)
	}
	for k := 1; k < len(r.Points); k++ {
		a, b := r.Points[k-1], r.Points[k]
		if b[0]*b[0]+b[1]*b[1] > a[0]*a[0]+a[1]*a[1] {
			t.Errorf("step %d went uphill: %v to %v", k, a, b)
		}
	}
}

// TestSimplexData: a nelder-mead run carries its simplex at every point,
// three vertices in 2-D, the best (the path's point) first.
func TestSimplexData(t *testing.T) {
	d := mustCompute(t, "function: rosenbrock\nstart: [-0.5, 1.5]\nsteps: 40\nruns: [{optimizer: nelder-mead}]\n", &Memo{})
	var data struct {
		Runs []struct {
			Points  [][]float64   `json:"points"`
			Simplex [][][]float64 `json:"simplex"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(d.JSON), &data); err != nil {
		t.Fatal(err)
	}
	r := data.Runs[0]
	if len(r.Simplex) != len(r.Points) {
		t.Fatalf("%d simplices for %d points", len(r.Simplex), len(r.Points))
	}
	for k, s := range r.Simplex {
		if len(s) != 3 || (k > 0 && (s[0][0] != r.Points[k][0] || s[0][1] != r.Points[k][1])) {
			t.Fatalf("step %d: simplex %v, point %v", k, s, r.Points[k])
		}
	}
}

// TestBatchSweep: batch: [1, 10, 50] makes three runs of the regression,
// one per mini-batch size, behind one slider.
func TestBatchSweep(t *testing.T) {
	d := mustCompute(t, "function: {linear-regression: {n: 50}}\nstart: [0, 0]\nsteps: 30\nruns: [{optimizer: gd, lr: 0.05, batch: [1, 10, 80]}]\n", &Memo{})
	var data struct {
		Runs []struct {
			Label  string         `json:"label"`
			Params map[string]any `json:"params"`
			Points [][]float64    `json:"points"`
		} `json:"runs"`
		Sweeps []struct {
			Setting string    `json:"setting"`
			Values  []float64 `json:"values"`
		} `json:"sweeps"`
	}
	if err := json.Unmarshal([]byte(d.JSON), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Runs) != 3 || len(data.Sweeps) != 1 || data.Sweeps[0].Setting != "batch" || fmt.Sprint(data.Sweeps[0].Values) != "[1 10 50]" {
		t.Fatalf("runs %d, sweeps %+v", len(data.Runs), data.Sweeps)
	}
	for i, want := range []float64{1, 10, 50} {
		if data.Runs[i].Params["batch"] != want || !strings.Contains(data.Runs[i].Label, fmt.Sprintf("batch=%v", want)) {
			t.Errorf("run %d: batch %v, label %q", i, data.Runs[i].Params["batch"], data.Runs[i].Label)
		}
	}
	if fmt.Sprint(data.Runs[0].Points[30]) == fmt.Sprint(data.Runs[2].Points[30]) {
		t.Error("batch 1 and the full batch ended at the same point")
	}
}

// mustCompute decodes and computes a directive, failing the test on any
// error.
func mustCompute(t *testing.T, src string, memo *Memo) *Data {
	t.Helper()
	l := &diag.List{File: "f"}
	spec, ok := Decode([]byte(src), 0, l)
	if !ok {
		t.Fatal(l.Errs)
	}
	d, err := Compute(context.Background(), spec, "f", memo)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDataView: view: [contour, data] on the regression adds the data plot
// with one fitted line per run.
func TestDataView(t *testing.T) {
	d := mustCompute(t, "function: {linear-regression: {n: 40}}\nview: [contour, data]\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.1}, {optimizer: gd, lr: 0.05}]\n", &Memo{})
	if strings.Count(d.DataPlot, `class="fit"`) != 2 || !strings.Contains(d.DataPlot, "The 40 data points") {
		t.Errorf("data plot: %.300s", d.DataPlot)
	}
	if d := mustCompute(t, "function: {linear-regression: {n: 40}}\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.1}]\n", &Memo{}); d.DataPlot != "" {
		t.Error("a data plot without view: data")
	}
}

// TestComputeCancelled: a cancelled context stops a long figure within a
// run's 64 steps and returns the context's error.
func TestComputeCancelled(t *testing.T) {
	l := &diag.List{File: "f"}
	spec, ok := Decode([]byte("function: {linear-regression: {n: 100000}}\nstart: [0, 0]\nsteps: 5000\nruns: [{optimizer: gd, lr: [0.01, 0.02, 0.03, 0.04]}]\n"), 0, l)
	if !ok {
		t.Fatal(l.Errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	if _, err := Compute(ctx, spec, "f", &Memo{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > 10*time.Second { // a hang guard, not a timing
		t.Errorf("stopping took %v", took)
	}
}

// TestParamSweep: params: {c: [a, b]} is one figure per value, each the
// same as the figure with that value written alone.
func TestParamSweep(t *testing.T) {
	memo := &Memo{}
	const body = "start: [1, 1]\nsteps: 20\nruns: [{optimizer: gd, lr: [0.05, 0.1]}]\n"
	fam := mustCompute(t, "function: \"x*cos(c*x) + y^2\"\nparams: {c: [0.47, 2]}\n"+body, memo)
	if len(fam.Variants) != 2 || fam.Param != "c" || fam.Runs != nil {
		t.Fatalf("variants %d, param %q, runs %d", len(fam.Variants), fam.Param, len(fam.Runs))
	}
	for i, c := range []string{"0.47", "2"} {
		v := fam.Variants[i]
		alone := mustCompute(t, "function: \"x*cos(c*x) + y^2\"\nparams: {c: "+c+"}\n"+body, memo)
		if v.Value != c || v.Param != "c" || v.ID != fmt.Sprintf("f--%d", i+1) {
			t.Errorf("variant %d: %s = %s, id %q", i, v.Param, v.Value, v.ID)
		}
		if len(v.Runs) != 2 || v.Runs[1].Final != alone.Runs[1].Final || strings.ReplaceAll(v.Main, v.ID, "f") != alone.Main {
			t.Errorf("variant %d differs from the figure with c = %s alone: %s against %s", i, c, v.Runs[1].Final, alone.Runs[1].Final)
		}
		want := fmt.Sprintf(`"variant":{"param":"c","value":%s,"index":%d}`, c, i)
		if !strings.Contains(v.JSON, want) {
			t.Errorf("variant %d's data lacks %s", i, want)
		}
	}
	if fam.Variants[0].Runs[0].Final == fam.Variants[1].Runs[0].Final {
		t.Error("c = 0.47 and c = 2 ended at the same point")
	}
}
