package svgviz

import (
	"math"
	"strconv"
)

// pathData writes compact SVG path data: coordinates in whole tenths of a
// pixel, one absolute move, then relative commands (m, l, h, v, z), command
// letters only where they change, and separators only where needed
// ("l1.5.5-2" is 1.5, .5, -2). Positions are rounded before differencing, so
// relative steps never drift.
type pathData struct {
	b        []byte
	cx, cy   int64 // current point, tenths
	sx, sy   int64 // start of the current subpath, tenths
	started  bool
	cmd      byte // last command written, implicit for following numbers
	afterNum bool // the last token was a number
	numDot   bool // … and it had a decimal point
}

// tenths rounds v to whole tenths, clamped far outside any viewBox.
func tenths(v float64) int64 {
	if math.IsNaN(v) {
		return 0
	}
	return int64(math.Round(math.Min(math.Max(v, -1e9), 1e9) * 10))
}

// moveTo starts a subpath at (x, y).
func (p *pathData) moveTo(x, y float64) {
	X, Y := tenths(x), tenths(y)
	if !p.started {
		p.letter('M')
		p.num(X)
		p.num(Y)
		p.started = true
	} else {
		p.letter('m')
		p.num(X - p.cx)
		p.num(Y - p.cy)
	}
	p.cx, p.cy, p.sx, p.sy = X, Y, X, Y
}

// lineTo draws a line to (x, y); a zero-length line is dropped.
func (p *pathData) lineTo(x, y float64) {
	X, Y := tenths(x), tenths(y)
	dx, dy := X-p.cx, Y-p.cy
	switch {
	case dx == 0 && dy == 0:
		return
	case dy == 0:
		p.letter('h')
		p.num(dx)
	case dx == 0:
		p.letter('v')
		p.num(dy)
	default:
		if p.cmd != 'l' && p.cmd != 'm' {
			p.letter('l')
		}
		p.num(dx)
		p.num(dy)
	}
	p.cx, p.cy = X, Y
}

// dot draws a zero-length line at (x, y), which a round line cap shows as a
// dot.
func (p *pathData) dot(x, y float64) {
	p.moveTo(x, y)
	p.letter('h')
	p.num(0)
}

// close closes the subpath.
func (p *pathData) close() {
	p.letter('z')
	p.cx, p.cy = p.sx, p.sy
}

// polyline adds pts as one subpath; a closed one ends with z.
func (p *pathData) polyline(pts []Point, closed bool) {
	if len(pts) == 0 {
		return
	}
	p.moveTo(pts[0].X, pts[0].Y)
	end := len(pts)
	if closed && end > 1 {
		end--
	}
	for _, q := range pts[1:end] {
		p.lineTo(q.X, q.Y)
	}
	if closed {
		p.close()
	}
}

func (p *pathData) String() string { return string(p.b) }

func (p *pathData) letter(c byte) {
	if c == p.cmd && c != 'm' && c != 'z' {
		p.cmd = c
		return // implicit repetition
	}
	p.b = append(p.b, c)
	p.cmd, p.afterNum = c, false
}

func (p *pathData) num(t int64) {
	start := len(p.b)
	p.b = appendTenths(p.b, t)
	first := p.b[start]
	dot := false
	for _, c := range p.b[start:] {
		dot = dot || c == '.'
	}
	if p.afterNum && first != '-' && !(first == '.' && p.numDot) {
		p.b = append(p.b[:start+1], p.b[start:]...)
		p.b[start] = ' '
	}
	p.afterNum, p.numDot = true, dot
}

// appendTenths appends t/10 in the shortest form: "12.3", "12", ".5", "-.5".
func appendTenths(b []byte, t int64) []byte {
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	if whole := t / 10; whole != 0 {
		b = strconv.AppendInt(b, whole, 10)
	} else if t%10 == 0 {
		return append(b, '0')
	}
	if frac := t % 10; frac != 0 {
		b = append(b, '.', byte('0'+frac))
	}
	return b
}

// formatCoord formats a screen coordinate for an attribute, rounded to 0.1.
func formatCoord(v float64) string { return string(appendTenths(nil, tenths(v))) }
