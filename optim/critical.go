package optim

import (
	"math"
	"math/bits"
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

// CriticalGrid is a good number of samples a side for CriticalPoints, the
// one the site build uses: finer than a figure's contours need to separate
// two critical points, and under a millisecond for a catalog function.
const CriticalGrid = 256

// MaxCriticalPoints bounds the list; a domain with more (a wide Rastrigin)
// keeps the lowest ones.
const MaxCriticalPoints = 2000

// maxSeeds bounds the Newton solves of one search.
const maxSeeds = 2 * MaxCriticalPoints

// CriticalPoints finds the critical points of f inside d that a grid of
// samples×samples values resolves, and classifies them by the Hessian's
// eigenvalues. In two dimensions Newton's method on ∇f = 0 starts from the
// grid's own critical nodes (see gridCandidates): one seed within a cell of
// each point, instead of a lattice of seeds that mostly rediscover the same
// points. A function that oscillates faster than the grid can have tens of
// thousands of critical nodes; then only the maxSeeds lowest are tried,
// since only the lowest MaxCriticalPoints points are kept anyway. In one
// dimension, where seeds are cheap, it starts from the centre of each of
// samples cells, so it also finds critical points that do not change the
// curve's shape (x³ at 0). Known minima from the published tables are added
// where Newton cannot reach them (Ackley's minimum is a kink). The result is
// sorted by x, then y.
func CriticalPoints(f Objective, d Domain, samples int, known []Minimum) []CriticalPoint {
	dim := f.Dim()
	lo := []float64{d.X[0], d.Y[0]}[:dim]
	hi := []float64{d.X[1], d.Y[1]}[:dim]
	scale := 0.0
	for i := range lo {
		scale = math.Max(scale, hi[i]-lo[i])
	}
	samples = max(samples, 3)
	var seeds [][]float64
	if dim == 1 {
		for i := range samples {
			// Seeds sit at cell centres, so they never start on the domain's edge.
			seeds = append(seeds, []float64{lo[0] + (float64(i)+0.5)*(hi[0]-lo[0])/float64(samples)})
		}
	} else {
		seeds = gridCandidates(f, d, samples, maxSeeds)
	}
	var found []CriticalPoint
	same := newPointSet(1e-6 * scale)
	for _, seed := range seeds {
		x, ok := newtonSolve(f, seed, scale)
		if !ok || !inside(x, lo, hi) || same.near(x) {
			continue
		}
		same.add(x)
		found = append(found, CriticalPoint{X: x, Value: f.Func(x), Kind: classify(f, x)})
	}
	listed := newPointSet(1e-3 * scale)
	for _, c := range found {
		listed.add(c.X)
	}
	for _, m := range known {
		if len(m.X) == dim && inside(m.X, lo, hi) && !listed.near(m.X) {
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

// gridCandidates samples f on n×n nodes covering d, plus a ring of nodes
// outside it so that a point on d's edge has all its neighbours, and returns
// the nodes inside d that are critical on the grid: those whose eight
// neighbours, taken in turn around them, are all above or all below (an
// extremum), or switch between above and below four or more times (a
// saddle; a monkey saddle switches six times). Ties are broken by node index
// ("simulation of simplicity"), so a plateau gives no candidates, and a
// neighbour whose value is not a number counts as above. This is the
// piecewise-linear notion of a critical point (Banchoff 1967): every
// nondegenerate critical point the grid resolves leaves one nearby. Of
// more than most candidates, it returns the most with the lowest values.
func gridCandidates(f Objective, d Domain, n, most int) [][]float64 {
	hx := (d.X[1] - d.X[0]) / float64(n-1)
	hy := (d.Y[1] - d.Y[0]) / float64(n-1)
	m := n + 2
	xs, ys := make([]float64, m), make([]float64, m)
	for i := range m {
		xs[i] = d.X[0] + float64(float64(i-1)*hx)
		ys[i] = d.Y[0] + float64(float64(i-1)*hy)
	}
	// The grid is sampled a band of rows at a time, each band with the
	// row before and after it, the two it shares with the band before
	// carried over: a node needs only its neighbours, and the whole grid
	// would be half a megabyte of fresh memory beside the contours'.
	// Ties still go by index in the whole grid, as a band keeps its order.
	type node struct {
		c int     // index in the whole grid
		v float64 // its value
	}
	var nodes []node
	band := make([]float64, (critBand+2)*m)
	for j0 := 1; j0 <= n; j0 += critBand {
		j1 := min(j0+critBand, n+1) // rows j0 to j1-1, with rows j0-1 and j1 beside them
		v := band[:(j1-j0+2)*m]
		if j0 == 1 {
			EvalGridInto(v, f, xs, ys[:j1+1])
		} else {
			copy(v, band[critBand*m:(critBand+2)*m]) // rows j0-1 and j0, the last band's last two
			EvalGridInto(v[2*m:], f, xs, ys[j0+1:j1+1])
		}
		for j := j0; j < j1; j++ {
			for i := 1; i <= n; i++ {
				if c := (j-j0+1)*m + i; ringChanges(v, c, m) != 2 {
					nodes = append(nodes, node{j*m + i, v[c]})
				}
			}
		}
	}
	if len(nodes) > most {
		// The lowest, then back in scan order.
		slices.SortStableFunc(nodes, func(a, b node) int { return cmpFloat(a.v, b.v) })
		nodes = nodes[:most]
		slices.SortFunc(nodes, func(a, b node) int { return a.c - b.c })
	}
	seeds := make([][]float64, len(nodes))
	for k, nd := range nodes {
		seeds[k] = []float64{xs[nd.c%m], ys[nd.c/m]}
	}
	return seeds
}

// critBand is the number of rows gridCandidates samples at a time.
const critBand = 32

// ringChanges counts how often the eight neighbours of node c in a grid of
// rows of m values switch between above and below it, in turn around it: 2
// at a regular node, 0 at an extremum, 4 or more at a saddle. A neighbour
// with an equal value is above when it comes later in v; one that is not a
// number is above. A node that is not a number counts as regular.
func ringChanges(v []float64, c, m int) int {
	vc := v[c]
	if math.IsNaN(vc) {
		return 2
	}
	// Neighbours after c are above unless below; those before, unless not above.
	var ring uint8
	if !(v[c+1] < vc) {
		ring |= 1
	}
	if !(v[c+m+1] < vc) {
		ring |= 2
	}
	if !(v[c+m] < vc) {
		ring |= 4
	}
	if !(v[c+m-1] < vc) {
		ring |= 8
	}
	if !(v[c-1] <= vc) {
		ring |= 16
	}
	if !(v[c-m-1] <= vc) {
		ring |= 32
	}
	if !(v[c-m] <= vc) {
		ring |= 64
	}
	if !(v[c-m+1] <= vc) {
		ring |= 128
	}
	return bits.OnesCount8(ring ^ bits.RotateLeft8(ring, 1))
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
			det := float64(a*c) - float64(b*b)
			if det == 0 || math.IsNaN(det) {
				return nil, false
			}
			dx = []float64{(float64(c*g[0]) - float64(b*g[1])) / det, (float64(a*g[1]) - float64(b*g[0])) / det}
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

// A pointSet finds whether a point lies within tol of one added before
// (in the maximum norm), in constant time: points are kept in cells of
// side tol, and a near one can only be in the 3^dim cells around.
type pointSet struct {
	tol   float64
	cells map[[2]int64][][]float64
}

func newPointSet(tol float64) *pointSet {
	return &pointSet{tol: tol, cells: map[[2]int64][][]float64{}}
}

func (s *pointSet) cell(x []float64) [2]int64 {
	var c [2]int64
	if !(s.tol > 0) {
		return c // a domain of no width: one cell
	}
	for i := range x {
		c[i] = int64(math.Floor(x[i] / s.tol))
	}
	return c
}

func (s *pointSet) add(x []float64) {
	c := s.cell(x)
	s.cells[c] = append(s.cells[c], x)
}

func (s *pointSet) near(x []float64) bool {
	c := s.cell(x)
	dy := int64(1)
	if len(x) == 1 {
		dy = 0
	}
	for i := c[0] - 1; i <= c[0]+1; i++ {
		for j := c[1] - dy; j <= c[1]+dy; j++ {
			for _, p := range s.cells[[2]int64{i, j}] {
				d := 0.0
				for k := range x {
					d = math.Max(d, math.Abs(p[k]-x[k]))
				}
				if d <= s.tol {
					return true
				}
			}
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
