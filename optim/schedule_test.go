package optim

import (
	"fmt"
	"math"
	"testing"
)

// TestSchedulesTorch runs every schedule with two optimizers on two
// functions, and clipping, against torch 1.13 (testdata/gen_schedules.py):
// every point and every learning rate within 1e-10 relative.
func TestSchedulesTorch(t *testing.T) {
	t.Parallel()
	var fx struct {
		Cases []struct {
			Function  string                    `json:"function"`
			Start     []float64                 `json:"start"`
			Optimizer string                    `json:"optimizer"`
			Settings  map[string]float64        `json:"settings"`
			Steps     int                       `json:"steps"`
			Points    [][]float64               `json:"points"`
			LR        []float64                 `json:"lr"`
			Schedule  map[string]map[string]any `json:"schedule"`
			Clip      float64                   `json:"clip"`
		} `json:"cases"`
	}
	readJSON(t, "testdata/schedules.json", &fx)
	if len(fx.Cases) < 40 {
		t.Fatalf("%d cases", len(fx.Cases))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-10*math.Max(1, math.Abs(b)) }
	for i, c := range fx.Cases {
		name := fmt.Sprintf("%d %s/%s/%v/clip %v", i, c.Function, c.Optimizer, c.Schedule, c.Clip)
		f, _ := Lookup(c.Function, nil)
		m, _ := LookupMethod(c.Optimizer)
		s, err := m.Resolve(c.Settings)
		if err != nil {
			t.Fatal(err)
		}
		o := Options{LR: s["lr"], Clip: c.Clip}
		for kind, set := range c.Schedule {
			nums := map[string]float64{}
			var ms []int
			for k, v := range set {
				switch v := v.(type) {
				case float64:
					nums[k] = v
				case []any:
					for _, x := range v {
						ms = append(ms, int(x.(float64)))
					}
				}
			}
			if o.Schedule, err = NewSchedule(kind, nums, ms); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		tr := RunWith(f, m.New(s, f), c.Start, c.Steps, o)
		for k, p := range c.Points {
			if k >= len(tr.Points) || !near(tr.Points[k][0], p[0]) || !near(tr.Points[k][1], p[1]) {
				t.Errorf("%s: step %d at %v, torch %v", name, k, tr.Points[min(k, len(tr.Points)-1)], p)
				break
			}
			if o.Schedule != nil && !near(tr.LR[k], c.LR[k]) {
				t.Errorf("%s: step %d lr %v, torch %v", name, k, tr.LR[k], c.LR[k])
				break
			}
		}
	}
}

// Bad schedules name the setting at fault.
func TestScheduleErrors(t *testing.T) {
	for _, tt := range []struct {
		kind string
		set  map[string]float64
		ms   []int
		want string
	}{
		{"stepp", nil, nil, `unknown schedule "stepp" (did you mean step?); the schedules are step, multistep, exponential, cosine, linear and polynomial`},
		{"step", nil, nil, "missing; the step schedule needs step_size"},
		{"step", map[string]float64{"step_size": 2.5}, nil, "step_size must be a whole number from 1 to 100000, not 2.5"},
		{"step", map[string]float64{"step_size": 3, "gamma": -1}, nil, "gamma must be a finite number greater than 0, not -1"},
		{"step", map[string]float64{"step_size": 3, "t_max": 4}, nil, `the step schedule has no setting "t_max"; its settings are [step_size gamma]`},
		{"multistep", nil, nil, "missing; list the steps at which the rate drops, such as milestones: [30, 80]"},
		{"exponential", nil, nil, "missing; the exponential schedule needs gamma"},
		{"cosine", map[string]float64{"t_max": 0}, nil, "t_max must be a whole number from 1 to 100000, not 0"},
		{"cosine", map[string]float64{"t_max": 10, "eta_min": -1}, nil, "eta_min must be a finite number of at least 0, not -1"},
		{"linear", map[string]float64{"start_factor": 2}, nil, "start_factor must be in (0, 1] and end_factor in [0, 1], as torch's LinearLR requires"},
		{"polynomial", map[string]float64{"power": 0}, nil, "power must be a finite number greater than 0, not 0"},
	} {
		_, err := NewSchedule(tt.kind, tt.set, tt.ms)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s %v: got %v, want %s", tt.kind, tt.set, err, tt.want)
		}
	}
}

// Noise is seeded: the same seed gives the same path, another seed another
// one, and the noise added has about mean 0 and standard deviation σ.
func TestNoise(t *testing.T) {
	f, _ := Lookup("quadratic", nil)
	m, _ := LookupMethod("gd")
	run := func(seed uint64, sigma float64) Trajectory {
		s, _ := m.Resolve(map[string]float64{"lr": 1})
		return RunWith(f, m.New(s, f), []float64{0, 0}, 4000, Options{Noise: sigma, Seed: seed})
	}
	a, b, c := run(1, 0.5), run(1, 0.5), run(2, 0.5)
	if fmt.Sprint(a.Points) != fmt.Sprint(b.Points) {
		t.Error("the same seed gave another path")
	}
	if fmt.Sprint(a.Points) == fmt.Sprint(c.Points) {
		t.Error("another seed gave the same path")
	}
	// With lr 1 on x²+y², a step lands at x − (2x + ξ) = −x − ξ: the noise
	// is x_k + x_{k+1} negated.
	var sum, sq float64
	n := 0
	for k := 0; k+1 < len(a.Points); k++ {
		for i := range 2 {
			xi := -(a.Points[k][i] + a.Points[k+1][i])
			sum += xi
			sq += xi * xi
			n++
		}
	}
	mean, sd := sum/float64(n), math.Sqrt(sq/float64(n))
	if math.Abs(mean) > 0.03 || math.Abs(sd-0.5) > 0.02 {
		t.Errorf("noise mean %v, sd %v over %d draws; want about 0 and 0.5", mean, sd, n)
	}
}
