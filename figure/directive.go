package figure

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/diag"
	"descent/optim"
	"descent/plainmath"
	"descent/svgviz"
	"descent/yamlnode"

	"gopkg.in/yaml.v3"
)

// Limits that keep one figure from exhausting a build; generous for real
// lessons (README: Limits).
const (
	maxSteps      = 5000
	maxRuns       = 24
	maxLevels     = 200
	maxStartsRuns = 24
	maxTitle      = 300 // characters of a caption
	maxLabel      = 120 // characters of a run's legend label
)

// checkLength refuses text longer than limit characters: a caption or a
// label is drawn, measured and cut, and 40,000 characters took 25 s.
func checkLength(text string, limit int) error {
	if n := utf8.RuneCountInString(text); n > limit {
		return fmt.Errorf("%d characters is over the limit of %d", n, limit)
	}
	// A text's formulas are written as Unicode text in the SVG and the
	// legend: one that does not convert would show as TeX.
	return plainmath.Check(text)
}

// Spec is a checked landscape directive (SPEC §2): everything Compute needs.
type Spec struct {
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

	Consts     map[string]float64    // an expression's named constants (params:)
	Variants   []*Spec               // params: {c: [0.2, 0.5]}: one landscape per value, else nil
	Param      string                // the swept parameter, when Variants is set
	ParamValue float64               // a variant's value of Param
	Curves     []curveSpec           // a 1-D figure's extra curves
	View       []string              // the views shown: contour, surface, and data for the regression; nil for contour
	Camera     *svgviz.Camera        // camera:, or nil for the function's default
	Axes       [2]string             // the axes' names (axes: {x: intercept, y: slope}); "" for x and y
	ID         string                // the author's id:, or ""
	IDLine     int                   // the file line of id:, for a clash the page finds
	NotLive    bool                  // live: false
	LiveBounds map[string][2]float64 // live: {lr: [1e-4, 1]}: the author's slider ranges

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

	Schedule     optim.Schedule // nil: a constant learning rate
	ScheduleKind string         // its name and the settings as written, for the data
	ScheduleSet  map[string]any
	Clip         float64 // 0: no clipping
	Noise        float64 // 0: none; else σ of the gradient noise
	Seed         uint64  // the noise's seed
	seedGiven    bool
}

var figureKeys = []string{"title", "id", "function", "params", "domain", "start", "steps", "runs", "contours", "live", "curves", "view", "axes", "camera"}

// curveSpec is one more function a 1-D figure draws on its axes.
type curveSpec struct {
	Function, Label string
	Obj             optim.Objective
}

// maxCurves bounds a figure's extra curves.
const maxCurves = 8

// Decode checks a directive's YAML, reporting every mistake to l. base is the file line before the
// block's first line of YAML.
func Decode(src []byte, base int, l *diag.List) (*Spec, bool) {
	before := len(l.Errs)
	root, byKey, ok := yamlnode.Block(src, base, "a landscape block", figureKeys, l)
	if !ok {
		return nil, false
	}
	s := &Spec{Steps: 100, Levels: svgviz.Levels{Scale: "auto"}}
	errAt := func(p yamlnode.Pair, key string, err error) {
		if err != nil {
			l.Add(base+p.Line, key, "%v", err)
		}
	}
	if p, ok := byKey["title"]; ok {
		var err error
		if s.Title, err = yamlnode.Text(p.Val); err == nil {
			err = checkLength(s.Title, maxTitle)
		}
		errAt(p, "title", err)
	}
	s.decodeIDLive(byKey, base, l)
	fn, ok := byKey["function"]
	if !ok {
		l.Add(base+root.Line, "function", "missing; name a catalog function (function: rosenbrock) or write an expression (function: \"x^2 + 3*y^2\")")
		return nil, false
	}
	var params map[string]float64
	var sweep paramSweep
	fnOK := true
	if p, ok := byKey["params"]; ok {
		n := len(l.Errs)
		if params, sweep = decodeParams(p, base, l); len(l.Errs) != n {
			fnOK = false // the function cannot be read without its params
		}
	}
	if !fnOK || !s.decodeFunction(fn, params, byKey["params"], base, l) {
		// Without the function its dimension is unknown, and so is what a
		// start or a domain must be; the rest is still checked, so that one
		// build reports every mistake it can.
		s.decodeSteps(byKey, base, l)
		_, s.startGiven = byKey["start"]
		if p, ok := byKey["contours"]; ok {
			s.decodeContours(p, base, l)
		}
		if p, ok := byKey["runs"]; ok {
			s.decodeRuns(p, base, l)
		}
		return nil, false
	}
	if p, ok := byKey["domain"]; ok {
		s.decodeDomain(p, base, l)
	}
	if p, ok := byKey["curves"]; ok { // after the function: they need its dimension
		s.decodeCurves(p, base, l)
	}
	if p, ok := byKey["view"]; ok {
		s.decodeView(p, base, l)
	}
	if p, ok := byKey["axes"]; ok {
		s.decodeAxes(p, base, l)
	}
	if p, ok := byKey["camera"]; ok { // after the function: its default fills in a missing key
		if !slices.Contains(s.View, "surface") {
			l.Add(base+p.Line, "camera", "sets the surface view's camera; add view: [contour, surface]")
		} else {
			s.decodeCamera(p, base, l)
		}
	}
	s.decodeSteps(byKey, base, l)
	if p, ok := byKey["start"]; ok {
		s.startGiven = true
		s.Starts = decodeStarts(p.Val, s.Dim, base, p.Line, "start", l)
	}
	if p, ok := byKey["contours"]; ok {
		s.decodeContours(p, base, l)
	}
	// Without runs a figure shows the landscape and its critical points.
	p, ok := byKey["runs"]
	if ok {
		s.decodeRuns(p, base, l)
	}
	if len(l.Errs) != before {
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
		l.Add(base+p.Line, "runs", "these runs expand to %d trajectories (starts × sweeps); a figure holds at most %d", total, maxRuns)
		return nil, false
	}
	if sweep.name != "" && !s.decodeVariants(fn, params, sweep, total, byKey["params"], base, l) {
		return nil, false
	}
	return s, true
}

// paramSweep is a function parameter given as a list: params: {c: [0.2, 0.5]}.
type paramSweep struct {
	name   string
	values []float64
	line   int
}

// maxVariants bounds the landscapes of a parameter sweep: each is a
// whole figure, with its own grid, contours and runs.
const maxVariants = 6

// decodeVariants makes one Spec per value of a swept function parameter:
// the same directive on a different landscape. s itself is the first
// value's, already decoded.
func (s *Spec) decodeVariants(fn yamlnode.Pair, params map[string]float64, sw paramSweep, runs int, pp yamlnode.Pair, base int, l *diag.List) bool {
	key := "params." + sw.name
	if runs*len(sw.values) > maxRuns {
		l.Add(base+sw.line, key, "%d values × %d trajectories is %d; a figure holds at most %d", len(sw.values), runs, runs*len(sw.values), maxRuns)
		return false
	}
	s.Param, s.ParamValue = sw.name, sw.values[0]
	first := *s
	s.Variants = []*Spec{&first}
	for _, v := range sw.values[1:] {
		vs := first
		p := maps(params)
		p[sw.name] = v
		domain := vs.Domain // as written, or the first value's catalog domain
		if !vs.decodeFunction(fn, p, pp, base, l) {
			return false
		}
		vs.Domain, vs.ParamValue = domain, v
		s.Variants = append(s.Variants, &vs)
	}
	return true
}

// maxAxisName bounds an axis name: it sits under or beside the plot.
const maxAxisName = 40

// decodeAxes reads the axes' names: axes: {x: intercept, y: slope}.
func (s *Spec) decodeAxes(p yamlnode.Pair, base int, l *diag.List) {
	pairs, ok := yamlnode.Mapping(p.Val, base, "axes", l)
	if !ok {
		return
	}
	names := []string{"x", "y"}[:s.Dim]
	for _, q := range pairs {
		key := "axes." + q.Key
		i := slices.Index(names, q.Key)
		if i < 0 {
			l.Add(base+q.Line, key, "unknown axis; name %s", map[int]string{1: "x (a 1-D figure has one axis)", 2: "x and y"}[s.Dim])
			continue
		}
		name, err := yamlnode.Text(q.Val)
		if err == nil {
			err = checkLength(name, maxAxisName)
		}
		if err == nil && strings.TrimSpace(name) == "" {
			err = fmt.Errorf("an axis name is not empty; leave the key out for %s", q.Key)
		}
		if err == nil && strings.ContainsFunc(name, unicode.IsControl) {
			err = fmt.Errorf("%s holds a control character; an axis name is one line of text", strconv.Quote(name))
		}
		if err != nil {
			l.Add(base+q.Line, key, "%v", err)
			continue
		}
		s.Axes[i] = plainmath.Text(name)
	}
}

// decodeIDLive reads the figure's id and live keys.
func (s *Spec) decodeIDLive(byKey map[string]yamlnode.Pair, base int, l *diag.List) {
	if p, ok := byKey["id"]; ok {
		id, err := yamlnode.Text(p.Val)
		switch {
		case err != nil:
			l.Add(base+p.Line, "id", "%v", err)
		case !isFigureID(id) || len(id) > 64:
			l.Add(base+p.Line, "id", "%q is not an id; use up to 64 lower-case letters, digits and single hyphens, such as %q", id, "momentum-valley")
		default:
			s.ID, s.IDLine = id, base+p.Line
		}
	}
	if p, ok := byKey["live"]; ok {
		s.decodeLive(p, base, l)
	}

}

// decodeLive reads live: false, or the sliders' ranges per setting.
func (s *Spec) decodeLive(p yamlnode.Pair, base int, l *diag.List) {
	v := yamlnode.Resolve(p.Val)
	if v.Kind != yaml.MappingNode {
		b, err := yamlnode.Boolean(v)
		if err != nil {
			l.Add(base+p.Line, "live", "expected false, true or ranges such as {lr: [1e-4, 1], momentum: [0, 0.99]}")
			return
		}
		s.NotLive = !b
		return
	}
	pairs, ok := yamlnode.Mapping(v, base, "live", l)
	if !ok {
		return
	}
	s.LiveBounds = map[string][2]float64{}
	for _, q := range pairs {
		key := "live." + q.Key
		r := yamlnode.Resolve(q.Val)
		if r.Kind != yaml.SequenceNode || len(r.Content) != 2 {
			l.Add(base+q.Line, key, "expected a range [low, high], found %s", yamlnode.Describe(r))
			continue
		}
		lo, err1 := yamlnode.Number(r.Content[0])
		hi, err2 := yamlnode.Number(r.Content[1])
		switch {
		case err1 != nil || err2 != nil:
			l.Add(base+q.Line, key, "expected a range of two numbers [low, high]")
		case lo >= hi:
			l.Add(base+q.Line, key, "the range [%v, %v] is empty or inverted; write the lower bound first", lo, hi)
		case (q.Key == "lr" || q.Key == "eps") && lo <= 0:
			l.Add(base+q.Line, key, "%s slides on a log scale, so its range must be above 0, not from %v", q.Key, lo)
		case rangeProblem(q.Key, lo, hi) != "":
			l.Add(base+q.Line, key, "%s", rangeProblem(q.Key, lo, hi))
		default:
			s.LiveBounds[q.Key] = [2]float64{lo, hi}
		}
	}
}

// rangeProblem says why a slider over [lo, hi] could not give the setting
// name a value the build takes (optim's rule for it, as the live
// optimizers share it), or "" if it can. A name no live optimizer has
// would slide nothing: a misspelling.
func rangeProblem(name string, lo, hi float64) string {
	st, ok := liveSetting(name)
	switch {
	case !ok:
		return fmt.Sprintf("no optimizer the page recomputes has a setting %q%s; name a setting of the figure's runs, such as lr or momentum", name, diag.Suggest(name, liveSettingNames(), nil))
	case st.Flag:
		return fmt.Sprintf("%s is true or false, which the figure shows as a checkbox, not a slider; remove it from live", name)
	case st.Positive && hi <= 0:
		return fmt.Sprintf("%s must be greater than 0, and [%v, %v] holds no such value; slide it over a range above 0", name, lo, hi)
	case st.Unit && (hi < 0 || lo >= 1):
		return fmt.Sprintf("%s is a decay rate, from 0 to less than 1, and [%v, %v] holds none; slide it over a range such as [0, 0.999]", name, lo, hi)
	case st.Whole > 0 && math.Ceil(max(lo, 1)) > math.Floor(min(hi, float64(st.Whole))):
		return fmt.Sprintf("%s is a whole number from 1 to %d, and [%v, %v] holds none; slide it over a range such as [1, %d]", name, st.Whole, lo, hi, st.Whole)
	case !st.Positive && !st.Unit && st.Whole == 0 && hi < 0:
		return fmt.Sprintf("%s must be at least 0, and [%v, %v] holds no such value; slide it over a range from 0", name, lo, hi)
	}
	return ""
}

// liveSettingNames lists the settings of the live optimizers, sorted.
func liveSettingNames() []string {
	var names []string
	for _, n := range LiveMethods() {
		if m, err := optim.LookupMethod(n); err == nil {
			for _, st := range m.Settings {
				names = append(names, st.Name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// liveSetting is the setting of that name in the first live optimizer
// that has it; they agree on its rule (internal/genops checks).
func liveSetting(name string) (optim.Setting, bool) {
	for _, n := range LiveMethods() {
		if m, err := optim.LookupMethod(n); err == nil {
			if st, ok := m.Setting(name); ok {
				return st, true
			}
		}
	}
	return optim.Setting{}, false
}

// decodeParams reads the function's parameters; one of them may list
// values (a sweep), and out holds its first.
func decodeParams(p yamlnode.Pair, base int, l *diag.List) (out map[string]float64, sw paramSweep) {
	pairs, ok := yamlnode.Mapping(p.Val, base, "params", l)
	if !ok {
		return nil, sw
	}
	out = map[string]float64{}
	for _, q := range pairs {
		key := "params." + q.Key
		v := yamlnode.Resolve(q.Val)
		if v.Kind != yaml.SequenceNode {
			x, err := yamlnode.Number(v)
			if err != nil {
				l.Add(base+q.Line, key, "%v", err)
				continue
			}
			out[q.Key] = x
			continue
		}
		switch {
		case sw.name != "":
			l.Add(base+q.Line, key, "a figure sweeps one parameter, and %s already does; make a second figure", sw.name)
			continue
		case len(v.Content) < 2 || len(v.Content) > maxVariants:
			l.Add(base+q.Line, key, "a parameter sweep lists between 2 and %d values, one landscape each", maxVariants)
			continue
		}
		values, ok := sweepNumbers(v, base+q.Line, key, l)
		if !ok {
			continue
		}
		sw = paramSweep{name: q.Key, values: values, line: q.Line}
		out[q.Key] = values[0]
	}
	return out, sw
}

// sweepNumbers reads a sweep's list of distinct numbers.
func sweepNumbers(v *yaml.Node, line int, key string, l *diag.List) ([]float64, bool) {
	var values []float64
	for _, c := range v.Content {
		x, err := yamlnode.Number(c)
		if err != nil {
			l.Add(line, key, "%v", err)
			return nil, false
		}
		if slices.Contains(values, x) {
			l.Add(line, key, "%v is listed twice; each value of a sweep is drawn once", x)
			return nil, false
		}
		values = append(values, x)
	}
	return values, true
}

func (s *Spec) decodeFunction(fn yamlnode.Pair, params map[string]float64, pp yamlnode.Pair, base int, l *diag.List) bool {
	v := yamlnode.Resolve(fn.Val)
	if v.Kind == yaml.MappingNode {
		return s.decodeRegression(fn, params, base, l)
	}
	name, err := yamlnode.Text(v)
	if err != nil {
		l.Add(base+fn.Line, "function", "%v", err)
		return false
	}
	s.Function = name
	if _, isCatalog := optim.CatalogParams(name); isCatalog {
		f, err := optim.Lookup(name, params)
		if err != nil {
			l.Add(base+pp.Line, "params", "%v", err)
			return false
		}
		s.Catalog, s.Obj, s.Dim, s.Domain = f, f, f.Dim(), f.Domain
		return true
	}
	for k := range params {
		switch {
		case !isConstName(k) || optim.IsReserved(k):
			l.Add(base+pp.Line, "params."+k, "%q cannot name a constant: use a name of letters, digits and _ that is not x, y, pi, e or a function", k)
			return false
		case !regexp.MustCompile(`\b` + k + `\b`).MatchString(name):
			l.Add(base+pp.Line, "params."+k, "the expression does not use %s; remove it or write it into the formula", k)
			return false
		}
	}
	e, err := optim.ParseExprWith(name, params)
	if err != nil {
		if isBareWord(name) && params == nil {
			_, err = optim.Lookup(name, nil) // "rosenbrok" is a misspelt name, not a bad formula
		}
		l.Add(base+fn.Line, "function", "%v", err)
		return false
	}
	if e.Constant() {
		l.Add(base+fn.Line, "function", "%q uses neither x nor y, so there is no landscape to draw; write a function of x (a 1-D figure) or of x and y", name)
		return false
	}
	s.Consts = params
	s.Obj, s.Dim = e, e.Dim()
	s.Domain = optim.Domain{X: [2]float64{-3, 3}, Y: [2]float64{-3, 3}}
	return true
}

func (s *Spec) decodeRegression(fn yamlnode.Pair, params map[string]float64, base int, l *diag.List) bool {
	pairs, ok := yamlnode.Mapping(fn.Val, base, "function", l)
	if !ok {
		return false
	}
	if len(pairs) != 1 || pairs[0].Key != "linear-regression" {
		l.Add(base+fn.Line, "function", "the only function written as a mapping is {linear-regression: {n: 200, seed: 42, intercept: 4, slope: 3, noise: 1}}")
		return false
	}
	spec := optim.LinearRegressionSpec{N: 100, Seed: 42, Intercept: 4, Slope: 3, Noise: 1}
	inner := pairs[0]
	if yamlnode.Resolve(inner.Val).Tag != "!!null" {
		settings, ok := yamlnode.Mapping(inner.Val, base, "function.linear-regression", l)
		if !ok {
			return false
		}
		for _, q := range settings {
			key := "function.linear-regression." + q.Key
			var err error
			switch q.Key {
			case "n":
				spec.N, err = yamlnode.Integer(q.Val)
			case "seed":
				var seed int
				seed, err = yamlnode.Integer(q.Val)
				if err == nil && seed < 0 {
					err = fmt.Errorf("must not be negative")
				}
				spec.Seed = uint64(seed)
			case "intercept":
				spec.Intercept, err = yamlnode.Number(q.Val)
			case "slope":
				spec.Slope, err = yamlnode.Number(q.Val)
			case "noise":
				spec.Noise, err = yamlnode.Number(q.Val)
			default:
				err = fmt.Errorf("unknown key; linear-regression takes n, seed, intercept, slope and noise")
			}
			if err != nil {
				l.Add(base+q.Line, key, "%v", err)
				return false
			}
		}
	}
	if params != nil {
		l.Add(base+fn.Line, "params", "linear-regression takes its settings inside function:, not params")
		return false
	}
	r, err := optim.NewLinearRegression(spec)
	if err != nil {
		l.Add(base+inner.Line, "function.linear-regression.n", "%v", err)
		return false
	}
	s.Function, s.Regress, s.Obj, s.Dim, s.Seed = "linear-regression", r, r, 2, spec.Seed
	pad := max(2, 2*spec.Noise)
	s.Domain = optim.Domain{X: [2]float64{spec.Intercept - 2*pad, spec.Intercept + 2*pad}, Y: [2]float64{spec.Slope - 2*pad, spec.Slope + 2*pad}}
	return true
}

func (s *Spec) decodeDomain(p yamlnode.Pair, base int, l *diag.List) {
	pairs, ok := yamlnode.Mapping(p.Val, base, "domain", l)
	if !ok {
		return
	}
	for _, q := range pairs {
		key := "domain." + q.Key
		var dst *[2]float64
		switch {
		case q.Key == "x":
			dst = &s.Domain.X
		case q.Key == "y" && s.Dim == 2:
			dst = &s.Domain.Y
		case q.Key == "y":
			l.Add(base+q.Line, key, "this function has one variable; its domain is {x: [a, b]}")
			continue
		default:
			l.Add(base+q.Line, key, "unknown key; domain takes x and y, such as {x: [-2, 2], y: [-1, 3]}")
			continue
		}
		v := yamlnode.Resolve(q.Val)
		if v.Kind != yaml.SequenceNode || len(v.Content) != 2 {
			found := yamlnode.Describe(v)
			if v.Kind == yaml.SequenceNode {
				found = fmt.Sprintf("a list of %d", len(v.Content))
			}
			l.Add(base+q.Line, key, "expected an interval [low, high], found %s", found)
			continue
		}
		lo, err1 := yamlnode.Number(v.Content[0])
		hi, err2 := yamlnode.Number(v.Content[1])
		switch {
		case err1 != nil || err2 != nil:
			l.Add(base+q.Line, key, "%v; an interval is two numbers [low, high]", cmp.Or(err1, err2))
		case lo >= hi:
			l.Add(base+q.Line, key, "the interval [%v, %v] is empty or inverted; write the lower bound first", lo, hi)
		case math.IsInf(hi-lo, 0):
			l.Add(base+q.Line, key, "the interval [%v, %v] is wider than a float64 can hold; narrow it", lo, hi)
		case hi-lo < minWidth(lo, hi):
			// A few floats wide, the grid and the axis ticks have
			// nothing to divide (the tick loop once never ended).
			l.Add(base+q.Line, key, "the interval [%v, %v] is narrower than %.2g, the limit for a domain this far from 0; widen it", lo, hi, minWidth(lo, hi))
		default:
			*dst = [2]float64{lo, hi}
		}
	}
}

// minWidth is the narrowest domain [lo, hi] a figure draws: a billionth of
// its distance from 0, and never below 1e-12.
func minWidth(lo, hi float64) float64 {
	return math.Max(1e-9*math.Max(math.Abs(lo), math.Abs(hi)), 1e-12)
}

// decodeSteps reads a step count. The limit comes first: steps: 1e300 is
// over it, not "not a whole number".
// decodeSteps reads the figure's steps, if it has the key.
func (s *Spec) decodeSteps(byKey map[string]yamlnode.Pair, base int, l *diag.List) {
	if p, ok := byKey["steps"]; ok {
		s.Steps = decodeSteps(p, base, "steps", l)
	}
}

func decodeSteps(p yamlnode.Pair, base int, key string, l *diag.List) int {
	v, err := yamlnode.Number(p.Val)
	if err == nil && v > maxSteps {
		l.Add(base+p.Line, key, "%s steps is more than the limit of %d", yamlnode.Resolve(p.Val).Value, maxSteps)
		return 1
	}
	n, err := yamlnode.Integer(p.Val)
	switch {
	case err != nil:
		l.Add(base+p.Line, key, "%v", err)
	case n < 1:
		l.Add(base+p.Line, key, "must be at least 1, not %d", n)
	default:
		return n
	}
	return 1
}

// decodeStarts reads one point or a list of points of dimension dim.
func decodeStarts(n *yaml.Node, dim int, base, line int, key string, l *diag.List) [][]float64 {
	n = yamlnode.Resolve(n)
	example := "[-1.5, 2.5] or a list of points [[-1.5, 2.5], [1, -0.5]]"
	if dim == 1 {
		example = "-1.5 or a list of numbers [-2, 0.5, 2]"
	}
	bad := func() [][]float64 {
		l.Add(base+line, key, "expected a point such as %s, found %s", example, yamlnode.Describe(n))
		return nil
	}
	if dim == 1 {
		if yamlnode.IsNumber(n) {
			v, err := yamlnode.Number(n)
			if err != nil {
				l.Add(base+line, key, "%v", err)
				return nil
			}
			return [][]float64{{v}}
		}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			return bad()
		}
		var out [][]float64
		for _, c := range n.Content {
			v, err := yamlnode.Number(c)
			if err != nil {
				l.Add(base+line, key, "%v", err)
				return nil
			}
			out = append(out, []float64{v})
		}
		if !distinctStarts(out, n.Content, base, key, l) {
			return nil
		}
		return out
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return bad()
	}
	if yamlnode.IsNumber(yamlnode.Resolve(n.Content[0])) {
		if len(n.Content) != 2 {
			l.Add(base+line, key, "a point here has 2 coordinates [x, y], not %d", len(n.Content))
			return nil
		}
		x, err1 := yamlnode.Number(n.Content[0])
		y, err2 := yamlnode.Number(n.Content[1])
		if err := cmp.Or(err1, err2); err != nil {
			l.Add(base+line, key, "%v", err)
			return nil
		}
		return [][]float64{{x, y}}
	}
	var out [][]float64
	for _, c := range n.Content {
		c = yamlnode.Resolve(c)
		if c.Kind != yaml.SequenceNode || len(c.Content) != 2 {
			l.Add(base+c.Line, key, "each start is a point [x, y], found %s", yamlnode.Describe(c))
			return nil
		}
		x, err1 := yamlnode.Number(c.Content[0])
		y, err2 := yamlnode.Number(c.Content[1])
		if err := cmp.Or(err1, err2); err != nil {
			l.Add(base+line, key, "%v", err)
			return nil
		}
		out = append(out, []float64{x, y})
	}
	if !distinctStarts(out, n.Content, base, key, l) {
		return nil
	}
	return out
}

// distinctStarts reports a start listed twice, which would draw one path
// over another, at the line of its item, and whether there is none. In
// 1-D, [1, 1] is most likely a point [x, y] written for a function of one
// variable. A map, not pairs: a list may run to the file's limit before
// the limit on runs is checked.
func distinctStarts(starts [][]float64, items []*yaml.Node, base int, key string, l *diag.List) bool {
	first := make(map[[2]float64]int, len(starts)) // -0 and 0 are one key, as they are one point
	for i, p := range starts {
		var k [2]float64
		copy(k[:], p)
		j, seen := first[k]
		if !seen {
			first[k] = i
			continue
		}
		hint := "give each start a point of its own"
		written := formatNum(p[0]) // as YAML has it: 1, or [0, 1]
		if len(p) == 1 {
			hint = "a function of one variable starts at a number (start: 1), or at each number of a list of different ones"
		} else {
			written = "[" + formatNum(p[0]) + ", " + formatNum(p[1]) + "]"
		}
		l.Add(base+items[i].Line, fmt.Sprintf("%s[%d]", key, i), "%s is %s[%d] again; %s", written, key, j, hint)
		return false
	}
	return true
}

func (s *Spec) decodeContours(p yamlnode.Pair, base int, l *diag.List) {
	pairs, ok := yamlnode.Mapping(p.Val, base, "contours", l)
	if !ok {
		return
	}
	for _, q := range pairs {
		key := "contours." + q.Key
		switch q.Key {
		case "levels":
			v := yamlnode.Resolve(q.Val)
			if v.Kind == yaml.SequenceNode {
				if len(v.Content) == 0 || len(v.Content) > maxLevels {
					l.Add(base+q.Line, key, "list between 1 and %d levels", maxLevels)
					continue
				}
				for _, c := range v.Content {
					x, err := yamlnode.Number(c)
					if err != nil {
						l.Add(base+q.Line, key, "%v", err)
						break
					}
					s.Levels.Values = append(s.Levels.Values, x)
				}
				if !slices.IsSorted(s.Levels.Values) {
					l.Add(base+q.Line, key, "list the levels in increasing order")
				}
				continue
			}
			n, err := yamlnode.Integer(v)
			if x, nerr := yamlnode.Number(v); nerr == nil && x > maxLevels {
				n, err = maxLevels+1, nil // over the limit, whole or not
			}
			switch {
			case err != nil && yamlnode.IsNumber(v):
				l.Add(base+q.Line, key, "%v", err)
			case err != nil:
				l.Add(base+q.Line, key, "expected a count such as 30 or a list of values, found %s", yamlnode.Describe(v))
			case n < 1 || n > maxLevels:
				l.Add(base+q.Line, key, "the count must be between 1 and %d, not %s", maxLevels, v.Value)
			default:
				s.Levels.Count = n
			}
		case "scale":
			v, err := yamlnode.Text(q.Val)
			if err != nil || (v != "auto" && v != "linear" && v != "log") {
				l.Add(base+q.Line, key, "expected auto, linear or log")
				continue
			}
			s.Levels.Scale = v
		default:
			l.Add(base+q.Line, key, "unknown key; contours takes levels and scale")
		}
	}
}

func (s *Spec) decodeRuns(p yamlnode.Pair, base int, l *diag.List) {
	list := yamlnode.Resolve(p.Val)
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		l.Add(base+p.Line, "runs", "expected a list of runs, such as runs: [{optimizer: gd, lr: 0.01}]")
		return
	}
	if len(list.Content) > maxRuns {
		l.Add(base+p.Line, "runs", "%d runs is more than the limit of %d", len(list.Content), maxRuns)
		return
	}
	for i, item := range list.Content {
		if r, ok := s.decodeRun(fmt.Sprintf("runs[%d]", i), item, base, l); ok {
			s.Runs = append(s.Runs, r)
		}
	}
}

// decodeRun reads one entry of runs: its optimizer, then every other key.
func (s *Spec) decodeRun(prefix string, item *yaml.Node, base int, l *diag.List) (runSpec, bool) {
	pairs, ok := yamlnode.Mapping(item, base, prefix, l)
	if !ok {
		return runSpec{}, false
	}
	r := runSpec{Given: map[string]float64{}, Seed: 1}
	var opt *yamlnode.Pair
	for j := range pairs {
		if pairs[j].Key == "optimizer" {
			opt = &pairs[j]
		}
	}
	if opt == nil {
		l.Add(base+yamlnode.Resolve(item).Line, prefix+".optimizer", "missing; name one of %s", strings.Join(optim.MethodNames(), ", "))
		return r, false
	}
	name, err := yamlnode.Text(opt.Val)
	if err == nil {
		r.Method, err = optim.LookupMethod(name)
	}
	if err != nil {
		l.Add(base+opt.Line, prefix+".optimizer", "%v", err)
		return r, false
	}
	ok = true
	for _, q := range pairs {
		if !s.decodeRunKey(&r, q, prefix+"."+q.Key, base, l) {
			ok = false
		}
	}
	return r, ok && s.checkRun(r, pairs, opt, prefix, base, l)
}

// decodeRunKey reads one key of a run.
func (s *Spec) decodeRunKey(r *runSpec, q yamlnode.Pair, key string, base int, l *diag.List) bool {
	line := base + q.Line
	switch q.Key {
	case "optimizer":
	case "label":
		var err error
		if r.Label, err = yamlnode.Text(q.Val); err == nil {
			err = checkLength(r.Label, maxLabel)
		}
		if err != nil {
			l.Add(line, key, "%v", err)
			return false
		}
	case "start":
		if s.Dim == 0 {
			return false // the function is wrong, and said so: no dimension to check against
		}
		r.Starts = decodeStarts(q.Val, s.Dim, base, q.Line, key, l)
		return r.Starts != nil
	case "steps":
		r.Steps = decodeSteps(q, base, key, l)
	case "schedule":
		return r.decodeSchedule(q, key, base, l)
	case "clip":
		c, err := yamlnode.Number(q.Val)
		switch {
		case err != nil:
			l.Add(line, key, "%v", err)
			return false
		case c <= 0:
			l.Add(line, key, "clip is the largest gradient norm a step may use, greater than 0, not %v", c)
			return false
		}
		r.Clip = c
	case "noise":
		v, err := yamlnode.Number(q.Val)
		switch {
		case err != nil:
			l.Add(line, key, "%v", err)
			return false
		case v < 0:
			l.Add(line, key, "noise is the standard deviation added to each gradient coordinate, at least 0, not %v", v)
			return false
		}
		r.Noise = v
	case "seed":
		n, err := yamlnode.Integer(q.Val)
		if err != nil || n < 0 {
			l.Add(line, key, "the noise's seed is a whole number of at least 0")
			return false
		}
		r.Seed, r.seedGiven = uint64(n), true
	case "batch":
		if v := yamlnode.Resolve(q.Val); v.Kind == yaml.SequenceNode {
			return s.decodeBatchSweep(r, v, key, line, l)
		}
		n, err := yamlnode.Integer(q.Val)
		switch {
		case s.Regress == nil:
			l.Add(line, key, "only the linear-regression function has data to batch; remove batch")
			return false
		case err != nil || n < 1:
			l.Add(line, key, "expected a batch size of at least 1 (batch: 1 is stochastic gradient descent)")
			return false
		default:
			r.Batch = min(n, len(s.Regress.T))
		}
	default:
		return s.decodeSetting(r, q, key, line, l)
	}
	return true
}

// checkRun checks a decoded run's settings together: once with each value
// of a sweep, and against the figure.
func (s *Spec) checkRun(r runSpec, pairs []yamlnode.Pair, opt *yamlnode.Pair, prefix string, base int, l *diag.List) bool {
	trial := func(v float64) error {
		given := maps(r.Given)
		if r.Sweep != "" && r.Sweep != "batch" {
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
			key, line := prefix, base+opt.Line
			var se *optim.SettingError
			if errors.As(err, &se) {
				key += "." + se.Setting
				for _, q := range pairs {
					if q.Key == se.Setting {
						line = base + q.Line
					}
				}
			}
			l.Add(line, key, "%v", err)
			return false
		}
	}
	if r.Method.Path != nil && (r.Schedule != nil || r.Clip > 0 || r.Noise > 0) {
		l.Add(base+opt.Line, prefix, "%s takes no gradient steps of a learning rate; schedule, clip and noise need a step optimizer such as gd", r.Method.Name)
		return false
	}
	if r.seedGiven && r.Noise == 0 {
		l.Add(base+opt.Line, prefix+".seed", "seed seeds the gradient noise; add noise: σ, or remove seed")
		return false
	}
	if _, hasLR := r.Method.Setting("lr"); r.Schedule != nil && !hasLR {
		l.Add(base+opt.Line, prefix+".schedule", "%s has no learning rate to schedule", r.Method.Name)
		return false
	}
	if r.Method.Path != nil && r.Batch > 0 {
		l.Add(base+opt.Line, prefix+".batch", "%s uses the full function; mini-batches need a step optimizer such as gd", r.Method.Name)
		return false
	}
	if r.Starts == nil && s.Starts == nil && !s.startGiven {
		l.Add(base+opt.Line, "start", "missing; give the figure a start point (start: [x, y]) or give each run its own")
		return false
	}
	return true
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
func (s *Spec) decodeSetting(r *runSpec, q yamlnode.Pair, key string, line int, l *diag.List) bool {
	set, known := r.Method.Setting(q.Key)
	if !known {
		_, err := r.Method.Resolve(map[string]float64{q.Key: 0})
		if err == nil {
			err = fmt.Errorf("unknown key")
		}
		l.Add(line, key, "%v; a run also takes label, start, steps, batch, schedule, clip, noise and seed", err)
		return false
	}
	v := yamlnode.Resolve(q.Val)
	if q.Key == "line_search" { // torch's line_search_fn: "strong_wolfe" or None
		switch text, _ := yamlnode.Text(v); {
		case text == "strong_wolfe":
			r.Given[q.Key] = 1
		case text == "none" || v.Tag == "!!null":
			r.Given[q.Key] = 0
		default:
			l.Add(line, key, "the line search is strong_wolfe, or none for lbfgs's fixed step")
			return false
		}
		return true
	}
	if set.Flag {
		b, err := yamlnode.Boolean(v)
		if err != nil {
			l.Add(line, key, "%v", err)
			return false
		}
		r.Given[q.Key] = 0
		if b {
			r.Given[q.Key] = 1
		}
		return true
	}
	if v.Kind == yaml.SequenceNode {
		if r.Sweep != "" {
			l.Add(line, key, "a run sweeps one setting at a time, and %s already does; make a second run", r.Sweep)
			return false
		}
		if len(v.Content) < 1 || len(v.Content) > maxRuns {
			l.Add(line, key, "a sweep lists between 1 and %d values", maxRuns)
			return false
		}
		for _, c := range v.Content {
			x, err := yamlnode.Number(c)
			if err != nil {
				l.Add(line, key, "%v", err)
				return false
			}
			r.Values = append(r.Values, x)
		}
		r.Sweep = q.Key
		return true
	}
	x, err := yamlnode.Number(v)
	if err != nil {
		l.Add(line, key, "%v", err)
		return false
	}
	r.Given[q.Key] = x
	return true
}

// decodeSchedule reads schedule: {KIND: {settings}} (torch's
// lr_scheduler, stepped after every step).
func (r *runSpec) decodeSchedule(q yamlnode.Pair, key string, base int, l *diag.List) bool {
	pairs, ok := yamlnode.Mapping(q.Val, base, key, l)
	if !ok {
		return false
	}
	if len(pairs) != 1 {
		l.Add(base+q.Line, key, "name one schedule with its settings, such as schedule: {step: {step_size: 30, gamma: 0.1}}; the schedules are %s", strings.Join(optim.ScheduleKinds, ", "))
		return false
	}
	kind := pairs[0]
	nums, written := map[string]float64{}, map[string]any{}
	var milestones []int
	if yamlnode.Resolve(kind.Val).Tag != "!!null" {
		set, ok := yamlnode.Mapping(kind.Val, base, key+"."+kind.Key, l)
		if !ok {
			return false
		}
		for _, p := range set {
			k := key + "." + kind.Key + "." + p.Key
			v := yamlnode.Resolve(p.Val)
			if p.Key == "milestones" {
				if v.Kind != yaml.SequenceNode || len(v.Content) == 0 || len(v.Content) > 100 {
					l.Add(base+p.Line, k, "expected a list of steps, such as [30, 80]")
					return false
				}
				for _, c := range v.Content {
					n, err := yamlnode.Integer(c)
					if err != nil || n < 1 || n > maxSteps {
						l.Add(base+p.Line, k, "each milestone is a step from 1 to %d", maxSteps)
						return false
					}
					milestones = append(milestones, n)
				}
				written[p.Key] = milestones
				continue
			}
			n, err := yamlnode.Number(v)
			if err != nil {
				l.Add(base+p.Line, k, "%v", err)
				return false
			}
			nums[p.Key], written[p.Key] = n, n
		}
	}
	s, err := optim.NewSchedule(kind.Key, nums, milestones)
	if err != nil {
		k := key
		var se *optim.SettingError
		if errors.As(err, &se) && se.Setting != "" {
			k += "." + kind.Key + "." + se.Setting
		}
		l.Add(base+kind.Line, k, "%v", err)
		return false
	}
	r.Schedule, r.ScheduleKind, r.ScheduleSet = s, kind.Key, written
	return true
}

// decodeBatchSweep reads batch: [1, 10, 100], a sweep over the mini-batch
// size of the regression.
func (s *Spec) decodeBatchSweep(r *runSpec, v *yaml.Node, key string, line int, l *diag.List) bool {
	switch {
	case s.Regress == nil:
		l.Add(line, key, "only the linear-regression function has data to batch; remove batch")
		return false
	case r.Sweep != "":
		l.Add(line, key, "a run sweeps one setting at a time, and %s already does; make a second run", r.Sweep)
		return false
	case len(v.Content) < 1 || len(v.Content) > maxRuns:
		l.Add(line, key, "a sweep lists between 1 and %d values", maxRuns)
		return false
	}
	for _, c := range v.Content {
		n, err := yamlnode.Integer(c)
		if err != nil || n < 1 {
			l.Add(line, key, "each batch size of the sweep is a whole number of at least 1 (1 is stochastic gradient descent)")
			return false
		}
		r.Values = append(r.Values, float64(min(n, len(s.Regress.T))))
	}
	r.Sweep, r.Batch = "batch", int(r.Values[0])
	return true
}

// decodeCurves reads curves: [{function: "abs(x)", label: MAE}, …], more
// functions of x drawn on a 1-D figure's axes.
func (s *Spec) decodeCurves(p yamlnode.Pair, base int, l *diag.List) {
	if s.Dim != 1 {
		l.Add(base+p.Line, "curves", "only a figure of one variable draws more curves; this function has two")
		return
	}
	list := yamlnode.Resolve(p.Val)
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 || len(list.Content) > maxCurves {
		l.Add(base+p.Line, "curves", "expected a list of 1 to %d curves, such as [{function: \"abs(x)\", label: MAE}]", maxCurves)
		return
	}
	for i, item := range list.Content {
		key := fmt.Sprintf("curves[%d]", i)
		pairs, ok := yamlnode.Mapping(item, base, key, l)
		if !ok {
			continue
		}
		var c curveSpec
		for _, q := range pairs {
			var err error
			switch q.Key {
			case "function":
				c.Function, err = yamlnode.Text(q.Val)
			case "label":
				c.Label, err = yamlnode.Text(q.Val)
				if err == nil && len(c.Label) > 200 {
					err = fmt.Errorf("a label is at most 200 characters, not %d", len(c.Label))
				}
				if err == nil {
					err = plainmath.Check(c.Label)
				}
			default:
				err = fmt.Errorf("unknown key; a curve takes function and label")
			}
			if err != nil {
				l.Add(base+q.Line, key+"."+q.Key, "%v", err)
			}
		}
		line := base + yamlnode.Resolve(item).Line
		if c.Function == "" {
			l.Add(line, key+".function", "missing; write the curve's function of x, such as \"abs(x)\"")
			continue
		}
		if f, err := optim.Lookup(c.Function, nil); err == nil && f.Dim() == 1 {
			c.Obj = f
		} else if e, err := optim.ParseExprWith(c.Function, s.Consts); err != nil {
			l.Add(line, key+".function", "%v", err)
			continue
		} else if e.Dim() != 1 {
			l.Add(line, key+".function", "a curve is a function of x alone; this one uses y")
			continue
		} else {
			c.Obj = e
		}
		if c.Label == "" {
			c.Label = c.Function
		}
		s.Curves = append(s.Curves, c)
	}
}

// decodeView reads view: [contour, surface]: the views a figure shows.
func (s *Spec) decodeView(p yamlnode.Pair, base int, l *diag.List) {
	v := yamlnode.Resolve(p.Val)
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 || len(v.Content) > 3 {
		l.Add(base+p.Line, "view", "expected a list of views, such as [contour, surface]")
		return
	}
	seen := map[string]bool{}
	for _, c := range v.Content {
		name, err := yamlnode.Text(c)
		switch {
		case err != nil:
			l.Add(base+p.Line, "view", "%v", err)
			return
		case seen[name]:
			l.Add(base+p.Line, "view", "%s is listed twice", name)
			return
		case name == "surface" && s.Dim != 2:
			l.Add(base+p.Line, "view", "a 1-D figure's curve is its surface; remove surface")
			return
		case name == "data" && s.Regress == nil:
			l.Add(base+p.Line, "view", "only the linear-regression function has data to show; remove data")
			return
		case name != "contour" && name != "data" && name != "surface":
			l.Add(base+p.Line, "view", "unknown view %q; the views are contour, surface and, for the linear regression, data", name)
			return
		}
		seen[name] = true
		s.View = append(s.View, name)
	}
}
