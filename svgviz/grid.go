package svgviz

import "math"

// Domain is the world rectangle [X0,X1]×[Y0,Y1].
type Domain struct{ X0, X1, Y0, Y1 float64 }

// Grid holds f sampled on a regular NX×NY lattice spanning Domain inclusive of
// the edges, row-major with y ascending:
//
//	Values[j*NX+i] = f(X0+i*(X1-X0)/(NX-1), Y0+j*(Y1-Y0)/(NY-1))
//
// Non-finite values (NaN, ±Inf) mark where f is undefined.
type Grid struct {
	Domain Domain
	NX, NY int
	Values []float64
	// Scratch lets NewContourLayer overwrite Values, and its capacity up
	// to (NX+2)×(NY+2), instead of copying them into a lattice of its own
	// with a border: the caller samples the grid for the layer alone.
	Scratch bool
}

// ok reports whether g has at least 2×2 samples and enough values.
func (g Grid) ok() bool {
	return g.NX >= 2 && g.NY >= 2 && len(g.Values) >= g.NX*g.NY
}

// x returns the world x of column i (i may lie outside [0, NX)).
func (g Grid) x(i int) float64 {
	d := g.Domain
	return d.X0 + float64(i)*(d.X1-d.X0)/float64(g.NX-1)
}

// y returns the world y of row j (j may lie outside [0, NY)).
func (g Grid) y(j int) float64 {
	d := g.Domain
	return d.Y0 + float64(j)*(d.Y1-d.Y0)/float64(g.NY-1)
}

// finiteRange returns the least and greatest finite values of g, and false
// when there is none.
func (g Grid) finiteRange() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range g.Values[:g.NX*g.NY] {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	if lo > hi { // only NaN
		return 0, 0, false
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		// Rare: ±Inf present; take the slow path that skips them.
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range g.Values[:g.NX*g.NY] {
			if isFinite(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if lo > hi {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// allFinite reports whether every sample of g is finite.
func (g Grid) allFinite() bool {
	for _, v := range g.Values[:g.NX*g.NY] {
		if !isFinite(v) {
			return false
		}
	}
	return true
}

// isFinite reports whether v is neither infinite nor NaN, in one comparison
// (NaN compares false): the contour tracer asks it of every sample.
func isFinite(v float64) bool { return math.Abs(v) <= math.MaxFloat64 }
