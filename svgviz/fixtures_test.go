package svgviz

import (
	"math"
	"sort"
)

// Test figures: functions sampled here, and trajectories computed here with
// exact gradients, so the golden files depend on nothing outside the package.

type fn2 struct {
	f    func(x, y float64) float64
	grad func(x, y float64) (float64, float64)
}

var himmelblau = fn2{
	f: func(x, y float64) float64 {
		a, b := x*x+y-11, x+y*y-7
		return a*a + b*b
	},
	grad: func(x, y float64) (float64, float64) {
		a, b := x*x+y-11, x+y*y-7
		return 4*x*a + 2*b, 2*a + 4*y*b
	},
}

var rosenbrock = fn2{
	f: func(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) },
	grad: func(x, y float64) (float64, float64) {
		return -2*(1-x) - 400*x*(y-x*x), 200 * (y - x*x)
	},
}

var saddle = fn2{
	f:    func(x, y float64) float64 { return x*x - y*y },
	grad: func(x, y float64) (float64, float64) { return 2 * x, -2 * y },
}

var rastrigin = fn2{
	f: func(x, y float64) float64 {
		return 20 + x*x - 10*math.Cos(2*math.Pi*x) + y*y - 10*math.Cos(2*math.Pi*y)
	},
	grad: func(x, y float64) (float64, float64) {
		return 2*x + 20*math.Pi*math.Sin(2*math.Pi*x), 2*y + 20*math.Pi*math.Sin(2*math.Pi*y)
	},
}

// descend runs heavy-ball gradient descent (momentum 0 is plain descent) for
// steps steps, stopping as a diverged run at the first non-finite point or
// loss.
func descend(fn fn2, label string, color int, x, y, lr, momentum float64, steps int) Run {
	r := Run{Label: label, Color: color}
	var vx, vy float64
	for k := 0; k <= steps; k++ {
		loss := fn.f(x, y)
		if !isFinite(x) || !isFinite(y) || !isFinite(loss) {
			r.Diverged, r.StoppedAt = true, k
			break
		}
		r.Points = append(r.Points, []float64{x, y})
		r.Loss = append(r.Loss, loss)
		gx, gy := fn.grad(x, y)
		vx, vy = momentum*vx+gx, momentum*vy+gy
		x, y = x-lr*vx, y-lr*vy
	}
	return r
}

func seedLandscape() Landscape {
	g := sample(Domain{-6, 6, -6, 6}, 400, 400, himmelblau.f)
	return Landscape{
		ID:     "himmelblau",
		Title:  "Gradient descent on Himmelblau's function",
		Grid:   g,
		Levels: Levels{Scale: "auto", Count: 50},
		Runs: []Run{
			descend(himmelblau, "gd, lr=0.01, from (0, 0)", 0, 0, 0, 0.01, 0, 200),
			descend(himmelblau, "gd, lr=0.01, from (−1, 4.5)", 1, -1, 4.5, 0.01, 0, 200),
			descend(himmelblau, "gd, lr=0.01, from (−1.5, −4)", 2, -1.5, -4, 0.01, 0, 200),
			descend(himmelblau, "momentum 0.9, lr=0.002", 3, 1, -5.5, 0.002, 0.9, 200),
		},
		Critical: []Critical{
			{3, 2, 0, "minimum"},
			{-2.805118, 3.131312, 0, "minimum"},
			{-3.779310, -3.283186, 0, "minimum"},
			{3.584428, -1.848126, 0, "minimum"},
			{-0.270845, -0.923039, 181.617, "maximum"},
			{0.086678, 2.884255, 64.81, "saddle"},
			{-3.073026, -0.081353, 104.02, "saddle"},
			{3.385154, 0.073852, 13.31, "saddle"},
			{-0.127961, -1.953715, 178.34, "saddle"},
		},
	}
}

func rosenbrockLandscape() Landscape {
	return Landscape{
		ID:     "rosenbrock",
		Title:  "Momentum in the Rosenbrock valley",
		Grid:   sample(Domain{-2, 2, -1, 3}, 400, 400, rosenbrock.f),
		Levels: Levels{Scale: "log", Count: 30},
		Runs: []Run{
			descend(rosenbrock, "gd, lr=0.001", 0, -1.5, 2.5, 0.001, 0, 200),
			descend(rosenbrock, "momentum 0.9, lr=0.001", 1, -1.5, 2.5, 0.001, 0.9, 200),
		},
		Critical: []Critical{{1, 1, 0, "minimum"}},
	}
}

func saddleLandscape() Landscape {
	return Landscape{
		ID:    "saddle",
		Title: "A saddle, x² − y²",
		Grid:  sample(Domain{-2, 2, -2, 2}, 200, 200, saddle.f),
		Runs: []Run{
			descend(saddle, "gd, lr=0.1", 0, -1.8, 0.01, 0.1, 0, 20),
			descend(saddle, "gd, lr=0.1, off axis", 1, -1.8, -0.3, 0.1, 0, 20),
		},
		Critical: []Critical{{0, 0, 0, "saddle"}},
	}
}

func rastriginLandscape() Landscape {
	return Landscape{
		ID:     "rastrigin",
		Title:  "Rastrigin",
		Grid:   sample(Domain{-5.12, 5.12, -5.12, 5.12}, 160, 160, rastrigin.f),
		Levels: Levels{Count: 8},
		Runs: []Run{
			descend(rastrigin, "gd, lr=0.002", 0, -4.2, 3.7, 0.002, 0, 100),
			descend(rastrigin, "momentum 0.9, lr=0.001", 1, 3.4, -2.3, 0.001, 0.9, 100),
		},
		Critical: []Critical{{0, 0, 0, "minimum"}},
	}
}

// divergedLandscape has a run whose step is too large for Himmelblau.
func divergedLandscape() Landscape {
	return Landscape{
		ID:   "diverged",
		Grid: sample(Domain{-6, 6, -6, 6}, 120, 120, himmelblau.f),
		Runs: []Run{
			descend(himmelblau, "gd, lr=0.01", 0, 0, 0, 0.01, 0, 60),
			descend(himmelblau, "gd, lr=0.05", 1, 4, 4, 0.05, 0, 60),
		},
	}
}

// undefinedLandscape is log(x) + y², undefined for x ≤ 0 and around a hole.
func undefinedLandscape() Landscape {
	f := func(x, y float64) float64 {
		if math.Hypot(x-2, y-1) < 0.6 {
			return math.Inf(1)
		}
		return math.Log(x) + y*y
	}
	return Landscape{
		ID:    "undefined",
		Title: "log x + y², undefined where x ≤ 0",
		Grid:  sample(Domain{-1, 3, -2, 2}, 120, 120, f),
	}
}

// wiggle is sin 5x + x²/2 on [−3, 3], with gradient descent from two starts.
func wiggleCurve() Curve {
	f := func(x float64) float64 { return math.Sin(5*x) + x*x/2 }
	df := func(x float64) float64 { return 5*math.Cos(5*x) + x }
	c := Curve{ID: "wiggle", Title: "sin 5x + x²/2"}
	for k := range 601 {
		x := -3 + float64(k)*0.01
		c.Xs, c.Ys = append(c.Xs, x), append(c.Ys, f(x))
	}
	for i, start := range []float64{-2.6, 1.2} {
		r := Run{Label: []string{"gd, lr=0.02", "gd, lr=0.15"}[i], Color: i}
		lr := []float64{0.02, 0.15}[i]
		x := start
		for range 40 {
			r.Points, r.Loss = append(r.Points, []float64{x}), append(r.Loss, f(x))
			x -= lr * df(x)
		}
		c.Runs = append(c.Runs, r)
	}
	c.Critical = []Critical{{X: -0.3019, Value: math.Sin(5*-0.3019) + 0.3019*0.3019/2, Kind: "minimum"}}
	return c
}

// lossesCurve is the squared error with the absolute error and Huber's loss
// (δ = 1) on the same axes, as the seed's loss-function lesson plots them,
// with a gradient-descent run on the first when run is set.
func lossesCurve(run bool) Curve {
	c := Curve{ID: "losses", Title: "Three losses of one residual", Label: "x²"}
	if !run {
		c.ID, c.Title = "curves-only", "Losses without runs"
	}
	var abs, huber Series
	abs.Label, huber.Label = "MAE", "Huber"
	for k := range 301 {
		x := -3 + float64(k)*0.02
		c.Xs, c.Ys = append(c.Xs, x), append(c.Ys, x*x)
		abs.Ys = append(abs.Ys, math.Abs(x))
		h := x * x / 2
		if math.Abs(x) > 1 {
			h = math.Abs(x) - 0.5
		}
		huber.Ys = append(huber.Ys, h)
	}
	c.Extra = []Series{abs, huber}
	if run {
		r := Run{Label: "gd, lr=0.1"}
		for x, k := 2.5, 0; k < 30; k++ {
			r.Points, r.Loss = append(r.Points, []float64{x}), append(r.Loss, x*x)
			x -= 0.1 * 2 * x
		}
		c.Runs = []Run{r}
	}
	c.Critical = []Critical{{X: 0, Value: 0, Kind: "minimum"}}
	return c
}

func lossPlot() LossPlot {
	l := seedLandscape()
	d := divergedLandscape()
	div := d.Runs[1]
	div.Color = 2
	return LossPlot{ID: "loss", Title: "Loss per step", Runs: append(l.Runs[:2:2], div)}
}

// searchLandscape is Himmelblau with seed 003's grid search and a
// Nelder–Mead run: the probe squares and the simplices under the trails.
func searchLandscape() Landscape {
	l := seedLandscape()
	l.ID, l.Title = "search", "Grid search and Nelder–Mead"
	f := func(x, y float64) float64 { return math.Pow(x*x+y-11, 2) + math.Pow(x+y*y-7, 2) }
	grid := Run{Label: "grid-search", Color: 0}
	x, y, r := -4.0, -4.0, 5.0
	for range 10 {
		grid.Points, grid.Loss, grid.Radius = append(grid.Points, []float64{x, y}), append(grid.Loss, f(x, y)), append(grid.Radius, r)
		bx, by, bf := x, y, math.Inf(1)
		for j := range 5 {
			for i := range 5 {
				px, py := x-r+float64(i)*r/2, y-r+float64(j)*r/2
				if v := f(px, py); v < bf {
					bx, by, bf = px, py, v
				}
			}
		}
		x, y, r = bx, by, r/2
	}
	nm := Run{Label: "nelder-mead", Color: 1}
	s := [][]float64{{2, -4}, {2.6, -4}, {2, -3.4}}
	for range 12 {
		sort.Slice(s, func(a, b int) bool { return f(s[a][0], s[a][1]) < f(s[b][0], s[b][1]) })
		nm.Points, nm.Loss = append(nm.Points, s[0]), append(nm.Loss, f(s[0][0], s[0][1]))
		nm.Simplex = append(nm.Simplex, [][]float64{s[0], s[1], s[2]})
		c := []float64{(s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2}
		s = [][]float64{s[0], s[1], {2*c[0] - s[2][0], 2*c[1] - s[2][1]}}
		if f(s[2][0], s[2][1]) > nm.Loss[len(nm.Loss)-1]+50 { // shrink instead
			s[1] = []float64{(s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2}
			s[2] = []float64{(s[0][0] + c[0]) / 2, (s[0][1] + c[1]) / 2}
		}
	}
	l.Runs = []Run{grid, nm}
	return l
}
