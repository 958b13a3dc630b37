package svgviz

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
)

// svgWriter renders a figure into memory; the figure reaches the caller's
// writer in one Write, so a write error is reported once and never half-way.
type svgWriter struct {
	bytes.Buffer
	id string // cleaned ID, the prefix of every element id
}

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.Buffer, format, args...) }

// header describes the root element of a figure.
type header struct {
	id, title, desc string
	kind            string // <title> when title is empty, e.g. "Contour plot"
	fr              frame
	v               view
	yscale          string // "" to leave out data-yscale
}

// open writes the root <svg> with its accessibility and page-script
// attributes, then <title>, <desc> and the plot's clip path.
func (w *svgWriter) open(h header) {
	w.id = cleanID(h.id)
	p := h.fr.plot
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s"`,
		formatCoord(h.fr.width), formatCoord(h.fr.height), formatCoord(h.fr.width), formatCoord(h.fr.height))
	w.printf(` role="img" aria-labelledby="%s-title %s-desc"`, w.id, w.id)
	w.printf(` data-x0="%s" data-x1="%s" data-y0="%s" data-y1="%s"`,
		formatWorld(h.v.x0), formatWorld(h.v.x1), formatWorld(h.v.y0), formatWorld(h.v.y1))
	if h.yscale != "" {
		w.printf(` data-yscale="%s"`, h.yscale)
	}
	w.printf(` data-plot="%s %s %s %s"`, formatCoord(p.X), formatCoord(p.Y), formatCoord(p.W), formatCoord(p.H))
	w.printf(` font-family="system-ui,sans-serif" font-size="%d" fill="currentColor">`, fontSize)
	name := h.title
	if name == "" {
		name = h.kind
	}
	w.printf(`<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, w.id, esc(name), w.id, esc(h.desc))
	w.printf(`<clipPath id="%s-clip"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`,
		w.id, formatCoord(p.X), formatCoord(p.Y), formatCoord(p.W), formatCoord(p.H))
	if h.title != "" {
		// Bold text at titleSize is about 1.25 times as wide as textWidth says.
		room := (h.fr.width - p.X - 8) / 1.25 * fontSize / titleSize
		w.printf(`<text x="%s" y="22" font-size="%d" font-weight="600">%s</text>`,
			formatCoord(p.X), titleSize, esc(cutText(h.title, room)))
	}
}

// clipped opens a group clipped to the plot rectangle.
func (w *svgWriter) clipped() { w.printf(`<g clip-path="url(#%s-clip)">`, w.id) }

func (w *svgWriter) close(tag string) { w.printf("</%s>", tag) }

// flush writes the figure to dst.
func (w *svgWriter) flush(dst io.Writer) error {
	w.WriteString("</svg>\n")
	_, err := dst.Write(w.Bytes())
	return err
}

// esc escapes author text for element content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

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
