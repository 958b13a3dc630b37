package optim

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Kinds of critical point, by the signs of the Hessian's eigenvalues.
const (
	KindMinimum    = "minimum"
	KindMaximum    = "maximum"
	KindSaddle     = "saddle"
	KindDegenerate = "degenerate" // an eigenvalue is zero to working precision
)

// CriticalPoint is a point where the gradient vanishes.
type CriticalPoint struct {
	X     []float64
	Value float64
	Kind  string
}

// MaxCriticalPoints bounds the list; a domain with more (a wide Rastrigin)
// keeps the lowest ones.
const MaxCriticalPoints = 2000

// CriticalPoints finds every critical point of f inside d: Newton's method
// on ∇f = 0 from a lattice of seeds, deduplicated and classified by the
// Hessian's eigenvalues. Known minima from the published tables are added
// where Newton cannot reach them (Ackley's minimum is a kink). The result is
// sorted by x, then y.
func CriticalPoints(f Objective, d Domain, seedsPerAxis int, known []Minimum) []CriticalPoint {
	dim := f.Dim()
	lo := []float64{d.X[0], d.Y[0]}[:dim]
	hi := []float64{d.X[1], d.Y[1]}[:dim]
	scale := 0.0
	for i := range lo {
		scale = math.Max(scale, hi[i]-lo[i])
	}
	if seedsPerAxis < 2 {
		seedsPerAxis = 2
	}
	if dim == 1 {
		seedsPerAxis *= 8
	}
	var found []CriticalPoint
	seed := make([]float64, dim)
	nseeds := seedsPerAxis
	if dim == 2 {
		nseeds *= seedsPerAxis
	}
	for s := 0; s < nseeds; s++ {
		// Seeds sit at cell centres, so they never start on the domain's edge.
		seed[0] = lo[0] + (float64(s%seedsPerAxis)+0.5)*(hi[0]-lo[0])/float64(seedsPerAxis)
		if dim == 2 {
			seed[1] = lo[1] + (float64(s/seedsPerAxis)+0.5)*(hi[1]-lo[1])/float64(seedsPerAxis)
		}
		x, ok := newtonSolve(f, seed, scale)
		if !ok || !inside(x, lo, hi) || isNear(found, x, 1e-6*scale) {
			continue
		}
		found = append(found, CriticalPoint{X: x, Value: f.Func(x), Kind: classify(f, x)})
	}
	for _, m := range known {
		if len(m.X) == dim && inside(m.X, lo, hi) && !isNear(found, m.X, 1e-3*scale) {
			found = append(found, CriticalPoint{X: slices.Clone(m.X), Value: f.Func(m.X), Kind: KindMinimum})
		}
	}
	if len(found) > MaxCriticalPoints {
		slices.SortStableFunc(found, func(a, b CriticalPoint) int { return cmpFloat(a.Value, b.Value) })
		found = found[:MaxCriticalPoints]
	}
	slices.SortFunc(found, func(a, b CriticalPoint) int {
		for i := range a.X {
			if c := cmpFloat(a.X[i], b.X[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return found
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// gradHesser computes the gradient and Hessian together, more cheaply than apart.
type gradHesser interface {
	GradHess(grad []float64, hess *mat.SymDense, x []float64)
}

// newtonSolve runs Newton's method on the gradient from x0. It succeeds when
// the step becomes negligible next to the domain and the gradient is tiny.
func newtonSolve(f Objective, x0 []float64, scale float64) ([]float64, bool) {
	dim := len(x0)
	x := slices.Clone(x0)
	g := make([]float64, dim)
	h := mat.NewSymDense(dim, nil)
	gh, fused := f.(gradHesser)
	for iter := 0; iter < 60; iter++ {
		if fused {
			gh.GradHess(g, h, x)
		} else {
			f.Grad(g, x)
			f.Hess(h, x)
		}
		var dx []float64
		if dim == 1 {
			if h.At(0, 0) == 0 {
				return nil, false
			}
			dx = []float64{g[0] / h.At(0, 0)}
		} else {
			a, b, c := h.At(0, 0), h.At(0, 1), h.At(1, 1)
			det := a*c - b*b
			if det == 0 || math.IsNaN(det) {
				return nil, false
			}
			dx = []float64{(c*g[0] - b*g[1]) / det, (a*g[1] - b*g[0]) / det}
		}
		step := 0.0
		for i := range x {
			x[i] -= dx[i]
			step = math.Max(step, math.Abs(dx[i]))
		}
		if !finite(x) || step > scale {
			return nil, false
		}
		if step <= 1e-12*scale {
			f.Grad(g, x)
			fx := math.Abs(f.Func(x))
			return x, norm(g) <= 1e-6*math.Max(1, fx)
		}
	}
	return nil, false
}

func inside(x, lo, hi []float64) bool {
	for i := range x {
		if x[i] < lo[i] || x[i] > hi[i] {
			return false
		}
	}
	return true
}

func isNear(found []CriticalPoint, x []float64, tol float64) bool {
	for _, c := range found {
		d := 0.0
		for i := range x {
			d = math.Max(d, math.Abs(c.X[i]-x[i]))
		}
		if d <= tol {
			return true
		}
	}
	return false
}

// classify names a critical point by the signs of the Hessian's eigenvalues.
func classify(f Objective, x []float64) string {
	dim := len(x)
	h := mat.NewSymDense(dim, nil)
	f.Hess(h, x)
	var eig mat.EigenSym
	if !eig.Factorize(h, false) {
		return KindDegenerate
	}
	vals := eig.Values(nil)
	big := 0.0
	for _, v := range vals {
		big = math.Max(big, math.Abs(v))
	}
	tol := 1e-8 * math.Max(1, big)
	pos, neg := 0, 0
	for _, v := range vals {
		switch {
		case v > tol:
			pos++
		case v < -tol:
			neg++
		}
	}
	switch {
	case pos == dim:
		return KindMinimum
	case neg == dim:
		return KindMaximum
	case pos > 0 && neg > 0 && pos+neg == dim:
		return KindSaddle
	}
	return KindDegenerate
}
