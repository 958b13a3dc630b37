package optim

import "math"

// LBFGS is limited-memory BFGS as torch.optim.LBFGS (torch 1.13) runs it:
// one Step is one optimizer.step(closure), which takes up to MaxIter inner
// iterations (and MaxEval evaluations) from the point, with a fixed step
// lr or, with StrongWolfe, torch's strong-Wolfe line search. A run's points
// are thus the points after each step() call, as torch's user sees them.
type LBFGS struct {
	LR                 float64
	MaxIter, MaxEval   int
	History            int
	TolGrad, TolChange float64
	StrongWolfe        bool
	Obj                Objective

	nIter       int
	d, prevGrad []float64
	t, hDiag    float64
	dirs, stps  [][]float64
	ro, al      []float64
}

var _ Stepper = (*LBFGS)(nil)

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

func (o *LBFGS) SetLR(lr float64) { o.LR = lr }

// eval returns f and ∇f at x + t·d.
func (o *LBFGS) eval(x []float64, t float64, d []float64) (float64, []float64) {
	p := axpy(x, t, d)
	g := make([]float64, len(x))
	o.Obj.Grad(g, p)
	return o.Obj.Func(p), g
}

// Step takes one optimizer.step().
func (o *LBFGS) Step(x, grad []float64) {
	loss := o.Obj.Func(x)
	g := append([]float64(nil), grad...)
	evals := 1
	if maxAbs(g) <= o.TolGrad {
		return
	}
	var prevLoss float64
	for n := 1; n <= o.MaxIter; n++ {
		o.nIter++
		if o.nIter == 1 {
			o.d = make([]float64, len(g))
			for i := range g {
				o.d[i] = -g[i]
			}
			o.dirs, o.stps, o.ro, o.hDiag = nil, nil, nil, 1
		} else {
			o.direction(g)
		}
		o.prevGrad = append(o.prevGrad[:0], g...)
		prevLoss = loss
		if o.nIter == 1 {
			s := 0.0
			for _, v := range g {
				s += math.Abs(v)
			}
			o.t = float64(math.Min(1, 1/s) * o.LR)
		} else {
			o.t = o.LR
		}
		gtd := dot(g, o.d)
		if gtd > -o.TolChange {
			break
		}
		lsEvals, optCond := 0, false
		if o.StrongWolfe {
			loss, g, o.t, lsEvals = o.strongWolfe(x, o.t, o.d, loss, g, gtd)
			copy(x, axpy(x, o.t, o.d))
			optCond = maxAbs(g) <= o.TolGrad
		} else {
			copy(x, axpy(x, o.t, o.d))
			if n != o.MaxIter {
				g = make([]float64, len(x))
				o.Obj.Grad(g, x)
				loss = o.Obj.Func(x)
				optCond = maxAbs(g) <= o.TolGrad
				lsEvals = 1
			}
		}
		evals += lsEvals
		if n == o.MaxIter || evals >= o.MaxEval || optCond {
			break
		}
		step := 0.0
		for _, v := range o.d {
			step = math.Max(step, math.Abs(float64(v*o.t)))
		}
		if step <= o.TolChange || math.Abs(loss-prevLoss) < o.TolChange {
			break
		}
	}
}

// direction updates the memory with the last step and gradient change and
// sets d to −H·g by the two-loop recursion.
func (o *LBFGS) direction(g []float64) {
	n := len(g)
	y, s := make([]float64, n), make([]float64, n)
	for i := range g {
		y[i] = g[i] - o.prevGrad[i]
		s[i] = float64(o.d[i] * o.t)
	}
	if ys := dot(y, s); ys > 1e-10 {
		if len(o.dirs) == o.History {
			o.dirs, o.stps, o.ro = o.dirs[1:], o.stps[1:], o.ro[1:]
		}
		o.dirs, o.stps, o.ro = append(o.dirs, y), append(o.stps, s), append(o.ro, 1/ys)
		o.hDiag = ys / dot(y, y)
	}
	if o.al == nil {
		o.al = make([]float64, o.History)
	}
	q := make([]float64, n)
	for i := range g {
		q[i] = -g[i]
	}
	for i := len(o.dirs) - 1; i >= 0; i-- {
		o.al[i] = float64(dot(o.stps[i], q) * o.ro[i])
		for j := range q {
			q[j] += float64(-o.al[i] * o.dirs[i][j])
		}
	}
	r := q
	for j := range r {
		r[j] = float64(r[j] * o.hDiag)
	}
	for i := range o.dirs {
		be := float64(dot(o.dirs[i], r) * o.ro[i])
		for j := range r {
			r[j] += float64((o.al[i] - be) * o.stps[i][j])
		}
	}
	o.d = r
}

// cubicInterpolate is torch's _cubic_interpolate: the minimiser of the
// cubic through (x1, f1, g1) and (x2, f2, g2), within the bounds.
func cubicInterpolate(x1, f1, g1, x2, f2, g2 float64, lo, hi float64, bounded bool) float64 {
	if !bounded {
		if x1 <= x2 {
			lo, hi = x1, x2
		} else {
			lo, hi = x2, x1
		}
	}
	d1 := g1 + g2 - float64(3*(f1-f2))/(x1-x2)
	d2sq := float64(d1*d1) - float64(g1*g2)
	if d2sq >= 0 {
		d2 := math.Sqrt(d2sq)
		var minPos float64
		if x1 <= x2 {
			minPos = x2 - float64((x2-x1)*((g2+d2-d1)/(g2-g1+float64(2*d2))))
		} else {
			minPos = x1 - float64((x1-x2)*((g1+d2-d1)/(g1-g2+float64(2*d2))))
		}
		return math.Min(math.Max(minPos, lo), hi)
	}
	return (lo + hi) / 2
}

// strongWolfe is torch's _strong_wolfe line search (c1 1e-4, c2 0.9, at
// most 25 evaluations): it returns the new loss, gradient, step and the
// evaluations it made.
func (o *LBFGS) strongWolfe(x []float64, t float64, d []float64, f float64, g []float64, gtd float64) (float64, []float64, float64, int) {
	const c1, c2, tolChange, maxLS = 1e-4, 0.9, 1e-9, 25
	dNorm := maxAbs(d)
	fNew, gNew := o.eval(x, t, d)
	evals := 1
	gtdNew := dot(gNew, d)
	tPrev, fPrev, gPrev, gtdPrev := 0.0, f, g, gtd
	done := false
	var br, brF, brGtd []float64
	var brG [][]float64
	lsIter := 0
	for lsIter < maxLS {
		if fNew > f+float64(float64(c1*t)*gtd) || (lsIter > 1 && fNew >= fPrev) {
			br, brF, brG, brGtd = []float64{tPrev, t}, []float64{fPrev, fNew}, [][]float64{gPrev, gNew}, []float64{gtdPrev, gtdNew}
			break
		}
		if math.Abs(gtdNew) <= float64(-c2*gtd) {
			br, brF, brG, done = []float64{t}, []float64{fNew}, [][]float64{gNew}, true
			break
		}
		if gtdNew >= 0 {
			br, brF, brG, brGtd = []float64{tPrev, t}, []float64{fPrev, fNew}, [][]float64{gPrev, gNew}, []float64{gtdPrev, gtdNew}
			break
		}
		minStep := t + float64(0.01*(t-tPrev))
		maxStep := float64(t * 10)
		tmp := t
		t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep, true)
		tPrev, fPrev, gPrev, gtdPrev = tmp, fNew, gNew, gtdNew
		fNew, gNew = o.eval(x, t, d)
		evals++
		gtdNew = dot(gNew, d)
		lsIter++
	}
	if lsIter == maxLS {
		br, brF, brG = []float64{0, t}, []float64{f, fNew}, [][]float64{g, gNew}
	}
	insufProgress := false
	low, high := 1, 0
	if brF[0] <= brF[len(brF)-1] {
		low, high = 0, 1
	}
	for !done && lsIter < maxLS {
		if float64(math.Abs(br[1]-br[0])*dNorm) < tolChange {
			break
		}
		t = cubicInterpolate(br[0], brF[0], brGtd[0], br[1], brF[1], brGtd[1], 0, 0, false)
		bmax, bmin := math.Max(br[0], br[1]), math.Min(br[0], br[1])
		eps := float64(0.1 * (bmax - bmin))
		if math.Min(bmax-t, t-bmin) < eps {
			if insufProgress || t >= bmax || t <= bmin {
				if math.Abs(t-bmax) < math.Abs(t-bmin) {
					t = bmax - eps
				} else {
					t = bmin + eps
				}
				insufProgress = false
			} else {
				insufProgress = true
			}
		} else {
			insufProgress = false
		}
		fNew, gNew = o.eval(x, t, d)
		evals++
		gtdNew = dot(gNew, d)
		lsIter++
		if fNew > f+float64(float64(c1*t)*gtd) || fNew >= brF[low] {
			br[high], brF[high], brG[high], brGtd[high] = t, fNew, gNew, gtdNew
			low, high = 1, 0
			if brF[0] <= brF[1] {
				low, high = 0, 1
			}
		} else {
			if math.Abs(gtdNew) <= float64(-c2*gtd) {
				done = true
			} else if float64(gtdNew*(br[high]-br[low])) >= 0 {
				br[high], brF[high], brG[high], brGtd[high] = br[low], brF[low], brG[low], brGtd[low]
			}
			br[low], brF[low], brG[low], brGtd[low] = t, fNew, gNew, gtdNew
		}
	}
	return brF[low], brG[low], br[low], evals
}
