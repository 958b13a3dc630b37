package optim

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		x, y float64
		want float64
	}{
		{"-x^2", 3, 0, -9},
		{"2^3^2", 0, 0, 512},
		{"x^-2", 2, 0, 0.25},
		{"x/y/2", 8, 2, 2},
		{"x**2", 3, 0, 9},
		{".5*x + 1e-3", 2, 0, 1.001},
		{"2e-1*x", 10, 0, 2},
		{"2*e", 0, 0, 2 * math.E},
		{"cos(pi)", 0, 0, -1},
		{"x - -y", 1, 2, 3},
		{"+x", 4, 0, 4},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		x := []float64{tt.x, tt.y}[:e.Dim()]
		if got := e.Func(x); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%q at (%v, %v) = %v, want %v", tt.src, tt.x, tt.y, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"", `col 1: empty expression; write a formula in x and y, such as x^2 + y^2`},
		{"2x", `col 2: unexpected 'x'; expected an operator (+ - * / ^) or the end`},
		{"Sin(x)", `col 1: unknown function "Sin"; the functions are sin cos tan exp log sqrt abs tanh sinh cosh atan relu sign sigmoid log1p expm1, and min and max of two`},
		{"x +", `col 4: unexpected end of expression; expected a number, x, y, a function or "("`},
		{"((x)", `col 5: unexpected end of expression; expected ")" to close the "(" at col 1`},
		{"z", `col 1: unknown name "z"; the variables are x and y, the constants pi and e (names are case-sensitive)`},
		{"sin x", `col 5: expected "(" after the function sin`},
		{"sin(x, y)", `col 6: sin takes one argument`},
		{"1..2", `col 1: malformed number "1..2"`},
		{"x $ y", `col 3: unexpected '$'; expected an operator (+ - * / ^) or the end`},
		{"x ^ ", `col 5: unexpected end of expression; expected a number, x, y, a function or "("`},
		{"x * * y", `col 5: unexpected '*'; expected a number, x, y, a function or "("`},
		{"é + x", `col 1: unexpected 'é'; expected a number, x, y, a function or "("`},
		{strings.Repeat("(", 70) + "x" + strings.Repeat(")", 70), `col 33: expression nests deeper than 64 levels`},
		{strings.Repeat("x+", 1001), `col 1: expression is 2002 characters long; the limit is 2000`},
	}
	for _, tt := range tests {
		_, err := ParseExpr(tt.src)
		if err == nil {
			t.Errorf("%q: no error, want %q", tt.src, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, err.Error(), tt.want)
		}
	}
}

// FuzzParseExpr checks that no input panics or hangs the parser, and that
// whatever parses evaluates (to any value) with derivatives.
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"x^2 + y^2", "(1-x)^2 + 100*(y-x^2)^2", "-x^-2", "2^3^2", "sin(5*x) + 0.5*x^2",
		"sqrt(abs(x*y))", "log(1 + x^2 + y^2)", "x**2**0.5", "e^-x^2", "atan(y/x)", "1e-3*x", ".5",
		"max(abs(x) - 1, 0) + min(x, y)", "relu(x*y) + sign(x) + sigmoid(y)", "log1p(x^2) + expm1(y)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// A hang is a bug: crash the worker so the fuzzer keeps the input.
		watchdog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("input hangs: %q", src)) })
		defer watchdog.Stop()
		e, err := ParseExpr(src)
		if err != nil {
			if !IsSyntaxError(err) {
				t.Fatalf("%q: error of type %T", src, err)
			}
			return
		}
		x := []float64{0.3, -0.7}[:e.Dim()]
		_ = e.Func(x)
		g := make([]float64, e.Dim())
		e.Grad(g, x)
		// The row evaluator and the duals agree with Func and the jets, bit
		// for bit (TestEvaluatorsAgree, here on any expression).
		xs, ys := []float64{-2, -0.5, 0, 0.3, 1.5}, []float64{-0.7, 0, 2}
		grid := make([]float64, len(xs)*len(ys))
		e.EvalGrid(grid, xs, ys)
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		for j, y := range ys {
			for i, x := range xs {
				want := e.Func([]float64{x, y}[:e.Dim()])
				d, jt := e.prog.evalDual(x, y), e.prog.evalJet(x, y)
				if !same(grid[j*len(xs)+i], want) || !same(d.v, want) || !same(d.gx, jt.gx) || !same(d.gy, jt.gy) {
					t.Fatalf("%q at (%g, %g): Func %v, grid %v, dual %v, jet %v", src, x, y, want, grid[j*len(xs)+i], d, jt)
				}
			}
		}
	})
}

func grid400(d Domain) (xs, ys []float64) {
	xs, ys = make([]float64, 400), make([]float64, 400)
	for i := range xs {
		xs[i] = d.X[0] + float64(i)*(d.X[1]-d.X[0])/399
		ys[i] = d.Y[0] + float64(i)*(d.Y[1]-d.Y[0])/399
	}
	return xs, ys
}

// BenchmarkGrid400 evaluates a 400×400 grid: the catalog's Rosenbrock, the
// same formula typed as an expression, and a plain Go closure as the peer.
func BenchmarkGrid400(b *testing.B) {
	rosen, _ := Lookup("rosenbrock", nil)
	expr := MustParseExpr("(1-x)^2 + 100*(y-x^2)^2")
	xs, ys := grid400(rosen.Domain)
	dst := make([]float64, 400*400)
	b.Run("catalog-rosenbrock", func(b *testing.B) {
		for b.Loop() {
			rosen.EvalGrid(dst, xs, ys)
		}
	})
	b.Run("expression", func(b *testing.B) {
		for b.Loop() {
			expr.EvalGrid(dst, xs, ys)
		}
	})
	b.Run("go-closure-peer", func(b *testing.B) {
		f := func(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }
		for b.Loop() {
			for j, y := range ys {
				for i, x := range xs {
					dst[j*400+i] = f(x, y)
				}
			}
		}
	})
}

// BenchmarkStep is one optimizer step with its gradient on Rosenbrock.
func BenchmarkStep(b *testing.B) {
	rosen, _ := Lookup("rosenbrock", nil)
	for _, name := range []string{"gd", "adam", "nadam", "newton"} {
		m, _ := LookupMethod(name)
		s, _ := m.Resolve(map[string]float64{"lr": 1e-3})
		b.Run(name, func(b *testing.B) {
			x := []float64{-1.5, 2.5}
			g := make([]float64, 2)
			opt := m.New(s, rosen)
			for b.Loop() {
				rosen.Grad(g, x)
				opt.Step(x, g)
			}
		})
	}
}

// BenchmarkRun is one figure's run as a build takes it: 300 steps of Adam,
// recording the point, loss and gradient norm at each.
func BenchmarkRun(b *testing.B) {
	for _, name := range []string{"rosenbrock", "himmelblau", "rastrigin"} {
		f, _ := Lookup(name, nil)
		m, _ := LookupMethod("adam")
		s, _ := m.Resolve(map[string]float64{"lr": 0.01})
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Run(f, m.New(s, f), []float64{-1.5, 2.5}, 300, nil)
			}
		})
	}
}
