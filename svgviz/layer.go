package svgviz

import "errors"

// ContourLayer is a landscape's filled bands and isolines, drawn once in
// plot-local coordinates (the plot's top-left corner at 0, 0). Contouring is
// most of a figure's cost, and many figures draw the same function over the
// same domain at the same levels and plot size: they can share one layer,
// which each figure places on its plot with a translation, whatever its
// title, legend or runs. A layer is immutable and safe for concurrent use.
type ContourLayer struct {
	domain Domain
	w, h   float64 // the plot size it was drawn for
	levels int     // number of levels, for the description
	scale  Scale   // the levels and the range of values they came from
	body   string  // the layer's elements, without the enclosing group
}

// ErrLayer is returned by WriteSVG when a Landscape's Layer was drawn for
// another domain or plot size.
var ErrLayer = errors.New("svgviz: contour layer drawn for another domain or plot size")

// NewContourLayer contours g at the levels l chooses, for a plot of w × h
// viewBox units (a [Landscape.PlotRect]'s size).
func NewContourLayer(g Grid, l Levels, w, h float64) (*ContourLayer, error) {
	if !g.ok() {
		return nil, ErrGrid
	}
	d := g.Domain
	if !d.valid() {
		return nil, ErrDomain
	}
	sc := NewScale(g, l)
	var sw svgWriter
	sw.writeBands(g, sc.Levels, view{Rect{0, 0, w, h}, d.X0, d.X1, d.Y0, d.Y1})
	return &ContourLayer{domain: d, w: w, h: h, levels: len(sc.Levels), scale: sc, body: sw.String()}, nil
}

// Levels returns the number of contour levels drawn.
func (c *ContourLayer) Levels() int { return c.levels }

// Scale returns the levels and value range the layer was drawn with, for a
// surface that should agree with it.
func (c *ContourLayer) Scale() Scale { return c.scale }

// Size returns the number of bytes the layer adds to a figure.
func (c *ContourLayer) Size() int { return len(c.body) }

// fits reports whether c was drawn for the domain d on the plot p.
func (c *ContourLayer) fits(d Domain, p Rect) bool {
	return c.domain == d && c.w == p.W && c.h == p.H
}

// write places the layer with its top-left corner at the plot's.
func (w *svgWriter) writeLayer(c *ContourLayer, plot Rect) {
	w.group(attr("transform", "translate("+formatCoord(plot.X)+" "+formatCoord(plot.Y)+")"),
		`fill-rule="evenodd"`, `stroke="#000"`, `stroke-opacity=".25"`, `stroke-width=".5"`)
	w.WriteString(c.body)
	w.end()
}
