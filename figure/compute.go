package figure

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"descent/optim"
	"descent/plainmath"
	"descent/svgviz"
)

// Compute runs every optimizer of a checked directive and draws the result.
// It never reads the page: everything it needs is in s and id, so a figure
// can be cached by the hash of its directive. Critical points and contour
// layers come from m, shared with the build's other figures. A panic inside
// is returned as an error for this figure alone.
//
// Compute watches ctx between runs and every 64 steps of a run, and returns
// ctx's error when it is done.
func Compute(ctx context.Context, s *Spec, id string, m *Memo) (fd *Data, err error) {
	defer func() {
		if r := recover(); r != nil {
			fd, err = nil, fmt.Errorf("internal error while computing the figure (please report it): %v\n%s", r, firstFrames(debug.Stack()))
		}
	}()
	m.init()
	if s.Variants == nil {
		return compute(ctx, s, id, m, -1)
	}
	fd = &Data{ID: id, Title: plainmath.Text(s.Title), Function: s.Function, Dim: s.Dim, Param: s.Param}
	if plainmath.Has(s.Title) {
		fd.TitleTeX = s.Title
	}
	for i, v := range s.Variants {
		d, err := compute(ctx, v, id+"--"+strconv.Itoa(i+1), m, i)
		if err != nil {
			return nil, fmt.Errorf("%s = %s: %w", s.Param, formatNum(v.ParamValue), err)
		}
		fd.Variants = append(fd.Variants, d)
	}
	return fd, nil
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	return strings.Join(lines[:min(len(lines), 12)], "\n")
}

// figure is a figure being computed: its data, its JSON and its runs as
// svgviz draws them.
type figure struct {
	ctx  context.Context
	s    *Spec
	id   string
	data *Data
	json *figureJSON
	viz  []svgviz.Run
}

// compute draws one figure; variant is its index in a parameter sweep, or -1.
func compute(ctx context.Context, s *Spec, id string, m *Memo, variant int) (*Data, error) {
	title := plainmath.Text(s.Title)
	f := &figure{ctx: ctx, s: s, id: id, data: &Data{ID: id, Title: title, Function: s.Function, Dim: s.Dim},
		json: &figureJSON{ID: id, Title: title, Function: s.Function, Dim: s.Dim,
			Domain: map[string][2]float64{"x": s.Domain.X}, Runs: []runJSON{}, Sweeps: []sweepJSON{}}}
	if s.Dim == 2 {
		f.json.Domain["y"] = s.Domain.Y
	}
	if variant >= 0 {
		f.json.Variant = &variantJSON{Param: s.Param, Value: s.ParamValue, Index: variant}
		f.data.Param, f.data.Value = s.Param, formatNum(s.ParamValue)
	}
	if plainmath.Has(s.Title) {
		f.data.TitleTeX = s.Title
	}
	if !s.NotLive {
		f.json.Engine = engine(s.Obj)
	}
	// Critical points take about as long as the contours: find them
	// meanwhile. A panic there is raised again here, for Compute.
	var cps []optim.CriticalPoint
	var critPanic any
	critDone := make(chan struct{})
	go func() {
		defer close(critDone)
		defer func() { critPanic = recover() }()
		cps = m.crit.get(s)
	}()
	defer func() { <-critDone }()
	if err := f.runAll(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.json.Live = liveBounds(s, f.json.Runs)
	var early *svgviz.ContourLayer // drawn before the critical points are known
	var earlyPlot svgviz.Rect
	if s.Dim == 2 {
		if plot, ok := kindFreePlot(s, f.viz); ok {
			var err error
			if early, err = m.layers.get(s, plot); err != nil {
				return nil, err
			}
			earlyPlot = plot
		}
	}
	<-critDone
	if critPanic != nil {
		panic(critPanic)
	}
	crit := f.critical(cps)
	f.legend(crit)
	if err := f.draw(crit, m.layers, early, earlyPlot); err != nil {
		return nil, err
	}
	return f.data, f.writeJSON()
}

// runAll takes every run's steps: each run of the directive once per start
// and per value of its sweep.
func (f *figure) runAll() error {
	s := f.s
	color := 0
	for _, r := range s.Runs {
		starts := r.Starts
		if starts == nil {
			starts = s.Starts
		}
		steps := s.Steps
		if r.Steps > 0 {
			steps = r.Steps
		}
		values := r.Values
		if len(values) == 0 {
			values = []float64{math.NaN()}
		}
		for si, start := range starts {
			sweep := -1
			if r.Sweep != "" {
				sweep = len(f.json.Sweeps)
				f.json.Sweeps = append(f.json.Sweeps, sweepJSON{Setting: r.Sweep, Values: r.Values})
				f.data.Sweeps = append(f.data.Sweeps, Sweep{ID: sweep, Setting: r.Sweep, Values: formatAll(r.Values)})
			}
			for vi, v := range values {
				given := maps(r.Given)
				rv := r
				switch r.Sweep {
				case "":
				case "batch": // not an optimizer setting: the run's own
					rv.Batch = int(v)
				default:
					given[r.Sweep] = v
				}
				label := runLabel(rv, given, start, len(starts) > 1 && si >= 0)
				if _, ok := given["radius"]; !ok && r.Method.Name == "grid-search" {
					given["radius"] = f.defaultRadius()
				}
				if err := f.ctx.Err(); err != nil {
					return err
				}
				if err := f.run(rv, given, label, start, steps, color, sweep, vi); err != nil {
					return err
				}
				color++ // every trajectory its own colour, sweep values too
			}
		}
	}
	return nil
}

// defaultRadius is the grid search's first radius: half the domain's
// shorter side.
func (f *figure) defaultRadius() float64 {
	d := f.s.Domain
	r := (d.X[1] - d.X[0]) / 2
	if f.s.Dim == 2 {
		r = min(r, (d.Y[1]-d.Y[0])/2)
	}
	return r
}

// run takes one run's steps and records it in the figure.
func (f *figure) run(r runSpec, given map[string]float64, label string, start []float64, steps, color, sweep, vi int) error {
	labelTeX := ""
	if plainmath.Has(label) {
		labelTeX, label = label, plainmath.Text(label)
	}
	settings, err := r.Method.Resolve(given)
	if err != nil {
		return err // Decode checked every value; this is a bug
	}
	tr := runOne(f.s, r, settings, start, steps, func() bool { return f.ctx.Err() != nil })
	params := map[string]any{}
	for k, x := range settings {
		if set, _ := r.Method.Setting(k); k == "line_search" {
			params[k] = map[bool]any{true: "strong_wolfe", false: nil}[x != 0]
		} else if set.Flag {
			params[k] = x != 0
		} else {
			params[k] = x
		}
	}
	if r.Batch > 0 {
		params["batch"] = r.Batch
	}
	if r.Schedule != nil {
		params["schedule"] = map[string]any{r.ScheduleKind: r.ScheduleSet}
	}
	if r.Clip > 0 {
		params["clip"] = r.Clip
	}
	if r.Noise > 0 {
		params["noise"], params["seed"] = r.Noise, r.Seed
	}
	idx := len(f.json.Runs)
	rj := runJSON{Label: label, Optimizer: r.Method.Name, Params: params,
		Points: tr.Points, Loss: tr.Loss, GradNorm: jsonFloats(tr.GradNorm),
		Diverged: tr.Diverged(), Color: svgviz.Color(color)}
	if tr.Diverged() {
		k := tr.StoppedAt
		rj.StoppedAt = &k
	}
	if sweep >= 0 {
		rj.Sweep = &sweepRef{Sweep: sweep, Index: vi}
		f.json.Sweeps[sweep].Runs = append(f.json.Sweeps[sweep].Runs, idx)
	}
	if rj.Points == nil {
		rj.Points, rj.Loss, rj.GradNorm = [][]float64{}, []float64{}, []jsonFloat{}
	}
	rj.Start, rj.Steps = start, steps
	if r.Method.Name == "nelder-mead" {
		_, sx := optim.NelderMead(f.s.Obj, start, steps)
		rj.Simplex = sx[:min(len(sx), len(tr.Points))]
	}
	if r.Method.Name == "grid-search" {
		rj.Grid = &gridJSON{Points: int(settings["points"]), Radius: make([]float64, len(tr.Points))}
		for k, rad := 0, settings["radius"]; k < len(tr.Points); k++ {
			rj.Grid.Radius[k] = rad // the radius of the probes around point k
			rad = float64(rad * settings["shrink"])
		}
	}
	rj.Live = f.json.Engine != nil && liveMethods[r.Method.Name] && r.Batch == 0 && r.Schedule == nil && r.Clip == 0 && r.Noise == 0
	rj.LR = tr.LR
	rj.SharedStart = r.Starts == nil && len(f.s.Starts) == 1
	f.json.Runs = append(f.json.Runs, rj)
	vr := svgviz.Run{Label: label, Color: color, Points: tr.Points,
		Loss: tr.Loss, Diverged: tr.Diverged(), StoppedAt: tr.StoppedAt, Simplex: rj.Simplex}
	if rj.Grid != nil {
		vr.Radius = rj.Grid.Radius
	}
	f.viz = append(f.viz, vr)
	row := finalRow(idx, label, svgviz.Color(color), tr, vi > 0)
	row.Dash, row.Diverged = svgviz.Dash(color), tr.Diverged()
	row.LabelTeX = labelTeX
	f.data.Runs = append(f.data.Runs, row)
	f.data.Steps = max(f.data.Steps, steps)
	return nil
}

// legend fills in what the page's legend and caption say besides the runs:
// the curves, the kinds of critical point drawn and which are left out,
// the function's parameters and the axes' names.
func (f *figure) legend(crit []svgviz.Critical) {
	s, d := f.s, f.data
	if len(s.Curves) > 0 {
		d.Keys = append(d.Keys, LegendKey{Label: s.Function})
		for i, c := range s.Curves {
			d.Keys = append(d.Keys, LegendKey{Label: plainmath.Text(c.Label), Color: svgviz.CurveColor(len(f.viz), i), Dash: svgviz.CurveDash})
		}
	}
	drawn := crit
	if s.Dim == 2 {
		drawn = svgviz.Thin(crit)
	}
	count := map[string]int{}
	for _, c := range crit {
		count[c.Kind]++
	}
	for _, k := range []string{optim.KindMinimum, optim.KindMaximum, optim.KindSaddle, optim.KindDegenerate} {
		if slices.ContainsFunc(drawn, func(c svgviz.Critical) bool { return c.Kind == k }) {
			d.Keys = append(d.Keys, LegendKey{Label: k, Kind: k, Glyph: svgviz.GlyphPath(k)})
		}
	}
	if len(drawn) < len(crit) {
		var parts []string
		for _, k := range []string{optim.KindMinimum, optim.KindMaximum, optim.KindSaddle, optim.KindDegenerate} {
			if n := count[k]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, plural(k, n)))
			}
		}
		which := "the minima"
		if len(drawn) < count[optim.KindMinimum] {
			which = map[bool]string{true: "the global minimum", false: fmt.Sprintf("the %d global minima", len(drawn))}[len(drawn) == 1]
		}
		d.CritNote = fmt.Sprintf("%d critical points in the domain (%s); the plot marks %s, and the figure's data lists them all.", len(crit), strings.Join(parts, ", "), which)
	}
	d.Params = paramsNote(s)
	d.XName, d.YName = orDefault(s.Axes[0], "x"), orDefault(s.Axes[1], "y")
}

func plural(kind string, n int) string {
	if n == 1 {
		return kind
	}
	return map[string]string{optim.KindMinimum: "minima", optim.KindMaximum: "maxima", optim.KindSaddle: "saddles", optim.KindDegenerate: "degenerate points"}[kind]
}

// paramsNote lists the function's parameters that differ from the
// catalog's defaults, or an expression's constants: "A = 0.04". The swept
// parameter of a family is left to its own caption.
func paramsNote(s *Spec) string {
	var parts []string
	add := func(name string, v float64) {
		if name != s.Param {
			parts = append(parts, name+" = "+formatNum(v))
		}
	}
	switch {
	case s.Catalog != nil:
		defaults, _ := optim.CatalogParams(s.Catalog.Name)
		for _, p := range defaults {
			if v := s.Catalog.Params[p.Name]; v != p.Default {
				add(p.Name, v)
			}
		}
	case s.Consts != nil:
		names := make([]string, 0, len(s.Consts))
		for k := range s.Consts {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			add(k, s.Consts[k])
		}
	}
	return strings.Join(parts, ", ")
}

// critical records the critical points in the JSON and returns them as
// svgviz draws them.
func (f *figure) critical(cps []optim.CriticalPoint) []svgviz.Critical {
	// Sized at once: a figure of an oscillating function has a hundred or
	// more, and doubling to them was 40 MB of a 1,000-lesson build.
	viz := make([]svgviz.Critical, 0, len(cps))
	f.json.CriticalPoints = slices.Grow(f.json.CriticalPoints, len(cps))
	ys := make([]float64, len(cps)) // one array for the JSON's y pointers
	for k, c := range cps {
		cj := criticalJSON{X: c.X[0], Value: c.Value, Kind: c.Kind}
		vc := svgviz.Critical{X: c.X[0], Value: c.Value, Kind: c.Kind}
		if len(c.X) > 1 {
			ys[k] = c.X[1]
			cj.Y, vc.Y = &ys[k], ys[k]
		}
		f.json.CriticalPoints = append(f.json.CriticalPoints, cj)
		viz = append(viz, vc)
	}
	if f.json.CriticalPoints == nil {
		f.json.CriticalPoints = []criticalJSON{}
	}
	return viz
}

// draw writes the landscape or curve and the loss plot. early is the contour
// layer drawn for earlyPlot before the critical points were known, or nil.
func (f *figure) draw(crit []svgviz.Critical, layers *layerCache, early *svgviz.ContourLayer, earlyPlot svgviz.Rect) error {
	s, id := f.s, f.id
	// Each plot's SVG is the string svgviz built it in, not a copy of it
	// (190 MB on the 1,000-lesson course).
	var main, loss string
	desc := describeFigure(s, len(f.viz))
	if s.Dim == 2 {
		l := landscape(s, id+"-map", f.viz, crit)
		l.Desc = desc
		layer, plot := early, l.PlotRect()
		if layer == nil || plot != earlyPlot {
			var err error
			if layer, err = layers.get(s, plot); err != nil {
				return err
			}
		}
		if layer == nil {
			return errors.New("contouring failed in another figure of the same function")
		}
		l.Layer = layer
		if f.hasView("contour") {
			var err error
			if main, err = l.SVG(); err != nil {
				return err
			}
		}
		if f.hasView("surface") {
			if err := f.drawSurface(layer.Scale()); err != nil {
				return err
			}
		}
	} else {
		c := svgviz.Curve{ID: id + "-map", Title: plainmath.Text(s.Title), Desc: desc, Runs: f.viz, Critical: crit, Bare: true, XName: s.Axes[0]}
		c.Xs, c.Ys = sampleCurve(s, 800)
		c.Label = s.Function
		for _, e := range s.Curves {
			c.Extra = append(c.Extra, svgviz.Series{Label: plainmath.Text(e.Label), Ys: sampleOn(e.Obj, c.Xs)})
			f.json.Curves = append(f.json.Curves, curveJSON{Label: e.Label, Function: e.Function})
		}
		var err error
		if main, err = c.SVG(); err != nil {
			return err
		}
	}
	if len(f.viz) > 0 { // no runs, no loss plot
		lp := svgviz.LossPlot{ID: id + "-loss", Title: "Loss per step", Desc: "Loss per step of each run in " + orDefault(plainmath.Text(s.Title), "this figure") + ".", Runs: f.viz, Bare: true}
		var err error
		if loss, err = lp.SVG(); err != nil {
			return err
		}
	}
	f.data.Main, f.data.Loss = main, loss
	if slices.Contains(s.View, "data") && s.Regress != nil {
		dp := svgviz.DataPlot{ID: id + "-data", Title: "The data and the fitted lines", T: s.Regress.T, U: s.Regress.U, Runs: f.viz, Bare: true}
		var err error
		if f.data.DataPlot, err = dp.SVG(); err != nil {
			return err
		}
	}
	return nil
}

// writeJSON writes the figure's data for the page script.
func (f *figure) writeJSON() error {
	js, err := appendFigureJSON(make([]byte, 0, jsonSize(f.json)), f.json)
	if err != nil {
		return err
	}
	// js is not written again: the string may share its bytes, as
	// strings.Builder's does, instead of copying 100 KB a figure.
	f.data.JSON = unsafe.String(unsafe.SliceData(js), len(js))
	return nil
}

// jsonSize is about the most a figure's JSON takes: 22 bytes a number (a
// float64's shortest form is at most 24, most take 17 to 20 and a comma),
// 3 a point's brackets, and room for the rest. Too little and the buffer
// is copied into one twice its size as it is written, a tenth of the JSON
// of the 1,000-lesson course.
func jsonSize(f *figureJSON) int {
	size := 4096 + 160*len(f.CriticalPoints)
	for _, r := range f.Runs {
		n := len(r.Loss) + len(r.GradNorm) + len(r.LR) + len(r.Start)
		for _, p := range r.Points {
			n += len(p)
		}
		for _, s := range r.Simplex {
			for _, v := range s {
				n += len(v)
			}
			size += 3 * len(s)
		}
		size += 22*n + 3*(len(r.Points)+len(r.Simplex)) + 512
	}
	return size
}

// landscape is s's contour plot as svgviz draws it in a page: bare, its
// title and legend in the page's HTML.
func landscape(s *Spec, id string, runs []svgviz.Run, crit []svgviz.Critical) svgviz.Landscape {
	l := svgviz.Landscape{ID: id, Title: plainmath.Text(s.Title), Levels: s.Levels, Runs: runs, Critical: crit,
		Bare: true, XName: s.Axes[0], YName: s.Axes[1]}
	l.Grid.Domain = svgviz.Domain{X0: s.Domain.X[0], X1: s.Domain.X[1], Y0: s.Domain.Y[0], Y1: s.Domain.Y[1]}
	return l
}

// kindFreePlot returns the plot rectangle of s's landscape if it is the same
// whichever kinds of critical point the legend will list, so that the
// contours can be drawn before the critical points are found.
func kindFreePlot(s *Spec, runs []svgviz.Run) (svgviz.Rect, bool) {
	l := landscape(s, "", runs, nil)
	none := l.PlotRect()
	for _, k := range []string{optim.KindMinimum, optim.KindMaximum, optim.KindSaddle, optim.KindDegenerate} {
		l.Critical = append(l.Critical, svgviz.Critical{Kind: k})
	}
	return none, l.PlotRect() == none
}

// runOne takes the steps of one run.
func runOne(s *Spec, r runSpec, settings map[string]float64, start []float64, steps int, stop func() bool) optim.Trajectory {
	if r.Method.Path != nil {
		return optim.RunPath(s.Obj, start, r.Method.Path(s.Obj, start, steps))
	}
	var batch func(grad, x []float64)
	if r.Batch > 0 && s.Regress != nil {
		batch = s.Regress.MiniBatches(r.Batch, s.Seed)
	}
	return optim.RunWith(s.Obj, r.Method.New(settings, s.Obj), start, steps,
		optim.Options{StepGrad: batch, Schedule: r.Schedule, LR: settings["lr"], Clip: r.Clip, Noise: r.Noise, Seed: r.Seed, Stop: stop})
}

// runLabel is the author's label, or the optimizer with the settings the
// author wrote ("adam, lr=0.05"), and the start when a run has several.
func runLabel(r runSpec, given map[string]float64, start []float64, showStart bool) string {
	label := r.Label
	if label == "" {
		parts := []string{r.Method.Name}
		for _, set := range r.Method.Settings {
			if v, ok := given[set.Name]; ok {
				if set.Name == "line_search" {
					parts = append(parts, map[bool]string{true: "strong_wolfe", false: "no line search"}[v != 0])
				} else if set.Flag {
					parts = append(parts, fmt.Sprintf("%s=%t", set.Name, v != 0))
				} else {
					parts = append(parts, set.Name+"="+formatNum(v))
				}
			}
		}
		if r.Batch > 0 {
			parts = append(parts, "batch="+strconv.Itoa(r.Batch))
		}
		if r.ScheduleKind != "" {
			parts = append(parts, r.ScheduleKind+" schedule")
		}
		if r.Clip > 0 {
			parts = append(parts, "clip="+formatNum(r.Clip))
		}
		if r.Noise > 0 {
			parts = append(parts, "noise="+formatNum(r.Noise))
		}
		label = strings.Join(parts, ", ")
	} else if r.Sweep == "batch" {
		label += ", batch=" + strconv.Itoa(r.Batch)
	} else if r.Sweep != "" {
		label += ", " + r.Sweep + "=" + formatNum(given[r.Sweep])
	}
	if showStart {
		label += " from " + formatPoint(start)
	}
	return label
}

func finalRow(idx int, label, color string, tr optim.Trajectory, hidden bool) Row {
	row := Row{Index: idx, Label: label, Color: color, Hidden: hidden, Final: "—", Loss: "—"}
	if n := len(tr.Points); n > 0 {
		row.Final = formatPoint(tr.Points[n-1])
		row.Loss = strconv.FormatFloat(tr.Loss[n-1], 'g', 5, 64)
	}
	if tr.Diverged() {
		row.Status = fmt.Sprintf("diverged at step %d", tr.StoppedAt)
	} else {
		row.Status = fmt.Sprintf("%d steps", len(tr.Points)-1)
	}
	return row
}

func formatNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func formatAll(vs []float64) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = formatNum(v)
	}
	return out
}

func formatPoint(p []float64) string {
	parts := make([]string, len(p))
	for i, v := range p {
		parts[i] = strconv.FormatFloat(v, 'g', 5, 64)
	}
	if len(p) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func describeFigure(s *Spec, runs int) string {
	what := "Contour plot of " + s.Function
	if s.Dim == 1 {
		what = "Graph of " + s.Function
	}
	if runs == 0 {
		return what + " with its critical points."
	}
	return fmt.Sprintf("%s with %d optimizer run(s); the table below the figure lists each run's final point and loss.", what, runs)
}

// sampleGrid evaluates f at about one point per pixel of the plot, at most
// 400 a side.
func sampleGrid(s *Spec, plot svgviz.Rect) svgviz.Grid {
	nx := min(400, max(50, int(math.Ceil(plot.W))))
	ny := min(400, max(50, int(math.Ceil(plot.H))))
	xs, ys := linspace(s.Domain.X, nx), linspace(s.Domain.Y, ny)
	// Room for the contour layer's border, so that it needs no copy.
	values := make([]float64, nx*ny, (nx+2)*(ny+2))
	optim.EvalGridInto(values, s.Obj, xs, ys)
	return svgviz.Grid{
		Domain: svgviz.Domain{X0: s.Domain.X[0], X1: s.Domain.X[1], Y0: s.Domain.Y[0], Y1: s.Domain.Y[1]},
		NX:     nx, NY: ny, Values: values, Scratch: true,
	}
}

func sampleCurve(s *Spec, n int) (xs, ys []float64) {
	xs = linspace(s.Domain.X, n)
	return xs, sampleOn(s.Obj, xs)
}

// sampleOn evaluates a 1-D function at xs.
func sampleOn(f optim.Objective, xs []float64) []float64 {
	ys := make([]float64, len(xs))
	p := []float64{0}
	for i, x := range xs {
		p[0] = x
		ys[i] = f.Func(p)
	}
	return ys
}

func linspace(iv [2]float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = iv[0] + float64(i)*(iv[1]-iv[0])/float64(n-1)
	}
	out[n-1] = iv[1]
	return out
}
