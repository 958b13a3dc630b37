package svgviz

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	svg "github.com/ajstarks/svgo/float"
)

// svgWriter renders a figure into memory; the figure reaches the caller's
// writer in one Write, so a write error is reported once and never half-way.
// svgo writes the elements; we write the root <svg> (svgo's Start writes an
// XML prolog, wrong inside HTML) and the path data, which svgo takes as
// given. Author text goes only through svgo's Text, Title and Desc, which
// escape it; attribute strings go out verbatim, so they hold only our own
// values.
type svgWriter struct {
	strings.Builder
	s    *svg.SVG
	id   string     // cleaned ID, the prefix of every element id
	simp simplifier // reused by every run's trail: simplify allocated three arrays a call
	pd   pathData   // and its path data, which grew anew for each
}

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.Builder, format, args...) }

// svg returns the svgo writer onto w's buffer.
func (w *svgWriter) svg() *svg.SVG {
	if w.s == nil {
		w.s = svg.New(&w.Builder)
	}
	return w.s
}

// at rounds coordinates to tenths of a pixel, as path data is, and sets
// svgo's decimals to the fewest that write all of them exactly, so that a
// whole pixel is written 12 rather than 12.0.
func (w *svgWriter) at(vs ...float64) []float64 {
	s := w.svg()
	s.Decimals = 0
	out := make([]float64, len(vs))
	for i, v := range vs {
		t := tenths(v)
		out[i] = float64(t) / 10
		if t%10 != 0 {
			s.Decimals = 1
		}
	}
	return out
}

func (w *svgWriter) circle(x, y, r float64, attrs ...string) {
	c := w.at(x, y, r)
	w.s.Circle(c[0], c[1], c[2], attrs...)
}

func (w *svgWriter) rect(x, y, width, height float64, attrs ...string) {
	c := w.at(x, y, width, height)
	w.s.Rect(c[0], c[1], c[2], c[3], attrs...)
}

func (w *svgWriter) line(x1, y1, x2, y2 float64, attrs ...string) {
	c := w.at(x1, y1, x2, y2)
	w.s.Line(c[0], c[1], c[2], c[3], attrs...)
}

// text writes t, escaped, at (x, y).
func (w *svgWriter) text(x, y float64, t string, attrs ...string) {
	c := w.at(x, y)
	w.s.Text(c[0], c[1], t, attrs...)
}

// path writes a path whose data d we built.
func (w *svgWriter) path(d string, attrs ...string) { w.svg().Path(d, attrs...) }

// group opens a <g> with attrs; end closes it.
func (w *svgWriter) group(attrs ...string) { w.svg().Group(attrs...) }
func (w *svgWriter) end()                  { w.svg().Gend() }

// attr is one attribute, name="value", for svgo's attribute lists; value is
// ours, never author text.
func attr(name, value string) string { return name + `="` + value + `"` }

// header describes the root element of a figure.
type header struct {
	id, title, desc string
	kind            string // <title> when title is empty, e.g. "Contour plot"
	fr              frame
	v               view
	yscale          string // "" to leave out data-yscale
	bare            bool   // no title text: the page shows it
	extra           string // more attributes of the root, ours only, with a leading space
}

// open writes the root <svg> with its accessibility and page-script
// attributes, then <title>, <desc> and the plot's clip path.
func (w *svgWriter) open(h header) {
	w.id = cleanID(h.id)
	p := h.fr.plot
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s"`,
		formatCoord(h.fr.width), formatCoord(h.fr.height), formatCoord(h.fr.width), formatCoord(h.fr.height))
	w.printf(` role="img"`) // named and described by its <title> and <desc>
	w.printf(` data-x0="%s" data-x1="%s" data-y0="%s" data-y1="%s"`,
		formatWorld(h.v.x0), formatWorld(h.v.x1), formatWorld(h.v.y0), formatWorld(h.v.y1))
	if h.yscale != "" {
		w.printf(` data-yscale="%s"`, h.yscale)
	}
	w.printf(` data-plot="%s %s %s %s"`, formatCoord(p.X), formatCoord(p.Y), formatCoord(p.W), formatCoord(p.H))
	w.WriteString(h.extra)
	w.printf(` font-family="system-ui,sans-serif" font-size="%d" fill="currentColor">`, fontSize)
	name := h.title
	if name == "" {
		name = h.kind
	}
	s := w.svg()
	s.Title(name)
	s.Desc(h.desc)
	s.ClipPath(attr("id", w.id+"-clip"))
	w.rect(p.X, p.Y, p.W, p.H)
	s.ClipEnd()
	if h.title != "" && !h.bare {
		// Bold text at titleSize is about 1.25 times as wide as textWidth says.
		room := (h.fr.width - p.X - 8) / 1.25 * fontSize / titleSize
		w.text(p.X, 22, cutText(h.title, room), attr("font-size", strconv.Itoa(titleSize)), `font-weight="600"`)
	}
}

// clipped opens a group clipped to the plot rectangle.
func (w *svgWriter) clipped() { w.group(attr("clip-path", "url(#"+w.id+"-clip)")) }

// finish ends the figure and returns it.
func (w *svgWriter) finish() string {
	w.WriteString("</svg>\n")
	return w.String()
}

// writeSVG writes the SVG element that draw makes to dst.
func writeSVG(dst io.Writer, draw func() (*svgWriter, error)) error {
	w, err := draw()
	if err != nil {
		return err
	}
	_, err = io.WriteString(dst, w.finish())
	return err
}

// svgString is the SVG element that draw makes: the writer's own string,
// handed over, not copied (a figure's plot is tens of kilobytes).
func svgString(draw func() (*svgWriter, error)) (string, error) {
	w, err := draw()
	if err != nil {
		return "", err
	}
	return w.finish(), nil
}

// cleanID keeps letters, digits, '-' and '_' of id, replacing anything else
// with '-'; an empty id becomes "fig".
func cleanID(id string) string {
	if id == "" {
		return "fig"
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, id)
}

// formatWorld formats a world coordinate for data attributes: the shortest
// text that reads back as the same float64.
func formatWorld(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatValue formats a world number for people (titles and descriptions).
func formatValue(v float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(v, 'g', 4, 64), "-", "−")
}
