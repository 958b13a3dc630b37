package optim

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"descent/diag"
)

// Domain is the rectangle [X[0], X[1]] × [Y[0], Y[1]]; Y is unused in 1-D.
type Domain struct {
	X, Y [2]float64
}

// Minimum is a known minimizer from the published tables, given to the
// precision the tables give (Tol).
type Minimum struct {
	X   []float64
	F   float64
	Tol float64
}

// Param is a catalog parameter with its default.
type Param struct {
	Name    string
	Default float64
}

// Function is a catalog function with its parameters in force.
type Function struct {
	*Expr
	Name    string
	Params  map[string]float64 // every parameter, defaults included
	TeX     string             // the formula, for captions
	Domain  Domain             // a sensible default domain
	Minima  []Minimum          // known global (and listed local) minima
	Formula string             // the formula as an expression in our syntax
}

// entry is one row of the catalog. Formulas are expressions in our own
// syntax with the parameters as named constants, so every catalog function
// gets exact gradients and Hessians from the same jets as author formulas.
type entry struct {
	name    string
	formula string
	params  []Param
	tex     string
	domain  Domain
	minima  func(p map[string]float64) []Minimum
	source  string // where the definition and minima come from
}

func sq(lo, hi float64) Domain { return Domain{X: [2]float64{lo, hi}, Y: [2]float64{lo, hi}} }

func at(f float64, tol float64, x ...float64) Minimum { return Minimum{X: x, F: f, Tol: tol} }

func fixed(m ...Minimum) func(map[string]float64) []Minimum {
	return func(map[string]float64) []Minimum { return m }
}

// catalog lists SPEC §3. Definitions and minima follow Jamil & Yang, "A
// literature survey of benchmark functions for global optimization problems"
// (2013), the Virtual Library of Simulation Experiments (Surjanovic & Bingham),
// and Himmelblau (1972) for Himmelblau's function.
var catalog = []entry{
	{name: "quadratic", formula: "x^2 + y^2", tex: `x^2 + y^2`, domain: sq(-2, 2),
		minima: fixed(at(0, 0, 0, 0))},
	{name: "saddle", formula: "x^2 - y^2", tex: `x^2 - y^2`, domain: sq(-2, 2),
		minima: fixed()},
	{name: "monkey-saddle", formula: "x^3 - 3*x*y^2", tex: `x^3 - 3xy^2`, domain: sq(-2, 2),
		minima: fixed()},
	{name: "rosenbrock", formula: "(a - x)^2 + b*(y - x^2)^2",
		params: []Param{{"a", 1}, {"b", 100}}, tex: `(a - x)^2 + b\,(y - x^2)^2`,
		domain: Domain{X: [2]float64{-2, 2}, Y: [2]float64{-1, 3}},
		minima: func(p map[string]float64) []Minimum { return []Minimum{at(0, 0, p["a"], p["a"]*p["a"])} }},
	{name: "himmelblau", formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
		tex: `(x^2 + y - 11)^2 + (x + y^2 - 7)^2`, domain: sq(-5, 5),
		minima: fixed(at(0, 0, 3, 2), at(0, 1e-6, -2.805118, 3.131312),
			at(0, 1e-6, -3.779310, -3.283186), at(0, 1e-6, 3.584428, -1.848126))},
	{name: "beale", formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
		tex: `(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2`, domain: sq(-4.5, 4.5),
		minima: fixed(at(0, 0, 3, 0.5))},
	{name: "booth", formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
		tex: `(x + 2y - 7)^2 + (2x + y - 5)^2`, domain: sq(-10, 10),
		minima: fixed(at(0, 0, 1, 3))},
	{name: "matyas", formula: "0.26*(x^2 + y^2) - 0.48*x*y",
		tex: `0.26\,(x^2 + y^2) - 0.48\,xy`, domain: sq(-10, 10),
		minima: fixed(at(0, 0, 0, 0))},
	{name: "goldstein-price",
		formula: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2)) * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
		tex:     `\left[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\right] \left[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\right]`,
		domain:  sq(-2, 2), minima: fixed(at(3, 0, 0, -1))},
	{name: "rastrigin", formula: "2*A + (x^2 - A*cos(2*pi*x)) + (y^2 - A*cos(2*pi*y))",
		params: []Param{{"A", 10}}, tex: `2A + \sum_{i=1}^{2} \left(x_i^2 - A\cos(2\pi x_i)\right)`,
		domain: sq(-5.12, 5.12), minima: fixed(at(0, 0, 0, 0))},
	{name: "ackley", formula: "-a*exp(-b*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(c*x) + cos(c*y))) + a + e",
		params: []Param{{"a", 20}, {"b", 0.2}, {"c", 2 * math.Pi}},
		tex:    `-a\,e^{-b\sqrt{(x^2 + y^2)/2}} - e^{(\cos cx + \cos cy)/2} + a + e`,
		domain: sq(-5, 5), minima: fixed(at(0, 1e-12, 0, 0))},
	{name: "three-hump-camel", formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
		tex: `2x^2 - 1.05x^4 + \frac{x^6}{6} + xy + y^2`, domain: sq(-2, 2),
		minima: fixed(at(0, 0, 0, 0))},
	{name: "six-hump-camel", formula: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
		tex:    `\left(4 - 2.1x^2 + \frac{x^4}{3}\right)x^2 + xy + (-4 + 4y^2)\,y^2`,
		domain: Domain{X: [2]float64{-3, 3}, Y: [2]float64{-2, 2}},
		minima: fixed(at(-1.0316, 1e-4, 0.0898, -0.7126), at(-1.0316, 1e-4, -0.0898, 0.7126))},
	{name: "styblinski-tang", formula: "0.5*((x^4 - 16*x^2 + 5*x) + (y^4 - 16*y^2 + 5*y))",
		tex: `\frac{1}{2}\sum_{i=1}^{2} \left(x_i^4 - 16x_i^2 + 5x_i\right)`, domain: sq(-5, 5),
		minima: fixed(at(-78.33198, 1e-5, -2.903534, -2.903534))},
	{name: "levi", formula: "sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)",
		tex:    `\sin^2 3\pi x + (x - 1)^2 (1 + \sin^2 3\pi y) + (y - 1)^2 (1 + \sin^2 2\pi y)`,
		domain: sq(-2, 4), minima: fixed(at(0, 0, 1, 1))},
	{name: "mccormick", formula: "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1",
		tex:    `\sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1`,
		domain: Domain{X: [2]float64{-1.5, 4}, Y: [2]float64{-3, 4}},
		minima: fixed(at(-1.9133, 1e-4, -0.54719, -1.54719))},
	{name: "easom", formula: "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))",
		tex:    `-\cos x \cos y\, e^{-(x - \pi)^2 - (y - \pi)^2}`,
		domain: sq(0, 6), minima: fixed(at(-1, 0, math.Pi, math.Pi))},
	{name: "plateau", formula: "0.01*(x^2 + y^2) + tanh(x) + tanh(y)",
		tex: `0.01\,(x^2 + y^2) + \tanh x + \tanh y`, domain: sq(-5, 5), minima: fixed()},
	{name: "sine-bowl", formula: "sin(x)*sin(y) + 0.1*(x^2 + y^2)",
		tex: `\sin x \sin y + 0.1\,(x^2 + y^2)`, domain: sq(-5, 5), minima: fixed()},
	{name: "wiggle", formula: "sin(5*x) + 0.5*x^2",
		tex: `\sin 5x + \frac{1}{2}x^2`, domain: Domain{X: [2]float64{-3, 3}}, minima: fixed()},
}

// CatalogNames lists the catalog's function names in order.
func CatalogNames() []string {
	names := make([]string, len(catalog))
	for i, e := range catalog {
		names[i] = e.name
	}
	return names
}

// CatalogParams lists a catalog function's parameters; ok is false for an unknown name.
func CatalogParams(name string) (params []Param, ok bool) {
	for _, e := range catalog {
		if e.name == name {
			return slices.Clone(e.params), true
		}
	}
	return nil, false
}

// Lookup returns the catalog function name with params overriding its
// defaults. An unknown name or parameter is an error that lists the valid ones.
func Lookup(name string, params map[string]float64) (*Function, error) {
	i := slices.IndexFunc(catalog, func(e entry) bool { return e.name == name })
	if i < 0 {
		return nil, fmt.Errorf("unknown function %q%s; the catalog has %s, or write an expression in x and y", name, diag.Suggest(name, CatalogNames(), nil), strings.Join(CatalogNames(), ", "))
	}
	e := catalog[i]
	p := make(map[string]float64, len(e.params))
	for _, d := range e.params {
		p[d.Name] = d.Default
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := p[k]; !ok {
			if len(e.params) == 0 {
				return nil, fmt.Errorf("%s takes no parameters, but %q was given", name, k)
			}
			var names []string
			for _, d := range e.params {
				names = append(names, d.Name)
			}
			return nil, fmt.Errorf("%s has no parameter %q; its parameters are %s", name, k, strings.Join(names, ", "))
		}
		if v := params[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s parameter %q must be a finite number", name, k)
		}
		p[k] = params[k]
	}
	expr, err := parseExpr(e.formula, p)
	if err != nil {
		panic("optim: catalog formula " + name + ": " + err.Error())
	}
	return &Function{Expr: expr, Name: name, Params: p, TeX: e.tex, Domain: e.domain,
		Minima: e.minima(p), Formula: e.formula}, nil
}
