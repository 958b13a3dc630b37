package lesson

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"descent/optim"
	"descent/svgviz"

	"gopkg.in/yaml.v3"
)

// Limits that keep one figure from exhausting a build; generous for real
// lessons (README: Limits).
const (
	maxSteps      = 5000
	maxRuns       = 24
	maxLevels     = 200
	maxStartsRuns = 24
)

// figureSpec is a checked landscape directive (SPEC §2).
type figureSpec struct {
	Title    string
	Function string // as the author wrote it, for display
	Obj      optim.Objective
	Catalog  *optim.Function // nil for expressions and the regression
	Regress  *optim.LinearRegression
	Seed     uint64 // the regression's seed, for mini-batch shuffles
	Dim      int
	Domain   optim.Domain
	Starts   [][]float64
	Steps    int
	Runs     []runSpec
	Levels   svgviz.Levels

	startGiven bool // start: was written, even if wrongly
}

// runSpec is one entry of runs:, before sweeps and starts expand it.
type runSpec struct {
	Method *optim.Method
	Given  map[string]float64 // settings the author wrote, scalars
	Sweep  string             // the list-valued setting, or ""
	Values []float64          // its values
	Label  string
	Starts [][]float64 // nil: the figure's
	Steps  int         // 0: the figure's
	Batch  int         // 0: full batch
}

var bareWordRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$`)

var figureKeys = []string{"title", "function", "params", "domain", "start", "steps", "runs", "contours"}

// decodeFigure checks a directive's YAML. base is the file line before the
// block's first line of YAML.
func decodeFigure(src []byte, base int, l *errorList) (*figureSpec, bool) {
	before := len(l.errs)
	root, ok := parseYAML(src, base, l)
	if !ok {
		return nil, false
	}
	pairs, ok := mapping(root, base, "", l)
	if !ok {
		return nil, false
	}
	s := &figureSpec{Steps: 100, Levels: svgviz.Levels{Scale: "auto"}}
	byKey := map[string]pair{}
	for _, p := range pairs {
		if !slices.Contains(figureKeys, p.key) {
			l.add(base+p.line, p.key, "unknown key; a landscape block takes %s", strings.Join(figureKeys, ", "))
			continue
		}
		byKey[p.key] = p
	}
	errAt := func(p pair, key string, err error) {
		if err != nil {
			l.add(base+p.line, key, "%v", err)
		}
	}
	if p, ok := byKey["title"]; ok {
		var err error
		s.Title, err = scalarText(p.val)
		errAt(p, "title", err)
	}
	fn, ok := byKey["function"]
	if !ok {
		l.add(base+root.Line, "function", "missing; name a catalog function (function: rosenbrock) or write an expression (function: \"x^2 + 3*y^2\")")
		return nil, false
	}
	var params map[string]float64
	if p, ok := byKey["params"]; ok {
		params = decodeParams(p, base, l)
	}
	if !s.decodeFunction(fn, params, byKey["params"], base, l) {
		return nil, false
	}
	if p, ok := byKey["domain"]; ok {
		s.decodeDomain(p, base, l)
	}
	if p, ok := byKey["steps"]; ok {
		s.Steps = decodeSteps(p, base, "steps", l)
	}
	if p, ok := byKey["start"]; ok {
		s.startGiven = true
		s.Starts = decodeStarts(p.val, s.Dim, base, p.line, "start", l)
	}
	if p, ok := byKey["contours"]; ok {
		s.decodeContours(p, base, l)
	}
	p, ok := byKey["runs"]
	if !ok {
		l.add(base+root.Line, "runs", "missing; list at least one run, such as runs: [{optimizer: gd, lr: 0.01}]")
		return nil, false
	}
	s.decodeRuns(p, base, l)
	if len(l.errs) != before {
		return nil, false
	}
	total := 0
	for _, r := range s.Runs {
		n := max(1, len(r.Values))
		if r.Starts != nil {
			n *= len(r.Starts)
		} else {
			n *= len(s.Starts)
		}
		total += n
	}
	if total > maxRuns {
		l.add(base+p.line, "runs", "these runs expand to %d trajectories (starts × sweeps); a figure holds at most %d", total, maxRuns)
		return nil, false
	}
	return s, true
}

func decodeParams(p pair, base int, l *errorList) map[string]float64 {
	pairs, ok := mapping(p.val, base, "params", l)
	if !ok {
		return nil
	}
	out := map[string]float64{}
	for _, q := range pairs {
		v, err := number(q.val)
		if err != nil {
			l.add(base+q.line, "params."+q.key, "%v", err)
			continue
		}
		out[q.key] = v
	}
	return out
}

func (s *figureSpec) decodeFunction(fn pair, params map[string]float64, pp pair, base int, l *errorList) bool {
	v := resolve(fn.val)
	if v.Kind == yaml.MappingNode {
		return s.decodeRegression(fn, params, base, l)
	}
	name, err := scalarText(v)
	if err != nil {
		l.add(base+fn.line, "function", "%v", err)
		return false
	}
	s.Function = name
	if _, isCatalog := optim.CatalogParams(name); isCatalog {
		f, err := optim.Lookup(name, params)
		if err != nil {
			l.add(base+pp.line, "params", "%v", err)
			return false
		}
		s.Catalog, s.Obj, s.Dim, s.Domain = f, f, f.Dim(), f.Domain
		return true
	}
	e, err := optim.ParseExpr(name)
	if err != nil {
		if bareWordRE.MatchString(name) {
			_, err = optim.Lookup(name, nil) // "rosenbrok" is a misspelt name, not a bad formula
		}
		l.add(base+fn.line, "function", "%v", err)
		return false
	}
	if params != nil {
		l.add(base+pp.line, "params", "only catalog functions take params; write the numbers into the expression")
		return false
	}
	s.Obj, s.Dim = e, e.Dim()
	s.Domain = optim.Domain{X: [2]float64{-3, 3}, Y: [2]float64{-3, 3}}
	return true
}

func (s *figureSpec) decodeRegression(fn pair, params map[string]float64, base int, l *errorList) bool {
	pairs, ok := mapping(fn.val, base, "function", l)
	if !ok {
		return false
	}
	if len(pairs) != 1 || pairs[0].key != "linear-regression" {
		l.add(base+fn.line, "function", "the only function written as a mapping is {linear-regression: {n: 200, seed: 42, intercept: 4, slope: 3, noise: 1}}")
		return false
	}
	spec := optim.LinearRegressionSpec{N: 100, Seed: 42, Intercept: 4, Slope: 3, Noise: 1}
	inner := pairs[0]
	if resolve(inner.val).Tag != "!!null" {
		settings, ok := mapping(inner.val, base, "function.linear-regression", l)
		if !ok {
			return false
		}
		for _, q := range settings {
			key := "function.linear-regression." + q.key
			var err error
			switch q.key {
			case "n":
				spec.N, err = integer(q.val)
			case "seed":
				var seed int
				seed, err = integer(q.val)
				if err == nil && seed < 0 {
					err = fmt.Errorf("must not be negative")
				}
				spec.Seed = uint64(seed)
			case "intercept":
				spec.Intercept, err = number(q.val)
			case "slope":
				spec.Slope, err = number(q.val)
			case "noise":
				spec.Noise, err = number(q.val)
			default:
				err = fmt.Errorf("unknown key; linear-regression takes n, seed, intercept, slope and noise")
			}
			if err != nil {
				l.add(base+q.line, key, "%v", err)
				return false
			}
		}
	}
	if params != nil {
		l.add(base+fn.line, "params", "linear-regression takes its settings inside function:, not params")
		return false
	}
	r, err := optim.NewLinearRegression(spec)
	if err != nil {
		l.add(base+inner.line, "function.linear-regression.n", "%v", err)
		return false
	}
	s.Function, s.Regress, s.Obj, s.Dim, s.Seed = "linear-regression", r, r, 2, spec.Seed
	pad := max(2, 2*spec.Noise)
	s.Domain = optim.Domain{X: [2]float64{spec.Intercept - 2*pad, spec.Intercept + 2*pad}, Y: [2]float64{spec.Slope - 2*pad, spec.Slope + 2*pad}}
	return true
}

func (s *figureSpec) decodeDomain(p pair, base int, l *errorList) {
	pairs, ok := mapping(p.val, base, "domain", l)
	if !ok {
		return
	}
	for _, q := range pairs {
		key := "domain." + q.key
		var dst *[2]float64
		switch {
		case q.key == "x":
			dst = &s.Domain.X
		case q.key == "y" && s.Dim == 2:
			dst = &s.Domain.Y
		case q.key == "y":
			l.add(base+q.line, key, "this function has one variable; its domain is {x: [a, b]}")
			continue
		default:
			l.add(base+q.line, key, "unknown key; domain takes x and y, such as {x: [-2, 2], y: [-1, 3]}")
			continue
		}
		v := resolve(q.val)
		if v.Kind != yaml.SequenceNode || len(v.Content) != 2 {
			l.add(base+q.line, key, "expected an interval [low, high], found %s", describe(v))
			continue
		}
		lo, err1 := number(v.Content[0])
		hi, err2 := number(v.Content[1])
		switch {
		case err1 != nil || err2 != nil:
			l.add(base+q.line, key, "expected an interval of two numbers [low, high]")
		case lo >= hi:
			l.add(base+q.line, key, "the interval [%v, %v] is empty or inverted; write the lower bound first", lo, hi)
		default:
			*dst = [2]float64{lo, hi}
		}
	}
}

func decodeSteps(p pair, base int, key string, l *errorList) int {
	n, err := integer(p.val)
	switch {
	case err != nil:
		l.add(base+p.line, key, "%v", err)
	case n < 1:
		l.add(base+p.line, key, "must be at least 1, not %d", n)
	case n > maxSteps:
		l.add(base+p.line, key, "%d steps is more than the limit of %d", n, maxSteps)
	default:
		return n
	}
	return 1
}

// decodeStarts reads one point or a list of points of dimension dim.
func decodeStarts(n *yaml.Node, dim int, base, line int, key string, l *errorList) [][]float64 {
	n = resolve(n)
	example := "[-1.5, 2.5] or a list of points [[-1.5, 2.5], [1, -0.5]]"
	if dim == 1 {
		example = "-1.5 or a list of numbers [-2, 0.5, 2]"
	}
	bad := func() [][]float64 {
		l.add(base+line, key, "expected a point such as %s, found %s", example, describe(n))
		return nil
	}
	if dim == 1 {
		if isNumber(n) {
			v, err := number(n)
			if err != nil {
				return bad()
			}
			return [][]float64{{v}}
		}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			return bad()
		}
		var out [][]float64
		for _, c := range n.Content {
			v, err := number(c)
			if err != nil {
				return bad()
			}
			out = append(out, []float64{v})
		}
		return out
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return bad()
	}
	if isNumber(resolve(n.Content[0])) {
		if len(n.Content) != 2 {
			l.add(base+line, key, "a point here has 2 coordinates [x, y], not %d", len(n.Content))
			return nil
		}
		x, err1 := number(n.Content[0])
		y, err2 := number(n.Content[1])
		if err1 != nil || err2 != nil {
			return bad()
		}
		return [][]float64{{x, y}}
	}
	var out [][]float64
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.SequenceNode || len(c.Content) != 2 {
			l.add(base+c.Line, key, "each start is a point [x, y], found %s", describe(c))
			return nil
		}
		x, err1 := number(c.Content[0])
		y, err2 := number(c.Content[1])
		if err1 != nil || err2 != nil {
			return bad()
		}
		out = append(out, []float64{x, y})
	}
	return out
}

func (s *figureSpec) decodeContours(p pair, base int, l *errorList) {
	pairs, ok := mapping(p.val, base, "contours", l)
	if !ok {
		return
	}
	for _, q := range pairs {
		key := "contours." + q.key
		switch q.key {
		case "levels":
			v := resolve(q.val)
			if v.Kind == yaml.SequenceNode {
				if len(v.Content) == 0 || len(v.Content) > maxLevels {
					l.add(base+q.line, key, "list between 1 and %d levels", maxLevels)
					continue
				}
				for _, c := range v.Content {
					x, err := number(c)
					if err != nil {
						l.add(base+q.line, key, "%v", err)
						break
					}
					s.Levels.Values = append(s.Levels.Values, x)
				}
				if !slices.IsSorted(s.Levels.Values) {
					l.add(base+q.line, key, "list the levels in increasing order")
				}
				continue
			}
			n, err := integer(v)
			switch {
			case err != nil:
				l.add(base+q.line, key, "expected a count such as 30 or a list of values, found %s", describe(v))
			case n < 1 || n > maxLevels:
				l.add(base+q.line, key, "the count must be between 1 and %d, not %d", maxLevels, n)
			default:
				s.Levels.Count = n
			}
		case "scale":
			v, err := scalarText(q.val)
			if err != nil || (v != "auto" && v != "linear" && v != "log") {
				l.add(base+q.line, key, "expected auto, linear or log")
				continue
			}
			s.Levels.Scale = v
		default:
			l.add(base+q.line, key, "unknown key; contours takes levels and scale")
		}
	}
}

func (s *figureSpec) decodeRuns(p pair, base int, l *errorList) {
	list := resolve(p.val)
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		l.add(base+p.line, "runs", "expected a list of runs, such as\n  - optimizer: gd\n    lr: 0.01")
		return
	}
	if len(list.Content) > maxRuns {
		l.add(base+p.line, "runs", "%d runs is more than the limit of %d", len(list.Content), maxRuns)
		return
	}
	for i, item := range list.Content {
		prefix := fmt.Sprintf("runs[%d]", i)
		pairs, ok := mapping(item, base, prefix, l)
		if !ok {
			continue
		}
		r := runSpec{Given: map[string]float64{}}
		var opt *pair
		for j := range pairs {
			if pairs[j].key == "optimizer" {
				opt = &pairs[j]
			}
		}
		if opt == nil {
			l.add(base+resolve(item).Line, prefix+".optimizer", "missing; name one of %s", strings.Join(optim.MethodNames(), ", "))
			continue
		}
		name, err := scalarText(opt.val)
		if err == nil {
			r.Method, err = optim.LookupMethod(name)
		}
		if err != nil {
			l.add(base+opt.line, prefix+".optimizer", "%v", err)
			continue
		}
		ok = true
		for _, q := range pairs {
			key := prefix + "." + q.key
			line := base + q.line
			switch q.key {
			case "optimizer":
			case "label":
				r.Label, err = scalarText(q.val)
				if err != nil {
					l.add(line, key, "%v", err)
					ok = false
				}
			case "start":
				r.Starts = decodeStarts(q.val, s.Dim, base, q.line, key, l)
				ok = ok && r.Starts != nil
			case "steps":
				r.Steps = decodeSteps(q, base, key, l)
			case "batch":
				n, err := integer(q.val)
				switch {
				case s.Regress == nil:
					l.add(line, key, "only the linear-regression function has data to batch; remove batch")
					ok = false
				case err != nil || n < 1:
					l.add(line, key, "expected a batch size of at least 1 (batch: 1 is stochastic gradient descent)")
					ok = false
				default:
					r.Batch = min(n, len(s.Regress.T))
				}
			default:
				if !s.decodeSetting(&r, q, key, line, l) {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		// Check the settings once with the first value of a sweep, then
		// every value of the sweep.
		trial := func(v float64) error {
			given := maps(r.Given)
			if r.Sweep != "" {
				given[r.Sweep] = v
			}
			_, err := r.Method.Resolve(given)
			return err
		}
		vals := r.Values
		if len(vals) == 0 {
			vals = []float64{0}
		}
		for _, v := range vals {
			if err := trial(v); err != nil {
				key, line := prefix, base+opt.line
				var se *optim.SettingError
				if errors.As(err, &se) {
					key += "." + se.Setting
					for _, q := range pairs {
						if q.key == se.Setting {
							line = base + q.line
						}
					}
				}
				l.add(line, key, "%v", err)
				ok = false
				break
			}
		}
		if r.Method.Path != nil && r.Batch > 0 {
			l.add(base+opt.line, prefix+".batch", "%s uses the full function; mini-batches need a step optimizer such as gd", r.Method.Name)
			ok = false
		}
		if ok && r.Starts == nil && s.Starts == nil && !s.startGiven {
			l.add(base+opt.line, "start", "missing; give the figure a start point (start: [x, y]) or give each run its own")
			ok = false
		}
		if ok {
			s.Runs = append(s.Runs, r)
		}
	}
}

func maps(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// decodeSetting reads one optimizer setting, a number, a flag or a list of
// numbers (a sweep).
func (s *figureSpec) decodeSetting(r *runSpec, q pair, key string, line int, l *errorList) bool {
	set, known := r.Method.Setting(q.key)
	if !known {
		_, err := r.Method.Resolve(map[string]float64{q.key: 0})
		if err == nil {
			err = fmt.Errorf("unknown key")
		}
		l.add(line, key, "%v; a run also takes label, start, steps and batch", err)
		return false
	}
	v := resolve(q.val)
	if set.Flag {
		b, err := boolean(v)
		if err != nil {
			l.add(line, key, "%v", err)
			return false
		}
		r.Given[q.key] = 0
		if b {
			r.Given[q.key] = 1
		}
		return true
	}
	if v.Kind == yaml.SequenceNode {
		if r.Sweep != "" {
			l.add(line, key, "a run sweeps one setting at a time, and %s already does; make a second run", r.Sweep)
			return false
		}
		if len(v.Content) < 1 || len(v.Content) > maxRuns {
			l.add(line, key, "a sweep lists between 1 and %d values", maxRuns)
			return false
		}
		for _, c := range v.Content {
			x, err := number(c)
			if err != nil {
				l.add(line, key, "%v", err)
				return false
			}
			r.Values = append(r.Values, x)
		}
		r.Sweep = q.key
		return true
	}
	x, err := number(v)
	if err != nil {
		l.add(line, key, "%v", err)
		return false
	}
	r.Given[q.key] = x
	return true
}
