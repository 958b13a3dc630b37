package svgviz

import "math"

// Camera is where a surface is seen from, in degrees: Azimuth around the
// vertical axis, counterclockwise from +x as matplotlib's azim (-60 looks
// from the front right), and Elevation above the floor, 0 (side on) to 90
// (from straight above).
type Camera struct{ Azimuth, Elevation float64 }

// DefaultCamera is matplotlib's view of a 3-D axes.
func DefaultCamera() Camera { return Camera{Azimuth: -60, Elevation: 30} }

// surfaceZ is the height of a surface's box, a fraction of its longer
// side (matplotlib's box aspect is 4:4:3).
const surfaceZ = 0.6

// A projection maps a surface's box to the viewBox orthographically. The
// box is centred at the origin: X and Y span [-AX, AX] and [-AY, AY] (the
// domain's aspect, the longer side 1), and Z spans [-Z/2, Z/2] for heights
// 0 to 1. A point P is drawn at
//
//	sx = CX + S·(P·r),  sy = CY − S·(P·u),  depth = P·c
//
// with r, u and c the screen's right, up and towards-the-camera vectors;
// greater depth is nearer the reader. A page script turning the surface
// repeats this with another camera and the same CX, CY and S.
type projection struct {
	r, u, c    [3]float64
	CX, CY, S  float64
	AX, AY     float64
	d          Domain
	cam        Camera
	halfHeight float64
}

// newProjection sets up the camera for domain d and scales the box to fit
// inside fit, centred, as seen from cam.
func newProjection(d Domain, cam Camera, fit Rect) projection {
	a, e := cam.Azimuth*math.Pi/180, cam.Elevation*math.Pi/180
	p := projection{d: d, cam: cam, halfHeight: surfaceZ / 2, S: 1}
	p.r = [3]float64{-math.Sin(a), math.Cos(a), 0}
	p.c = [3]float64{math.Cos(e) * math.Cos(a), math.Cos(e) * math.Sin(a), math.Sin(e)}
	p.u = [3]float64{-math.Sin(e) * math.Cos(a), -math.Sin(e) * math.Sin(a), math.Cos(e)}
	aspect := math.Min(math.Max((d.Y1-d.Y0)/(d.X1-d.X0), 0.5), 2)
	p.AX, p.AY = 0.5, 0.5*aspect
	if aspect > 1 {
		p.AX, p.AY = 0.5/aspect, 0.5
	}
	lo, hi := Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}
	for _, c := range p.corners() {
		q := p.screen(c)
		lo.X, lo.Y, hi.X, hi.Y = min(lo.X, q.X), min(lo.Y, q.Y), max(hi.X, q.X), max(hi.Y, q.Y)
	}
	p.S = math.Min(fit.W/(hi.X-lo.X), fit.H/(hi.Y-lo.Y))
	p.CX = fit.X + fit.W/2 - p.S*(lo.X+hi.X)/2
	p.CY = fit.Y + fit.H/2 - p.S*(lo.Y+hi.Y)/2
	return p
}

// corners returns the box's eight corners.
func (p projection) corners() [8][3]float64 {
	var cs [8][3]float64
	for k := range cs {
		cs[k] = [3]float64{p.AX * sign(k&1), p.AY * sign(k&2), p.halfHeight * sign(k&4)}
	}
	return cs
}

func sign(bit int) float64 {
	if bit != 0 {
		return 1
	}
	return -1
}

// world returns the box point of domain point (x, y) at height t in [0, 1].
func (p projection) world(x, y, t float64) [3]float64 {
	d := p.d
	return [3]float64{
		((x-d.X0)/(d.X1-d.X0) - 0.5) * 2 * p.AX,
		((y-d.Y0)/(d.Y1-d.Y0) - 0.5) * 2 * p.AY,
		(t - 0.5) * 2 * p.halfHeight,
	}
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// screen returns where box point q is drawn.
func (p projection) screen(q [3]float64) Point {
	return Point{p.CX + p.S*dot(q, p.r), p.CY - p.S*dot(q, p.u)}
}

// depth returns how near box point q is to the camera.
func (p projection) depth(q [3]float64) float64 { return dot(q, p.c) }

// shade returns the brightness, 0.55 to 1 in eight steps, of a face with
// normal n under a light above and to the left of the camera, so that the
// shape reads the same from any side.
func (p projection) shade(n [3]float64) float64 {
	var l [3]float64
	for i := range l {
		l[i] = 0.6*p.c[i] + 0.6*p.u[i] - 0.5*p.r[i]
	}
	ln := math.Sqrt(dot(l, l))
	nn := math.Sqrt(dot(n, n))
	if nn == 0 {
		return 1
	}
	if n[2] < 0 {
		nn = -nn
	}
	k := math.Round(math.Max(0, dot(n, l)/(ln*nn)) * shadeSteps)
	return 0.55 + 0.45*k/shadeSteps
}

// shadeSteps is how many brightnesses a surface's faces take: few, so that
// neighbouring faces of one band often share a colour and one path.
const shadeSteps = 7

func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }

func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
