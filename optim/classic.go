package optim

import (
	"math"
	"slices"
)

// BFGS and Nelder–Mead are written here rather than taken from gonum so
// that their paths are the same bits on every architecture (gonum's code is
// compiled with fused multiply-adds where the processor has them). Each
// iteration is one step of a run; a method that has converged repeats its
// final point for the steps that remain.

// dot is Σ a[i]·b[i] with every product rounded.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

// axpy returns x + t·p.
func axpy(x []float64, t float64, p []float64) []float64 {
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] + float64(t*p[i])
	}
	return out
}

// pad repeats the last point of path (or start) until it has steps points.
func pad(path [][]float64, start []float64, steps int) [][]float64 {
	last := start
	if len(path) > 0 {
		last = path[len(path)-1]
	}
	for len(path) < steps {
		path = append(path, slices.Clone(last))
	}
	return path[:steps]
}

// bfgsPath runs BFGS from start: quasi-Newton steps along −H∇f, H the
// inverse-Hessian estimate updated from each step and change of gradient
// (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithm 6.1, with
// H₀ scaled by yᵀs/yᵀy after the first step), each along a backtracking
// line search that asks for the Armijo decrease.
func bfgsPath(obj Objective, start []float64, steps int) [][]float64 {
	n := len(start)
	x := slices.Clone(start)
	g := make([]float64, n)
	obj.Grad(g, x)
	fx := obj.Func(x)
	h := identity(n)
	var path [][]float64
	for k := 0; k < steps; k++ {
		if !(math.Sqrt(dot(g, g)) > 1e-12*math.Max(1, math.Abs(fx))) {
			break // converged, or the gradient is not finite
		}
		p := matVec(h, g)
		for i := range p {
			p[i] = -p[i]
		}
		slope := dot(g, p)
		if !(slope < 0) { // not a descent direction: start afresh
			h = identity(n)
			for i := range p {
				p[i] = -g[i]
			}
			slope = -dot(g, g)
		}
		t := 1.0
		if k == 0 {
			t = math.Min(1, 1/math.Sqrt(dot(g, g))) // a first step of length at most 1
		}
		var xn []float64
		var fn float64
		ok := false
		for range 60 {
			xn = axpy(x, t, p)
			fn = obj.Func(xn)
			if fn <= fx+float64(1e-4*float64(t*slope)) {
				ok = true
				break
			}
			t *= 0.5
		}
		if !ok {
			break
		}
		gn := make([]float64, n)
		obj.Grad(gn, xn)
		s, y := make([]float64, n), make([]float64, n)
		for i := range s {
			s[i], y[i] = xn[i]-x[i], gn[i]-g[i]
		}
		if sy := dot(s, y); sy > 1e-12*math.Sqrt(dot(s, s))*math.Sqrt(dot(y, y)) {
			if k == 0 {
				c := sy / dot(y, y)
				for i := range h {
					h[i][i] = c
				}
			}
			updateInverse(h, s, y, sy)
		}
		x, g, fx = xn, gn, fn
		path = append(path, slices.Clone(x))
	}
	return pad(path, start, steps)
}

func identity(n int) [][]float64 {
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
		h[i][i] = 1
	}
	return h
}

func matVec(h [][]float64, v []float64) []float64 {
	out := make([]float64, len(v))
	for i := range h {
		out[i] = dot(h[i], v)
	}
	return out
}

// updateInverse applies the BFGS update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ,
// ρ = 1/sᵀy, written out for a symmetric H.
func updateInverse(h [][]float64, s, y []float64, sy float64) {
	rho := 1 / sy
	hy := matVec(h, y)
	yhy := dot(y, hy)
	c := float64(float64(rho*rho)*yhy) + rho
	for i := range h {
		for j := range h[i] {
			h[i][j] = h[i][j] - float64(rho*(float64(s[i]*hy[j])+float64(hy[i]*s[j]))) + float64(c*float64(s[i]*s[j]))
		}
	}
}

// nelderMeadPath runs the Nelder–Mead simplex method from start, with the
// standard coefficients (reflection 1, expansion 2, contraction ½, shrink
// ½; Lagarias et al., SIAM J. Optim. 9, 1998) and a first simplex of the
// start and the start moved by 0.05 along each axis. Each iteration's step
// is the best vertex.
func nelderMeadPath(obj Objective, start []float64, steps int) [][]float64 {
	path, _ := NelderMead(obj, start, steps)
	return path
}

// NelderMead runs nelder-mead and returns its path (the best vertex after
// each of steps iterations) and the simplex at the start and after each
// iteration, vertices best first: steps+1 simplices.
func NelderMead(obj Objective, start []float64, steps int) (path [][]float64, simplices [][][]float64) {
	n := len(start)
	type vertex struct {
		x []float64
		f float64
	}
	simplex := []vertex{{slices.Clone(start), obj.Func(start)}}
	for i := range n {
		v := slices.Clone(start)
		v[i] += 0.05
		simplex = append(simplex, vertex{v, obj.Func(v)})
	}
	// toward returns c + t·(a − c).
	toward := func(c, a []float64, t float64) vertex {
		v := make([]float64, n)
		for i := range v {
			v[i] = c[i] + float64(t*(a[i]-c[i]))
		}
		return vertex{v, obj.Func(v)}
	}
	order := func() {
		slices.SortStableFunc(simplex, func(a, b vertex) int {
			switch {
			case a.f < b.f || (!math.IsNaN(a.f) && math.IsNaN(b.f)):
				return -1
			case b.f < a.f || (math.IsNaN(a.f) && !math.IsNaN(b.f)):
				return 1
			}
			return 0
		})
	}
	snapshot := func() {
		s := make([][]float64, len(simplex))
		for i, v := range simplex {
			s[i] = slices.Clone(v.x)
		}
		simplices = append(simplices, s)
	}
	order()
	snapshot()
	for range steps {
		order()
		best, worst := simplex[0], simplex[n]
		if !(math.Abs(worst.f-best.f) > 1e-14*math.Max(1, math.Abs(best.f))) {
			break // converged, or not finite
		}
		c := make([]float64, n)
		for _, v := range simplex[:n] {
			for i := range c {
				c[i] += v.x[i]
			}
		}
		for i := range c {
			c[i] /= float64(n)
		}
		r := toward(c, worst.x, -1)
		switch {
		case r.f < best.f:
			if e := toward(c, worst.x, -2); e.f < r.f {
				simplex[n] = e
			} else {
				simplex[n] = r
			}
		case r.f < simplex[n-1].f:
			simplex[n] = r
		default:
			var ct vertex
			if r.f < worst.f {
				ct = toward(c, r.x, 0.5) // outside contraction
			} else {
				ct = toward(c, worst.x, 0.5) // inside
			}
			if ct.f < math.Min(r.f, worst.f) {
				simplex[n] = ct
			} else {
				for k := 1; k <= n; k++ {
					simplex[k] = toward(best.x, simplex[k].x, 0.5)
				}
			}
		}
		order()
		path = append(path, slices.Clone(simplex[0].x))
		snapshot()
	}
	for len(simplices) < steps+1 { // converged: the simplex stays
		simplices = append(simplices, simplices[len(simplices)-1])
	}
	return pad(path, start, steps), simplices
}
