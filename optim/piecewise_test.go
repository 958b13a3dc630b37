package optim

import (
	"math"
	"testing"
)

// TestPiecewiseTorch compares the piecewise functions' values and
// gradients with torch.autograd, at their kinks and ties too
// (testdata/gen_piecewise.py).
func TestPiecewiseTorch(t *testing.T) {
	t.Parallel()
	var fx struct {
		Cases []struct {
			Expr   string      `json:"expr"`
			Points [][]float64 `json:"points"`
			Value  []float64   `json:"value"`
			Grad   [][]float64 `json:"grad"`
		} `json:"cases"`
	}
	readJSON(t, "testdata/piecewise.json", &fx)
	if len(fx.Cases) < 10 {
		t.Fatalf("%d cases in the fixture", len(fx.Cases))
	}
	close := func(a, b float64) bool { return a == b || math.Abs(a-b) <= 1e-10*math.Max(1, math.Abs(b)) }
	for _, c := range fx.Cases {
		e, err := ParseExpr(c.Expr)
		if err != nil {
			t.Fatalf("%s: %v", c.Expr, err)
		}
		for i, p := range c.Points {
			x := p[:e.Dim()]
			g := make([]float64, e.Dim())
			v := e.FuncGrad(g, x)
			if !close(v, c.Value[i]) || !close(e.Func(x), c.Value[i]) {
				t.Errorf("%s at %v = %v, torch %v", c.Expr, p, v, c.Value[i])
			}
			for k := range g {
				if !close(g[k], c.Grad[i][k]) {
					t.Errorf("%s at %v: ∂%d = %v, torch %v", c.Expr, p, k, g[k], c.Grad[i][k])
				}
			}
		}
	}
}
