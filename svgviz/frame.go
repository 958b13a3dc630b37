package svgviz

import (
	"math"
	"strings"
)

// Rect is a rectangle in viewBox units: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// view places the world box [x0,x1]×[y0,y1] on the plot rectangle.
type view struct {
	plot           Rect
	x0, x1, y0, y1 float64
}

// toScreen maps world (x, y) to viewBox coordinates. It is the only place
// where y is flipped:
//
//	sx = L + (x-x0)/(x1-x0)·W,  sy = T + (y1-y)/(y1-y0)·H
func (v view) toScreen(x, y float64) Point {
	return Point{
		v.plot.X + (x-v.x0)/(v.x1-v.x0)*v.plot.W,
		v.plot.Y + (v.y1-y)/(v.y1-v.y0)*v.plot.H,
	}
}

// Layout constants, in viewBox units (CSS pixels at the default width).
const (
	defaultWidth = 640
	fontSize     = 12   // ticks, legend, axis names
	titleSize    = 14   // figure title
	tickLen      = 4    // tick marks, outside the plot
	legendGap    = 18   // between plot and legend
	legendRow    = 20   // legend line height
	minAspect    = 0.4  // plot height/width is kept within these bounds
	maxAspect    = 1.25 //
	maxPlotH     = 0.72 // with automatic height, the plot is at most this × width tall
)

// A frame is the figure's layout: its size, the plot rectangle and where the
// legend starts.
type frame struct {
	width, height float64
	plot          Rect
	legend        Point // top-left of the legend; unused without one
}

// frameSpec says what a figure needs around its plot.
type frameSpec struct {
	width, height int     // requested size; 0 means default width, height from aspect
	aspect        float64 // wanted plot height/width
	fixedAspect   bool    // keep aspect even when height is given (equal axes)
	title         bool
	left          float64 // room for y tick labels and the y axis name
	right         float64 // room the x axis's last tick label needs right of the plot (xLabelRoom)
	legendW       float64 // legend width, 0 for none
	legendH       float64 // legend height
	bare          bool    // no title or legend; margins for phone-sized text
}

// phoneText is how much larger a page may set a bare figure's text than
// fontSize: at 390 CSS px a 640-unit figure is drawn at about 0.56 scale,
// and the page sets its text to 21 units so it reads at 11.7 px. Bare
// figures leave room for text that large.
const phoneText = 1.75

// textScale is how much larger than fontSize the text of a figure may be
// drawn.
func textScale(bare bool) float64 {
	if bare {
		return phoneText
	}
	return 1
}

// narrowWidth is the figure width below which the legend goes under the
// plot instead of beside it.
const narrowWidth = 480

// layout computes a frame. Sizes are whole units so that data-plot, which
// page scripts read, is exact.
func layout(s frameSpec) frame {
	w := float64(s.width)
	if w <= 0 {
		w = defaultWidth
	}
	top := 12.0
	if s.title {
		top = 36
	}
	bottom := 42.0
	if s.bare {
		top, bottom = 12, 62
		s.legendW, s.legendH = 0, 0
	}
	below := s.legendW > 0 && w < narrowWidth
	right, under := max(14.0, s.right), 0.0 // room for the legend beside and under the plot
	switch {
	case below:
		under = s.legendH + 8
	case s.legendW > 0:
		right = s.legendW + legendGap + 8
	}
	left := math.Ceil(s.left)
	pw := math.Max(w-left-right, 40)
	aspect := math.Min(math.Max(s.aspect, minAspect), maxAspect)
	var ph, h float64
	if s.height > 0 {
		h = float64(s.height)
		ph = math.Max(h-top-bottom-under, 40)
		if s.fixedAspect {
			if pw*aspect > ph {
				pw = ph / aspect
			} else {
				ph = pw * aspect
			}
		}
	} else {
		ph = pw * aspect
		if limit := maxPlotH * w; ph > limit && !s.bare {
			ph = limit
			pw = ph / aspect
		}
		h = top + math.Round(ph) + bottom + under
		if !below {
			h = top + math.Max(math.Round(ph), s.legendH) + bottom
		}
	}
	pw, ph = math.Round(pw), math.Round(ph)
	fr := frame{
		width:  w,
		height: h,
		plot:   Rect{left, top, pw, ph},
		legend: Point{left + pw + legendGap, top + 4},
	}
	if below {
		fr.legend = Point{left, top + ph + bottom}
	}
	return fr
}

// textWidth estimates the width of s at fontSize from rough classes of
// character widths, erring wide (DejaVu Sans, a common system-ui fallback,
// is wider than most).
func textWidth(s string) float64 {
	em := 0.0
	for _, r := range s {
		em += charEm(r)
	}
	return em * fontSize
}

// charEm returns the estimated advance of r in em.
func charEm(r rune) float64 {
	switch {
	case strings.ContainsRune(" .,:;'|!()[]{}ijl", r):
		return 0.36
	case strings.ContainsRune("frt", r):
		return 0.45
	case strings.ContainsRune("mwMW", r):
		return 0.95
	case r >= 'A' && r <= 'Z':
		return 0.72
	case r < 128:
		return 0.62
	}
	return 0.8
}
