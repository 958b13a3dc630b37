package optim_test

import (
	"fmt"

	"descent/optim"
)

// An expression has exact derivatives: -x^2 is −(x²), so at x = 3 the
// gradient is −6 and the curvature −2.
func ExampleParseExpr() {
	f, err := optim.ParseExpr("-x^2 + 3*y")
	if err != nil {
		fmt.Println(err)
		return
	}
	grad := make([]float64, 2)
	f.Grad(grad, []float64{3, 1})
	fmt.Println(f.Dim(), f.Func([]float64{3, 1}), grad)
	// Output: 2 -6 [-6 3]
}

// Errors point at the column and say what was expected.
func ExampleParseExpr_error() {
	_, err := optim.ParseExpr("2x + y")
	fmt.Println(err)
	// Output: col 2: unexpected 'x'; expected an operator (+ - * / ^) or the end
}

// Run takes exactly the steps asked for, unless the run diverges.
func ExampleRun() {
	f, _ := optim.Lookup("rosenbrock", nil)
	gd, _ := optim.LookupMethod("gd")
	for _, lr := range []float64{0.001, 0.01} {
		settings, _ := gd.Resolve(map[string]float64{"lr": lr})
		t := optim.Run(f, gd.New(settings, f), []float64{-0.5, 1.5}, 100, nil)
		last := t.Points[len(t.Points)-1]
		fmt.Printf("lr %g: %d points, stopped at %d, last (%.6g, %.6g)\n", lr, len(t.Points), t.StoppedAt, last[0], last[1])
	}
	// Output:
	// lr 0.001: 101 points, stopped at -1, last (-0.951129, 0.912682)
	// lr 0.01: 6 points, stopped at 6, last (-2.16286e+63, 1.32742e+42)
}

// Himmelblau's function has four minima, four saddles and a maximum.
func ExampleCriticalPoints() {
	f, _ := optim.Lookup("himmelblau", nil)
	kinds := map[string]int{}
	for _, c := range optim.CriticalPoints(f, f.Domain, optim.CriticalGrid, f.Minima) {
		kinds[c.Kind]++
	}
	fmt.Println(kinds)
	// Output: map[maximum:1 minimum:4 saddle:4]
}
