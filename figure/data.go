package figure

// Data is a computed figure: everything a page shows of one landscape
// directive, ready to be placed in the theme's figure template. Its
// fields are plain values so that a cache can keep it as it is (package
// store keeps its gob); the site wraps the markup fields for templates.
type Data struct {
	ID       string // unique on the page; also the figure's element id
	Title    string // caption; may be ""; its formulas as plain text
	TitleTeX string // the caption as written, when it holds $…$ formulas, for the site's MathML
	Function string // the function's display name, e.g. "rosenbrock" or "x^2+y^2"
	Formula  string // the function's formula as MathML, or ""; the site fills it
	Dim      int    // 1 or 2
	Steps    int    // the largest step count of any run
	Main     string // the landscape (2-D) or curve (1-D) SVG, from svgviz
	Loss     string // the loss-per-step SVG, from svgviz
	DataPlot string // the regression's data and fitted lines (view: data), or ""
	Surface  string // the surface view's SVG (view: surface), or ""
	Runs     []Row
	Keys     []LegendKey // the legend's other entries: curves, then critical kinds
	CritNote string      // which critical points are drawn when not all are, or ""
	Params   string      // the function's parameters that differ from the catalog's defaults, "A = 0.04"
	XName    string      // the axes' names, "x" and "y" unless the author named them
	YName    string
	Sweeps   []Sweep
	JSON     string // the figure's data (SPEC §6), safe inside <script type="application/json">

	// A parameter sweep (params: {c: [0.2, 0.5]}) is one figure per value:
	// the outer Data holds them in Variants and only ID, Title, Function,
	// Formula and Param; each variant has its Param and Value.
	Variants []*Data
	Param    string // the swept parameter, "c"
	Value    string // a variant's value, formatted, "0.47"
}

// Row is one run's row in the no-JavaScript table of final values.
type Row struct {
	Index int // position in the JSON runs array and data-run in the SVG
	Label string
	// LabelTeX is the label as written, when it holds $…$ formulas: the
	// site writes them as MathML; Label has them as plain text.
	LabelTeX string
	Color    string // CSS colour of the run's path
	Final    string // final point, formatted, e.g. "(0.9999, 0.9998)"
	Loss     string // final loss, formatted
	Status   string // "200 steps", "diverged at step 37"
	Hidden   bool   // a sweep variant other than the first: hidden until selected
	Dash     string // stroke-dasharray of its path, or "" for solid
	Diverged bool
}

// LegendKey is one entry of the legend besides the runs: a kind of critical
// point, or a 1-D figure's curve.
type LegendKey struct {
	Label string // "minimum", "MAE"
	Kind  string // minimum, maximum, saddle, degenerate; "" for a curve
	Color string // a curve's colour, "" for currentColor
	Dash  string // a curve's dash
	Glyph string // a critical kind's marker as path data around (0, 0)
}

// Sweep is one list-valued setting: a slider picks which of its runs shows.
type Sweep struct {
	ID      int      // sweep index, matches "sweeps" in the JSON
	Setting string   // "lr"
	Values  []string // formatted values, in slider order
}

// SplitBlobs returns d without its SVGs and JSON, and those strings, which
// a cache folder writes as they are (store.Blobs): they are most of a
// figure's bytes.
func (d *Data) SplitBlobs() (*Data, []string) {
	if d == nil { // gob refuses it, as it did before SplitBlobs
		return nil, nil
	}
	c := *d
	blobs := []string{d.Main, d.Loss, d.DataPlot, d.Surface, d.JSON}
	c.Main, c.Loss, c.DataPlot, c.Surface, c.JSON = "", "", "", "", ""
	c.Variants = nil
	for _, v := range d.Variants {
		if v == nil { // gob refuses it, as it did before SplitBlobs
			c.Variants = append(c.Variants, nil)
			continue
		}
		vc, vb := v.SplitBlobs()
		c.Variants = append(c.Variants, vc)
		blobs = append(blobs, vb...)
	}
	return &c, blobs
}

// JoinBlobs puts back what SplitBlobs took out, reporting false if blobs
// are not as many as d holds.
func (d *Data) JoinBlobs(blobs []string) bool {
	rest, ok := d.joinBlobs(blobs)
	return ok && len(rest) == 0
}

func (d *Data) joinBlobs(b []string) ([]string, bool) {
	const own = 5 // as SplitBlobs lists them
	if len(b) < own {
		return nil, false
	}
	d.Main, d.Loss, d.DataPlot, d.Surface, d.JSON = b[0], b[1], b[2], b[3], b[4]
	b = b[own:]
	for _, v := range d.Variants {
		var ok bool
		if b, ok = v.joinBlobs(b); !ok {
			return nil, false
		}
	}
	return b, true
}
