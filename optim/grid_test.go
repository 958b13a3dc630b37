package optim

import (
	"math"
	"testing"
)

// The grid evaluator, the dual numbers and the jets compute every value
// (and gradient) with the same arithmetic as Func: the same bits, for every
// expression of the torch fixture and every catalog function.
func TestEvaluatorsAgree(t *testing.T) {
	t.Parallel()
	var fx struct {
		Cases []struct {
			Expr string `json:"expr"`
		} `json:"cases"`
	}
	readJSON(t, "testdata/expressions.json", &fx)
	var exprs []*Expr
	for _, c := range fx.Cases {
		e, err := ParseExpr(c.Expr)
		if err != nil {
			t.Fatal(err)
		}
		exprs = append(exprs, e)
	}
	for _, name := range CatalogNames() {
		f, err := Lookup(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		exprs = append(exprs, f.Expr)
	}
	for _, e := range []string{"x", "y", "3", "-x", "y*2 + 1", "x^y", "2^x - y^3", "1/(x - y)", "sqrt(x - y)"} {
		exprs = append(exprs, MustParseExpr(e))
	}
	xs := []float64{-2.5, -1, -0.5, 0, 0.25, 1, 1.5, 3}
	ys := []float64{-3, -1, 0, 0.5, 2}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, e := range exprs {
		grid := make([]float64, len(xs)*len(ys))
		e.EvalGrid(grid, xs, ys)
		for j, y := range ys {
			for i, x := range xs {
				p := []float64{x, y}[:e.Dim()]
				want := e.Func(p)
				if got := grid[j*len(xs)+i]; !same(got, want) {
					t.Errorf("%s at (%g, %g): grid %v, Func %v", e, x, y, got, want)
				}
				d, jt := e.prog.evalDual(x, y), e.prog.evalJet(x, y)
				if !same(d.v, want) || !same(d.v, jt.v) || !same(d.gx, jt.gx) || !same(d.gy, jt.gy) {
					t.Errorf("%s at (%g, %g): dual %v, jet %v", e, x, y, d, jt)
				}
			}
		}
	}
}
