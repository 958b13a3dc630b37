package lesson

import (
	"html/template"
	"strings"

	"descent/figure"
	"descent/markup"
	"descent/plainmath"
)

// This file is the contract between the site build and the theme in
// layouts/: the values every template receives. Templates may use any field;
// the build fills every one.

// Link is a titled address relative to the site root, such as
// "concepts/saddle-points/" (always with a trailing slash for pages; "" is
// the home page).
type Link struct {
	Title string
	URL   string
}

// SiteData is what layouts know of the whole course.
type SiteData struct {
	Title       string
	Description string
	BaseURL     string        // absolute, with a trailing slash; "" when unknown
	Language    string        // for <html lang>, default "en"
	LiveReload  bool          // true only under cmd/serve: include the reload script
	Sections    []SectionData // the top-level sections, in order
	Lessons     []Link        // lessons beside the home page, outside any section
	References  *Link         // the page listing every work the course cites, if it has a bibliography
}

// SectionData is one folder of lessons, in weight order.
type SectionData struct {
	Title    string
	URL      string
	Summary  string        // the section's description
	Content  template.HTML // body of the folder's _index.md, rendered
	Lessons  []Link
	Sections []SectionData // its subsections, in order
}

// NavItem is one entry of the sidebar's list of a section: a lesson or a
// subsection (Section), Href its address from this page, Current when it
// is this page, Open when this page is inside it; an open subsection
// lists its own Items. Title and URL are a Link's, as fields of its own:
// text/template finds a field of an embedded struct by a search that
// allocates, at every item of every page's sidebar. Link is the item's
// link as the default theme writes it, <a href="Href">Title</a> with
// aria-current="page" when Current, escaped by html/template: made once
// for all the pages whose sidebars list the item (see navLinks).
type NavItem struct {
	Title   string
	URL     string
	Href    string
	Section bool
	Current bool
	Open    bool
	Items   []NavItem
	Link    template.HTML
}

// PageData is handed to index.html, section.html, lesson.html and 404.html
// (each executed as the "base" template after cloning base.html).
type PageData struct {
	Site        SiteData
	Kind        string        // "home", "section", "lesson" or "404"
	Title       string        // formulas as Unicode text: for <title>, links and attributes
	Description string        // the page's own; "" if it has none (the theme falls back on Site.Description); as Title
	URL         string        // this page, relative to the site root
	Root        string        // relative prefix from this page to the site root: "", "../", "../../"
	Content     template.HTML // rendered Markdown
	TOC         []TOCEntry    // the page's h2/h3 headings, for a table of contents
	Section     *SectionData  // the lesson's section (lesson and section pages)
	Chapter     *SectionData  // the top-level section the page is in (Section itself in a one-level course)
	Breadcrumbs []Link        // the sections around the page, outermost first

	// TitleHTML and DescriptionHTML are Title and Description escaped,
	// with their $…$ formulas as MathML: for the page's heading and lead.
	TitleHTML, DescriptionHTML template.HTML

	// NavLessons is what the navigation lists of the Chapter's lessons and
	// subsections: all of them, or in a section of more than NavWindow,
	// the NavWindow nearest this page, so that a page's size and a build's
	// time do not grow with the square of the section; the subsections
	// around this page list theirs the same way. NavBefore and NavAfter
	// say whether items were left out before and after them.
	NavLessons          []NavItem
	NavBefore, NavAfter bool
	// NavSections is what the navigation lists of the course's sections:
	// all of them, or the NavWindow nearest this page's (the first ones
	// on pages outside a section); NavSectionsBefore and NavSectionsAfter
	// say whether some were left out. The home page lists them all.
	NavSections                         []SectionData
	NavSectionsBefore, NavSectionsAfter bool
	Prev, Next                          *Link // neighbouring lessons across the whole course, in reading order
	HasMath                             bool  // the page holds MathML
	HasFigures                          bool  // the page holds landscape figures: include landscape.js
	HasQuizzes                          bool  // the page holds quizzes: include quiz.js
}

// TOCEntry is one heading: Level (2 or 3), ID and Title.
type TOCEntry = markup.TOCEntry

// FigureData is handed to figure.html, once per landscape directive.
type FigureData struct {
	ID        string        // unique on the page; also the figure's element id
	Number    int           // the figure's number on the page ("Figure 3"), counting image figures with ids too
	Title     string        // caption; may be ""; its formulas as plain text
	TitleHTML template.HTML // the caption with its $…$ formulas as MathML, or "" when it has none
	Function  string        // the function's display name, e.g. "rosenbrock" or "x^2+y^2"
	Formula   template.HTML // the function's formula as MathML, or ""
	Dim       int           // 1 or 2
	Steps     int           // the largest step count of any run
	Main      template.HTML // the landscape (2-D) or curve (1-D) SVG, from svgviz
	Loss      template.HTML // the loss-per-step SVG, from svgviz
	DataPlot  template.HTML // the regression's data and fitted lines, or "" (view: [contour, data])
	Surface   template.HTML // the surface view, or "" (view: [contour, surface])
	Runs      []FigureRun
	Keys      []figure.LegendKey // the legend's other entries: curves (Kind ""), then critical kinds with their Glyph
	CritNote  string             // which critical points the plot leaves out, or ""
	Params    string             // the function's parameters that differ from the catalog's defaults, "A = 0.04"
	XName     string             // the axes' names, for the table's heading
	YName     string
	Sweeps    []Sweep
	JSON      template.JS // the figure's data (SPEC §6), already safe for <script type="application/json">

	// A parameter sweep (params: {c: [0.2, 0.5]}) is one figure per value,
	// drawn by the template "family": the outer FigureData holds them in
	// Variants, with ID, Title, TitleHTML, Function, Formula and Param.
	// Each variant has its Param and Value ("0.47").
	Variants     []FigureData
	Param, Value string
}

// FigureRun is one run's row in the no-JavaScript table of final values:
// Index (its position in the JSON runs and data-run in the SVG), Label,
// Color, Final (the final point, formatted), Loss, Status ("200 steps",
// "diverged at step 37") and Hidden (a sweep value other than the first).
// LabelHTML is the label with its $…$ formulas as MathML, or "". The
// fields are figure.Row's, as fields of its own: text/template finds a
// field of an embedded struct by a search that allocates, at every run of
// every figure.
type FigureRun struct {
	Index                     int
	Label, Color, Final, Loss string
	Status, Dash              string
	Hidden, Diverged          bool
	LabelHTML                 template.HTML
}

// Sweep is one list-valued setting, whose slider picks which of its runs
// shows: ID (its index in the JSON's "sweeps"), Setting and Values
// (formatted, in slider order).
type Sweep = figure.Sweep

// figureData wraps a computed figure's markup for the figure template; the
// caption's and labels' formulas become MathML through conv. The error
// names the key whose formula does not convert.
func figureData(d *figure.Data, conv *markup.Converter) (FigureData, string, error) {
	fd := FigureData{ID: d.ID, Title: d.Title, Function: d.Function, Formula: template.HTML(d.Formula),
		Dim: d.Dim, Steps: d.Steps, Main: template.HTML(d.Main), Loss: template.HTML(d.Loss), DataPlot: template.HTML(d.DataPlot), Surface: template.HTML(d.Surface),
		Sweeps: d.Sweeps, JSON: template.JS(d.JSON), Param: d.Param, Value: d.Value,
		Keys: d.Keys, CritNote: d.CritNote, Params: d.Params, XName: d.XName, YName: d.YName}
	var err error
	if d.TitleTeX != "" {
		if fd.TitleHTML, err = mathText(conv, d.TitleTeX); err != nil {
			return fd, "title", err
		}
	}
	for _, r := range d.Runs {
		row := FigureRun{Index: r.Index, Label: r.Label, Color: r.Color, Final: r.Final, Loss: r.Loss,
			Status: r.Status, Dash: r.Dash, Hidden: r.Hidden, Diverged: r.Diverged}
		if r.LabelTeX != "" {
			if row.LabelHTML, err = mathText(conv, r.LabelTeX); err != nil {
				return fd, "runs", err
			}
		}
		fd.Runs = append(fd.Runs, row)
	}
	for _, v := range d.Variants {
		vc := *v // the cache's copy stays as it is
		vc.Formula = d.Formula
		vd, key, err := figureData(&vc, conv)
		if err != nil {
			return fd, key, err
		}
		vd.TitleHTML = fd.TitleHTML
		fd.Variants = append(fd.Variants, vd)
	}
	return fd, "", nil
}

// mathText is text with $…$ formulas (read as plainmath.Split reads them):
// the text escaped, the formulas as inline MathML.
func mathText(conv *markup.Converter, s string) (template.HTML, error) {
	var b strings.Builder
	for _, sp := range plainmath.Split(s) {
		if !sp.Math {
			b.WriteString(template.HTMLEscapeString(sp.Text))
			continue
		}
		m, err := conv.Formula(sp.Text, false)
		if err != nil {
			return "", err
		}
		b.WriteString(m)
	}
	return template.HTML(b.String()), nil
}
