package optim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"descent/optim/pmath"

	"gonum.org/v1/gonum/mat"
)

// LinearRegression is the mean squared error of a line a + b·t fitted to n
// generated points (tᵢ, uᵢ), as a function of p = (a, b): the intercept is the
// figure's x and the slope its y. The data follow the seed lesson's recipe,
// tᵢ uniform on [0, 2) and uᵢ = intercept + slope·tᵢ + noise·N(0, 1), drawn from
// a PCG generator seeded with Seed, so every build sees the same data.
//
// One step of a run is one update: on the whole data set for full-batch
// gradient descent, on one mini-batch of Batch points otherwise. Mini-batches
// walk through a fresh seeded shuffle of the data each epoch; the last batch
// of an epoch may be smaller.
type LinearRegression struct {
	T, U []float64 // the data

	mt, mu, mtt, mtu, muu float64 // means of t, u, t², tu, u²
}

var (
	_ Objective     = (*LinearRegression)(nil)
	_ GridEvaluator = (*LinearRegression)(nil)
)

// LinearRegressionSpec holds the generator's settings.
type LinearRegressionSpec struct {
	N         int
	Seed      uint64
	Intercept float64
	Slope     float64
	Noise     float64
}

// MaxRegressionPoints bounds the generated data set.
const MaxRegressionPoints = 100000

// NewLinearRegression generates the data.
func NewLinearRegression(s LinearRegressionSpec) (*LinearRegression, error) {
	if s.N < 1 || s.N > MaxRegressionPoints {
		return nil, fmt.Errorf("n must be between 1 and %d, not %d", MaxRegressionPoints, s.N)
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0))
	r := &LinearRegression{T: make([]float64, s.N), U: make([]float64, s.N)}
	for i := range r.T {
		t := float64(2 * uniform(rng))
		r.T[i] = t
		r.U[i] = s.Intercept + float64(s.Slope*t) + float64(s.Noise*normal(rng))
	}
	n := float64(s.N)
	for i, t := range r.T {
		u := r.U[i]
		r.mt += t / n
		r.mu += u / n
		r.mtt += t * t / n
		r.mtu += t * u / n
		r.muu += u * u / n
	}
	return r, nil
}

// Dim is 2: intercept and slope.
func (r *LinearRegression) Dim() int { return 2 }

// Func is the mean squared error at p.
func (r *LinearRegression) Func(p []float64) float64 {
	s := 0.0
	for i, t := range r.T {
		e := p[0] + float64(p[1]*t) - r.U[i]
		s += float64(e * e)
	}
	return s / float64(len(r.T))
}

// Grad is the full-batch gradient.
func (r *LinearRegression) Grad(grad, p []float64) {
	r.batchGrad(grad, p, nil)
}

func (r *LinearRegression) batchGrad(grad, p []float64, idx []int) {
	var ga, gb float64
	n := len(r.T)
	if idx != nil {
		n = len(idx)
	}
	for k := 0; k < n; k++ {
		i := k
		if idx != nil {
			i = idx[k]
		}
		e := p[0] + float64(p[1]*r.T[i]) - r.U[i]
		ga += e
		gb += float64(e * r.T[i])
	}
	grad[0] = 2 * ga / float64(n)
	grad[1] = 2 * gb / float64(n)
}

// Hess is constant: 2·[1 t̄; t̄ mean(t²)].
func (r *LinearRegression) Hess(dst *mat.SymDense, _ []float64) {
	dst.SetSym(0, 0, 2)
	dst.SetSym(0, 1, 2*r.mt)
	dst.SetSym(1, 1, 2*r.mtt)
}

// EvalGrid uses the quadratic form of the error, so a grid costs nothing
// per data point.
func (r *LinearRegression) EvalGrid(dst, xs, ys []float64) {
	for j, b := range ys {
		for i, a := range xs {
			dst[j*len(xs)+i] = float64(a*a) + float64(2*a*b*r.mt) + float64(b*b*r.mtt) - float64(2*a*r.mu) - float64(2*b*r.mtu) + r.muu
		}
	}
}

// MiniBatches returns a gradient source for Run that uses batches of size
// batch, reshuffled each epoch by a generator seeded with seed.
func (r *LinearRegression) MiniBatches(batch int, seed uint64) func(grad, p []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	perm := make([]int, len(r.T))
	pos := len(perm)
	return func(grad, p []float64) {
		if pos >= len(perm) {
			for i := range perm {
				perm[i] = i
			}
			rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			pos = 0
		}
		end := min(pos+batch, len(perm))
		r.batchGrad(grad, p, perm[pos:end])
		pos = end
	}
}

// normal draws a standard normal number by the Box–Muller transform, with
// pmath and rounded products, so that the data are the same bits on every
// architecture (math/rand's NormFloat64 uses the platform's math.Exp and may
// be compiled with fused multiply-adds).
func normal(rng *rand.Rand) float64 {
	u1 := 1 - uniform(rng) // in (0, 1], so the logarithm is finite
	u2 := uniform(rng)
	r := math.Sqrt(float64(-2 * pmath.Log(u1)))
	return float64(r * pmath.Cos(float64(2*math.Pi*u2)))
}

// uniform is rng.Float64, kept from being inlined into arithmetic where Go
// could fuse its scaling by 2⁻⁵³ into a multiply-add (harmless, as that
// product is exact, but it would hide real fusions from the check in
// .ci/run).
//
//go:noinline
func uniform(rng *rand.Rand) float64 { return rng.Float64() }
