package figure

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"
)

// TestFigureJSON holds appendFigureJSON to json.Marshal's bytes.
func TestFigureJSON(t *testing.T) {
	t.Parallel()
	// The encoder writes these fields by hand; a new one must be added there.
	wantFields := map[reflect.Type][]string{
		reflect.TypeFor[figureJSON]():   {"id", "title,omitempty", "function", "dim", "domain", "runs", "critical_points", "sweeps", "engine", "live", "curves,omitempty", "variant,omitempty", "surface,omitempty"},
		reflect.TypeFor[criticalJSON](): {"x", "y,omitempty", "value", "kind"},
		reflect.TypeFor[runJSON]():      {"label", "optimizer", "params", "points", "loss", "grad_norm", "diverged", "stopped_at", "color", "sweep", "start", "steps", "live", "lr,omitempty", "grid,omitempty", "simplex,omitempty", "shared_start"},
	}
	for typ, want := range wantFields {
		var got []string
		for f := range typ.Fields() {
			got = append(got, f.Tag.Get("json"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v has fields %q; appendFigureJSON writes %q", typ, got, want)
		}
	}

	stop := 2
	odd := []float64{0, math.Copysign(0, -1), 1e-7, -2.5e-7, 1e21, 1.5e300, 123456789.125, 1.0 / 3, 5e-324}
	figs := []*figureJSON{
		{ID: "empty"},
		{ID: "f-1", Title: `<b>"Momentum" & co</b>` + "\u2028\t", Function: "x^2 + y^2", Dim: 2,
			Domain: map[string][2]float64{"x": {-2, 2}, "y": {-1, 3.5}},
			Runs: []runJSON{
				{Label: "gd, lr=0.1", Optimizer: "gd", Params: map[string]any{"lr": 0.1, "nesterov": true, "batch": 4},
					Points: [][]float64{{1, 2}, {odd[2], odd[4]}, {odd[1], odd[8]}}, Loss: odd,
					GradNorm: []jsonFloat{1, jsonFloat(math.NaN()), jsonFloat(math.Inf(1)), 1e-7, 1e21},
					Diverged: true, StoppedAt: &stop, Color: "#0072b2", Sweep: &sweepRef{Sweep: 0, Index: 1}, LR: []float64{0.1, 0.05, 1e-7}, Grid: &gridJSON{Points: 5, Radius: []float64{2, 1, 0.5}},
					Simplex: [][][]float64{{{0, 0}, {0.05, 0}, {0, 0.05}}}, Start: []float64{odd[2], odd[8]}},
				{Label: "", Points: [][]float64{}, Loss: []float64{}, GradNorm: []jsonFloat{}},
			},
			CriticalPoints: []criticalJSON{{X: 1, Y: new(float64), Value: -1e-9, Kind: "minimum"}, {X: 2, Value: 1, Kind: "maximum"},
				{X: odd[7], Y: &odd[4], Value: odd[8], Kind: `<"odd" & \kind>` + "\u2028\x01é"}},
			Sweeps:  []sweepJSON{{Setting: "lr", Values: []float64{0.01, 0.1}, Runs: []int{0, 1}}},
			Variant: &variantJSON{Param: "c", Value: 0.47, Index: 1},
			Surface: &surfaceJSON{NX: 2, NY: 2, Heights: []jsonFloat{0, 0.5, jsonFloat(math.NaN()), 1}, Bands: []int{-1}, Colors: []string{"#abcdef"},
				Camera: cameraJSON{-60, 30}, View: [3]float64{320, 200, 400}, Box: [3]float64{0.5, 0.5, 0.6},
				XTicks: [][2]any{{-1, "−1"}}, YTicks: [][2]any{}, ZTicks: [][2]any{{0.5, "10"}}},
		},
	}
	for _, f := range figs {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFigureJSON(nil, f)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", f.ID, got, want)
		}
	}
	bad := &figureJSON{Runs: []runJSON{{Loss: []float64{math.NaN()}}}}
	if _, err := appendFigureJSON(nil, bad); err == nil {
		t.Error("a NaN loss was written")
	}
	if _, err := appendFigureJSON(nil, &figureJSON{Runs: []runJSON{{Start: []float64{math.Inf(1)}}}}); err == nil {
		t.Error("an infinite start was written")
	}
	inf := math.Inf(-1)
	for _, c := range []criticalJSON{{X: math.NaN()}, {Y: &inf}, {Value: math.Inf(1)}} {
		if _, err := appendFigureJSON(nil, &figureJSON{CriticalPoints: []criticalJSON{c}}); err == nil {
			t.Errorf("critical point %+v was written", c)
		}
	}
}

// TestJSONSize: the room writeJSON makes is enough for real figures' data
// (the seed figure, schedules, a simplex, a grid search, a curve), and not
// more than twice it.
func TestJSONSize(t *testing.T) {
	for _, src := range []string{
		"function: himmelblau\nstart: [-0.5, -1]\nsteps: 200\nruns: [{optimizer: gd, lr: 0.01}, {optimizer: momentum, lr: 0.002, momentum: 0.9}, {optimizer: rmsprop, lr: 0.05}, {optimizer: adam, lr: 0.1}]\n",
		"function: himmelblau\nstart: [0, 0]\nsteps: 150\nruns: [{optimizer: adam, lr: 0.1, schedule: {cosine: {t_max: 150}}}, {optimizer: nadam, schedule: {linear: {}}}]\n",
		"function: rosenbrock\nstart: [-0.5, 1.5]\nsteps: 300\nruns: [{optimizer: nelder-mead}, {optimizer: grid-search}]\n",
		"function: x^4 - x^2\ndomain: {x: [-2, 2]}\nstart: [1.5]\nsteps: 100\nruns: [{optimizer: gd, lr: 0.05}]\n",
	} {
		d := mustCompute(t, src, &Memo{})
		var f figureJSON
		if err := json.Unmarshal([]byte(d.JSON), &f); err != nil {
			t.Fatal(err)
		}
		if size := jsonSize(&f); size < len(d.JSON) || size > 2*len(d.JSON) {
			t.Errorf("%.40q: jsonSize %d for %d bytes of JSON", src, size, len(d.JSON))
		}
	}
}
