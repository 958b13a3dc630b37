package optim

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The fixtures in testdata/ were computed by PyTorch 1.13 (torch.optim and
// torch.autograd, float64); testdata/README.md says how to regenerate them.

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// close reports whether got is within rel of want, relative to max(1, |want|)
// so that values near zero compare absolutely.
func closeTo(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

type derivCase struct {
	Points [][]float64   `json:"points"`
	Value  []float64     `json:"value"`
	Grad   [][]float64   `json:"grad"`
	Hess   [][][]float64 `json:"hess"`
}

func checkDerivs(t *testing.T, name string, f Objective, c derivCase) {
	t.Helper()
	dim := f.Dim()
	for k, p := range c.Points {
		p = p[:dim]
		if got := f.Func(p); !closeTo(got, c.Value[k], 1e-10) {
			t.Errorf("%s at %v: value %v, torch %v", name, p, got, c.Value[k])
		}
		g := make([]float64, dim)
		f.Grad(g, p)
		h := mat.NewSymDense(dim, nil)
		f.Hess(h, p)
		for i := 0; i < dim; i++ {
			if !closeTo(g[i], c.Grad[k][i], 1e-10) {
				t.Errorf("%s at %v: grad[%d] %v, torch %v", name, p, i, g[i], c.Grad[k][i])
			}
			for j := 0; j < dim; j++ {
				if !closeTo(h.At(i, j), c.Hess[k][i][j], 1e-9) {
					t.Errorf("%s at %v: hess[%d][%d] %v, torch %v", name, p, i, j, h.At(i, j), c.Hess[k][i][j])
				}
			}
		}
	}
}

func TestCatalogAgainstAutograd(t *testing.T) {
	t.Parallel()
	var fx struct {
		Functions []struct {
			Name   string             `json:"name"`
			Params map[string]float64 `json:"params"`
			derivCase
		} `json:"functions"`
	}
	readJSON(t, "testdata/catalog.json", &fx)
	seen := map[string]bool{}
	for _, c := range fx.Functions {
		f, err := Lookup(c.Name, c.Params)
		if err != nil {
			t.Fatal(err)
		}
		checkDerivs(t, c.Name, f, c.derivCase)
		seen[c.Name] = true
	}
	for _, n := range CatalogNames() {
		if !seen[n] {
			t.Errorf("catalog function %s has no autograd fixture", n)
		}
	}
}

func TestExpressionsAgainstAutograd(t *testing.T) {
	t.Parallel()
	var fx struct {
		Cases []struct {
			Expr string `json:"expr"`
			derivCase
		} `json:"cases"`
	}
	readJSON(t, "testdata/expressions.json", &fx)
	if len(fx.Cases) < 30 {
		t.Fatalf("only %d expression cases", len(fx.Cases))
	}
	for _, c := range fx.Cases {
		e, err := ParseExpr(c.Expr)
		if err != nil {
			t.Errorf("%q: %v", c.Expr, err)
			continue
		}
		// The fixture's points are 2-D; an expression in x alone ignores y,
		// and torch reports ∂/∂y = 0 for it.
		if e.Dim() == 1 {
			for _, g := range c.Grad {
				if g[1] != 0 {
					t.Errorf("%q is 1-D here but torch sees y", c.Expr)
				}
			}
		}
		checkDerivs(t, c.Expr, e, c.derivCase)
	}
}

type torchRun struct {
	Name      string             `json:"name"`
	Function  string             `json:"function"`
	Params    map[string]float64 `json:"params"`
	Optimizer string             `json:"optimizer"`
	Settings  map[string]any     `json:"settings"`
	Start     []float64          `json:"start"`
	Steps     int                `json:"steps"`
	Points    [][]float64        `json:"points"`
	Loss      []float64          `json:"loss"`
	StoppedAt *int               `json:"stopped_at"`
}

func settingsOf(t *testing.T, s map[string]any) map[string]float64 {
	out := map[string]float64{}
	for k, v := range s {
		switch v := v.(type) {
		case float64:
			out[k] = v
		case bool:
			if v {
				out[k] = 1
			} else {
				out[k] = 0
			}
		default:
			t.Fatalf("setting %s: %T", k, v)
		}
	}
	return out
}

func TestOptimizersAgainstTorch(t *testing.T) {
	t.Parallel()
	var fx struct {
		Cases []torchRun `json:"cases"`
	}
	readJSON(t, "testdata/optimizers.json", &fx)
	perMethod := map[string]map[string]bool{}
	for _, c := range fx.Cases {
		t.Run(c.Name, func(t *testing.T) {
			f, err := Lookup(c.Function, c.Params)
			if err != nil {
				t.Fatal(err)
			}
			m, err := LookupMethod(c.Optimizer)
			if err != nil {
				t.Fatal(err)
			}
			settings, err := m.Resolve(settingsOf(t, c.Settings))
			if err != nil {
				t.Fatal(err)
			}
			if len(settings) != len(c.Settings) {
				t.Errorf("settings in force %v, torch case lists %v", settings, c.Settings)
			}
			tr := Run(f, m.New(settings, f), c.Start, c.Steps, nil)
			wantStop := -1
			if c.StoppedAt != nil {
				wantStop = *c.StoppedAt
			}
			if tr.StoppedAt != wantStop {
				t.Errorf("stopped at %d, torch %d", tr.StoppedAt, wantStop)
			}
			if len(tr.Points) != len(c.Points) {
				t.Fatalf("%d points, torch %d", len(tr.Points), len(c.Points))
			}
			for k := range c.Points {
				// Once the gradient is rounding noise (|∇f| ~ 1e-15 at a
				// minimum), normalising methods such as RMSprop divide noise by
				// noise and any two correct implementations part ways. The
				// comparison is step for step up to there.
				if tr.GradNorm[k] < 1e-9 {
					break
				}
				for i := range c.Points[k] {
					if !closeTo(tr.Points[k][i], c.Points[k][i], 1e-10) {
						t.Fatalf("step %d: x[%d] = %v, torch %v", k, i, tr.Points[k][i], c.Points[k][i])
					}
				}
				if !closeTo(tr.Loss[k], c.Loss[k], 1e-10) {
					t.Fatalf("step %d: loss %v, torch %v", k, tr.Loss[k], c.Loss[k])
				}
			}
		})
		if perMethod[c.Optimizer] == nil {
			perMethod[c.Optimizer] = map[string]bool{}
		}
		perMethod[c.Optimizer][c.Function] = true
	}
	for _, m := range methods {
		if m.Torch != "" && len(perMethod[m.Name]) < 3 {
			t.Errorf("%s is checked against torch on %d functions, want at least 3", m.Name, len(perMethod[m.Name]))
		}
	}
}
