package optim

import (
	"errors"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Expr is a function given as a formula in x (and y): SPEC §5. Its
// derivatives are exact.
type Expr struct {
	src      string
	dim      int
	constant bool // neither x nor y
	prog     program
}

var _ Objective = (*Expr)(nil)

// ParseExpr compiles src. Its Dim is 1 when src mentions only x and 2 when
// it mentions y. Errors are *SyntaxError.
func ParseExpr(src string) (*Expr, error) {
	return parseExpr(src, nil)
}

func parseExpr(src string, consts map[string]float64) (*Expr, error) {
	n, vars, err := parse(src, consts)
	if err != nil {
		return nil, err
	}
	dim := 1
	if vars&2 != 0 {
		dim = 2
	}
	return &Expr{src: src, dim: dim, constant: vars == 0, prog: compile(fold(n))}, nil
}

// ParseExprWith compiles src with named constants: each name in consts
// stands for its number (a figure's params). A name must be an identifier
// that is not x, y, pi, e or a function; an unknown one in src is an error
// as usual.
func ParseExprWith(src string, consts map[string]float64) (*Expr, error) {
	return parseExpr(src, consts)
}

// IsReserved reports whether name is taken in expressions: a variable, a
// constant or a function.
func IsReserved(name string) bool {
	_, f1 := functions[name]
	_, f2 := binaryFunctions[name]
	return f1 || f2 || name == "x" || name == "y" || name == "pi" || name == "e"
}

// MustParseExpr is ParseExpr for formulas known to be valid; it panics otherwise.
func MustParseExpr(src string) *Expr {
	e, err := ParseExpr(src)
	if err != nil {
		panic("optim: " + err.Error())
	}
	return e
}

// IsSyntaxError reports whether err came from parsing an expression.
func IsSyntaxError(err error) bool {
	var se *SyntaxError
	return errors.As(err, &se)
}

// String returns the formula as written.
func (e *Expr) String() string { return e.src }

// Dim is 1 or 2.
func (e *Expr) Dim() int { return e.dim }

// Constant reports whether the expression mentions neither x nor y.
func (e *Expr) Constant() bool { return e.constant }

func (e *Expr) xy(x []float64) (float64, float64) {
	if len(x) != e.dim {
		panic(badLength)
	}
	if e.dim == 1 {
		return x[0], 0
	}
	return x[0], x[1]
}

// Func returns f(x).
func (e *Expr) Func(x []float64) float64 {
	return e.prog.eval(e.xy(x))
}

// Grad sets grad to ∇f(x).
func (e *Expr) Grad(grad, x []float64) {
	e.FuncGrad(grad, x)
}

// FuncGrad sets grad to ∇f(x) and returns f(x), from one evaluation.
func (e *Expr) FuncGrad(grad, x []float64) float64 {
	if len(grad) != e.dim {
		panic(badLength)
	}
	d := e.prog.evalDual(e.xy(x))
	grad[0] = d.gx
	if e.dim == 2 {
		grad[1] = d.gy
	}
	return d.v
}

// Hess sets dst to the Hessian of f at x.
func (e *Expr) Hess(dst *mat.SymDense, x []float64) {
	if dst.SymmetricDim() != e.dim {
		panic(badLength)
	}
	j := e.prog.evalJet(e.xy(x))
	dst.SetSym(0, 0, j.hxx)
	if e.dim == 2 {
		dst.SetSym(0, 1, j.hxy)
		dst.SetSym(1, 1, j.hyy)
	}
}

// EvalGrid sets dst[j*len(xs)+i] = f(xs[i], ys[j]), a row at a time, the
// rows of a large grid shared among the cores.
func (e *Expr) EvalGrid(dst, xs, ys []float64) {
	if len(dst) != len(xs)*len(ys) {
		panic(badLength)
	}
	workers := min(runtime.GOMAXPROCS(0), len(dst)/parallelGrid+1, len(ys))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			stack := make([][]float64, e.prog.depth)
			for i := range stack {
				stack[i] = make([]float64, len(xs))
			}
			for j := w; j < len(ys); j += workers {
				e.prog.evalRow(dst[j*len(xs):(j+1)*len(xs)], xs, ys[j], stack)
			}
		})
	}
	wg.Wait()
}

// parallelGrid is the number of grid points worth a core of their own.
const parallelGrid = 40000

// GradHess sets grad and hess at x from one evaluation.
func (e *Expr) GradHess(grad []float64, hess *mat.SymDense, x []float64) {
	j := e.prog.evalJet(e.xy(x))
	grad[0] = j.gx
	hess.SetSym(0, 0, j.hxx)
	if e.dim == 2 {
		grad[1] = j.gy
		hess.SetSym(0, 1, j.hxy)
		hess.SetSym(1, 1, j.hyy)
	}
}
