package svgviz

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Surface is a 2-D function drawn as a shaded, colour-mapped surface in
// 3-D, with optimizer runs on it: the landscape's other view.
//
// The surface is the Grid's quads in painter's order (farthest first),
// each filled with the colour of its contour band (the same colours as a
// [Landscape] drawn with the same Scale) darkened by a light, with
// isolines on it. Runs follow the surface; a run's path is cut where it
// crosses from one cell to another and each piece is drawn just after the
// quads of its depth, so nearer parts of the surface hide it. The start,
// end and current-step markers are drawn last, never hidden.
type Surface struct {
	// ID, Title and Desc are as a Landscape's; an empty Desc is generated.
	ID, Title, Desc string
	// Grid holds the heights, coarsely (SurfaceGrid samples a side): each
	// cell is one quad.
	Grid Grid
	// Scale gives the colours and the heights: pass the contour layer's
	// (ContourLayer.Scale) so that both views agree. With no levels, it is
	// chosen from Grid by Levels.
	Scale  Scale
	Levels Levels
	Runs   []Run
	Camera Camera
	// Width is the viewBox width (0: 640); the height follows.
	Width int
	Bare  bool
	// XName, YName and ZName name the axes; "" means x, y and f.
	XName, YName, ZName string
}

// SurfaceGrid is the number of samples a side a surface is drawn from:
// fine enough to show a valley's shape, coarse enough to stay small and to
// turn smoothly in a page.
const SurfaceGrid = 40

// maxIsolines bounds the isolines drawn on a surface: every k-th level.
const maxIsolines = 10

// surfaceInset is the room around the box, inside the plot, for tick
// labels and axis names drawn up to phoneText times larger.
const surfaceInsetX, surfaceInsetY = 60, 34

// quad is one grid cell as drawn; fill is "" where the surface is
// undefined.
type quad struct {
	i, j int
	fill string
}

// surfaceScene is a surface laid out for one camera: the frame, the
// projection, every sample's place on screen, and the cells in drawing
// order.
//
// The order is the painter's for a height field seen orthographically
// from above: rows of cells from the farthest to the nearest, and the
// cells of each row likewise. A cell can hide only cells behind it along
// the horizontal view direction, which are farther in both i and j, so
// they come first. Each row is a slot: its isolines and the pieces of paths
// over it are drawn after its cells and before the nearer rows.
type surfaceScene struct {
	fr    frame
	p     projection
	sc    Scale
	t     []float64 // heights of the grid's samples, in [0, 1]; NaN where undefined
	vs    []Point   // where each sample is drawn
	quads []quad    // every cell, in drawing order
	rank  []int     // rank[j*(NX-1)+i]: the cell's index in quads
	chunk int       // cells per row: a slot of isolines and path pieces
}

func (s Surface) scale() Scale {
	if len(s.Scale.Levels) > 0 || s.Scale.Hi > s.Scale.Lo {
		return s.Scale
	}
	return NewScale(s.Grid, s.Levels)
}

// frame is a surface's layout: the plot is the whole figure but a margin,
// its labels inside it.
func (s Surface) frame() frame {
	w := float64(s.Width)
	if w <= 0 {
		w = defaultWidth
	}
	h := math.Round(w * 0.68)
	return frame{width: w, height: h, plot: Rect{8, 8, w - 16, h - 16}}
}

// scene projects the grid for the surface's camera.
func (s Surface) scene() surfaceScene {
	g := s.Grid
	fr := s.frame()
	fit := Rect{fr.plot.X + surfaceInsetX, fr.plot.Y + surfaceInsetY, fr.plot.W - 2*surfaceInsetX, fr.plot.H - 2*surfaceInsetY}
	sc := surfaceScene{fr: fr, p: newProjection(g.Domain, s.Camera, fit), sc: s.scale(), chunk: g.NX - 1}
	sc.t = make([]float64, g.NX*g.NY)
	sc.vs = make([]Point, g.NX*g.NY)
	for k, v := range g.Values[:g.NX*g.NY] {
		sc.t[k] = sc.sc.Height(v)
		sc.vs[k] = sc.p.screen(sc.p.world(g.x(k%g.NX), g.y(k/g.NX), sc.t[k]))
	}
	sc.rank = make([]int, (g.NX-1)*(g.NY-1))
	n := len(sc.sc.Levels)
	for _, j := range farToNear(g.NY-1, sc.p.c[1]) {
		for _, i := range farToNear(g.NX-1, sc.p.c[0]) {
			sc.rank[j*(g.NX-1)+i] = len(sc.quads)
			q := quad{i: i, j: j}
			if c, ok := sc.cell(g, i, j); ok {
				mean := 0.0
				for _, k := range sc.cellIndex(g, i, j) {
					mean += g.Values[k] / 4
				}
				band := 0.5
				if n > 0 {
					band = float64(sc.sc.Band(mean)) / float64(n)
				}
				shade := sc.p.shade(cross(sub(c[2], c[0]), sub(c[3], c[1])))
				q.fill = shortColor(bandRGB(band, shade))
			}
			sc.quads = append(sc.quads, q)
		}
	}
	return sc
}

// farToNear returns 0..n-1 in the order farthest from the camera first:
// ascending when the camera looks from the axis's positive side (c > 0).
func farToNear(n int, c float64) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = k
		if c < 0 {
			out[k] = n - 1 - k
		}
	}
	return out
}

// cellIndex returns the sample indices of cell (i, j)'s corners, in the
// order 00, 10, 11, 01.
func (sc surfaceScene) cellIndex(g Grid, i, j int) [4]int {
	k := j*g.NX + i
	return [4]int{k, k + 1, k + g.NX + 1, k + g.NX}
}

// cell returns the box points of cell (i, j)'s corners, false when one is
// undefined.
func (sc surfaceScene) cell(g Grid, i, j int) ([4][3]float64, bool) {
	var c [4][3]float64
	for k, at := range sc.cellIndex(g, i, j) {
		t := sc.t[at]
		if math.IsNaN(t) {
			return c, false
		}
		c[k] = sc.p.world(g.x(at%g.NX), g.y(at/g.NX), t)
	}
	return c, true
}

// at returns the box point of domain point (x, y) on the drawn surface (the
// heights interpolated bilinearly) and its cell, false outside the domain
// or where the surface is undefined.
func (sc surfaceScene) at(g Grid, x, y float64) ([3]float64, int, bool) {
	d := g.Domain
	gx := (x - d.X0) / (d.X1 - d.X0) * float64(g.NX-1)
	gy := (y - d.Y0) / (d.Y1 - d.Y0) * float64(g.NY-1)
	if !(gx >= 0 && gx <= float64(g.NX-1) && gy >= 0 && gy <= float64(g.NY-1)) {
		return [3]float64{}, 0, false
	}
	i, j := min(int(gx), g.NX-2), min(int(gy), g.NY-2)
	fx, fy := gx-float64(i), gy-float64(j)
	k := sc.cellIndex(g, i, j)
	t := (sc.t[k[0]]*(1-fx)+sc.t[k[1]]*fx)*(1-fy) + (sc.t[k[3]]*(1-fx)+sc.t[k[2]]*fx)*fy
	if math.IsNaN(t) {
		return [3]float64{}, 0, false
	}
	return sc.p.world(x, y, t), j*(g.NX-1) + i, true
}

// slot returns the slot after which a path in cell c is drawn: its row's.
func (sc surfaceScene) slot(c int) int { return sc.rank[c] / sc.chunk }

// strip returns the outline of the cells i0..i1 (either way round) of row
// j, one colour.
func (sc surfaceScene) strip(g Grid, j, i0, i1 int) []Point {
	a, b := min(i0, i1), max(i0, i1)
	pts := make([]Point, 0, 2*(b-a)+5)
	for i := a; i <= b+1; i++ {
		pts = append(pts, sc.vs[j*g.NX+i])
	}
	for i := b + 1; i >= a; i-- {
		pts = append(pts, sc.vs[(j+1)*g.NX+i])
	}
	return append(pts, pts[0])
}

// WriteSVG writes the surface as one <svg> element with the page contract
// of a Landscape (data-plot and the world box; g.run groups holding
// circle.marker), plus data-camera="azimuth elevation" and
// data-view="CX CY S", the projection a page script repeats to turn it.
func (s Surface) WriteSVG(w io.Writer) error { return writeSVG(w, s.draw) }

// SVG is what WriteSVG writes, as a string without a copy.
func (s Surface) SVG() (string, error) { return svgString(s.draw) }

// draw writes the SVG element, but for its end tag.
func (s Surface) draw() (*svgWriter, error) {
	if !s.Grid.ok() {
		return nil, ErrGrid
	}
	g := s.Grid
	d := g.Domain
	if !d.valid() {
		return nil, ErrDomain
	}
	sc := s.scene()
	fr, p := sc.fr, sc.p
	var sw svgWriter
	sw.Grow(64 * len(sc.quads))
	sw.open(header{id: s.ID, title: s.Title, kind: "Surface plot", desc: s.desc(), fr: fr,
		v: view{fr.plot, d.X0, d.X1, d.Y0, d.Y1}, bare: s.Bare,
		extra: fmt.Sprintf(` data-camera="%s %s" data-view="%s %s %s"`, formatWorld(s.Camera.Azimuth), formatWorld(s.Camera.Elevation),
			formatWorld(p.CX), formatWorld(p.CY), formatWorld(p.S))})
	sw.group(`class="surface-scene"`)
	ax := s.axes(sc)
	sw.path(ax.back, `fill="none"`, `stroke="currentColor"`, `stroke-opacity=".45"`, `stroke-width="1"`)

	iso := s.isolines(sc)
	pieces := s.pieces(sc)
	// Each quad's colour is its color, which the group makes both its fill
	// and a thin stroke of the same colour, closing the hairline seams
	// that anti-aliasing leaves between neighbouring quads.
	sw.group(`fill="currentColor"`, `stroke="currentColor"`, `stroke-width=".5"`, `stroke-linejoin="round"`)
	slots := g.NY - 1
	for slot := range slots {
		row := sc.quads[slot*sc.chunk : (slot+1)*sc.chunk]
		var qd pathData
		fill := ""
		for k := 0; k < len(row); {
			e := k + 1
			for e < len(row) && row[e].fill == row[k].fill {
				e++
			}
			if f := row[k].fill; f != "" {
				if f != fill && fill != "" {
					sw.printf(`<path color="%s" d="%s"/>`, fill, qd.String())
					qd = pathData{}
				}
				fill = f
				qd.polyline(sc.strip(g, row[k].j, row[k].i, row[e-1].i), true)
			}
			k = e
		}
		if fill != "" {
			sw.printf(`<path color="%s" d="%s"/>`, fill, qd.String())
		}
		if slot < len(iso) && iso[slot] != "" {
			sw.path(iso[slot], `fill="none"`, `stroke="#000"`, `stroke-opacity=".3"`)
		}
		for i, r := range s.Runs {
			if slot < len(pieces[i]) && pieces[i][slot] != "" {
				style := []string{`class="trail"`, attr("data-run", strconv.Itoa(i)), `fill="none"`, attr("stroke", Color(r.Color)), `stroke-width="1.75"`}
				if dash := Dash(r.Color); dash != "" {
					style = append(style, attr("stroke-dasharray", dash))
				}
				sw.path(pieces[i][slot], style...)
			}
		}
	}
	sw.end()
	s.writeLabels(&sw, ax)
	sw.end()
	for i, r := range s.Runs {
		s.writeMarkers(&sw, sc, i, r)
	}
	return &sw, nil
}

// isolines returns, for each slot, the path data of the isolines on its
// quads: where the bilinear surface crosses every k-th level.
func (s Surface) isolines(sc surfaceScene) []string {
	g := s.Grid
	var ts []float64
	levels := sc.sc.Levels
	every := max(1, (len(levels)+maxIsolines-1)/maxIsolines)
	for k := every - 1; k < len(levels); k += every {
		ts = append(ts, sc.sc.Height(levels[k]))
	}
	out := make([]pathData, g.NY-1)
	for r, q := range sc.quads {
		if q.fill == "" {
			continue
		}
		d := &out[r/sc.chunk]
		idx := sc.cellIndex(g, q.i, q.j)
		var c [4][3]float64
		var t [4]float64
		for k, at := range idx {
			t[k] = sc.t[at]
			c[k] = sc.p.world(g.x(at%g.NX), g.y(at/g.NX), t[k])
		}
		for _, lv := range ts {
			var cut []Point
			for e := range 4 {
				a, b := e, (e+1)%4
				if (t[a] < lv) == (t[b] < lv) {
					continue
				}
				f := (lv - t[a]) / (t[b] - t[a])
				w := [3]float64{c[a][0] + f*(c[b][0]-c[a][0]), c[a][1] + f*(c[b][1]-c[a][1]), c[a][2] + f*(c[b][2]-c[a][2])}
				cut = append(cut, sc.p.screen(w))
			}
			for k := 0; k+1 < len(cut); k += 2 {
				d.moveTo(cut[k].X, cut[k].Y)
				d.lineTo(cut[k+1].X, cut[k+1].Y)
			}
		}
	}
	strs := make([]string, len(out))
	for k := range out {
		strs[k] = out[k].String()
	}
	return strs
}

// pieces returns each run's path on the surface cut into slots: pieces[i][k]
// is the path data of run i drawn after slot k's quads.
func (s Surface) pieces(sc surfaceScene) [][]string {
	g := s.Grid
	slots := g.NY - 1
	out := make([][]string, len(s.Runs))
	for i, r := range s.Runs {
		polys := make([][][]Point, slots)
		var cur []Point
		curSlot := -1
		flush := func() {
			if len(cur) > 1 && curSlot >= 0 {
				polys[curSlot] = append(polys[curSlot], cur)
			}
			cur, curSlot = nil, -1
		}
		var prev []float64
		for _, pt := range r.Points {
			if len(pt) < 2 {
				break
			}
			if prev == nil {
				prev = pt
				continue
			}
			// Cut the segment in steps of at most half a cell, each drawn
			// in the slot of the cell holding its midpoint.
			cx := math.Abs(pt[0]-prev[0]) / (g.Domain.X1 - g.Domain.X0) * float64(g.NX-1)
			cy := math.Abs(pt[1]-prev[1]) / (g.Domain.Y1 - g.Domain.Y0) * float64(g.NY-1)
			n := min(int(math.Ceil(2*max(cx, cy))), 4*SurfaceGrid)
			n = max(n, 1)
			for k := range n {
				f0, f1 := float64(k)/float64(n), float64(k+1)/float64(n)
				ax, ay := prev[0]+f0*(pt[0]-prev[0]), prev[1]+f0*(pt[1]-prev[1])
				bx, by := prev[0]+f1*(pt[0]-prev[0]), prev[1]+f1*(pt[1]-prev[1])
				wa, _, oka := sc.at(g, ax, ay)
				wb, _, okb := sc.at(g, bx, by)
				_, cell, okm := sc.at(g, (ax+bx)/2, (ay+by)/2)
				if !oka || !okb || !okm {
					flush()
					continue
				}
				slot := sc.slot(cell)
				if slot != curSlot {
					flush()
					curSlot = slot
					cur = []Point{sc.p.screen(wa)}
				}
				cur = append(cur, sc.p.screen(wb))
			}
			prev = pt
		}
		flush()
		out[i] = make([]string, slots)
		var simp simplifier
		for k, ps := range polys {
			var d pathData
			for _, poly := range ps {
				d.polyline(simp.run(poly, simplifyTol), false)
			}
			out[i][k] = d.String()
		}
	}
	return out
}

// writeMarkers draws run i's start, end and current-step marker on the
// surface, in a g.run for the page script.
func (s Surface) writeMarkers(sw *svgWriter, sc surfaceScene, i int, r Run) {
	col := Color(r.Color)
	sw.group(`class="run"`, attr("data-run", strconv.Itoa(i)), `fill="none"`, attr("stroke", col))
	var pts []Point
	for _, pt := range r.Points {
		if len(pt) < 2 {
			break
		}
		w, _, ok := sc.at(s.Grid, pt[0], pt[1])
		if !ok {
			break
		}
		pts = append(pts, sc.p.screen(w))
	}
	if len(pts) == 0 {
		sw.circle(0, 0, 0, `class="marker"`)
		sw.end()
		return
	}
	first, end := pts[0], pts[len(pts)-1]
	sw.circle(first.X, first.Y, startR, `class="start"`, `fill="#fff"`, `stroke-width="1.5"`)
	if r.Diverged || len(pts) < len(r.Points) {
		var x pathData
		x.moveTo(end.X-crossR, end.Y-crossR)
		x.lineTo(end.X+crossR, end.Y+crossR)
		x.moveTo(end.X+crossR, end.Y-crossR)
		x.lineTo(end.X-crossR, end.Y+crossR)
		sw.path(x.String(), `class="diverged"`, `stroke-width="2.5"`)
	} else {
		sw.circle(end.X, end.Y, endR, `class="end"`, attr("fill", col), `stroke="none"`)
	}
	sw.circle(end.X, end.Y, markerR, `class="marker"`, attr("fill", col), `stroke="#fff"`, `stroke-width="1.5"`)
	sw.end()
}

// desc returns Desc, or a description generated from the data.
func (s Surface) desc() string {
	if s.Desc != "" {
		return s.Desc
	}
	d := s.Grid.Domain
	var b strings.Builder
	fmt.Fprintf(&b, "Surface plot over x from %s to %s and y from %s to %s, seen from azimuth %s° and elevation %s°",
		formatValue(d.X0), formatValue(d.X1), formatValue(d.Y0), formatValue(d.Y1),
		formatValue(s.Camera.Azimuth), formatValue(s.Camera.Elevation))
	if s.scale().Log {
		b.WriteString(", heights on a log scale")
	}
	b.WriteString(".")
	describeRuns(&b, s.Runs, func(p []float64) string {
		if len(p) < 2 {
			return "?"
		}
		return "(" + formatValue(p[0]) + ", " + formatValue(p[1]) + ")"
	})
	return b.String()
}

// shortColor writes rgb as a three-digit CSS colour, each channel rounded
// to the nearest of 16 steps: a surface's faces are shaded in steps anyway,
// and the shorter colour is a tenth of a face's bytes.
func shortColor(rgb [3]byte) string {
	const digits = "0123456789abcdef"
	b := []byte("#000")
	for c, v := range rgb {
		b[1+c] = digits[(int(v)+8)/17]
	}
	return string(b)
}

// SurfaceModel is what a page script needs to draw the surface again from
// another camera: the heights, each cell's band and the band colours, the
// projection's centre and scale (which stay as the camera turns) and the
// box, and the axes' ticks.
type SurfaceModel struct {
	NX, NY  int
	Heights []float64 // NX·NY heights in [0, 1], row-major as Grid.Values; NaN where undefined
	Bands   []int     // (NX-1)·(NY-1) cells' bands, row-major; -1 where undefined
	Colors  []string  // the colour of each band, unshaded
	Camera  Camera
	CX, CY  float64
	S       float64
	AX, AY  float64  // the box's half extents in x and y; its height is SurfaceZ
	XTicks  [][2]any // [value, label] in world units
	YTicks  [][2]any
	ZTicks  [][2]any  // [height, label]
	Names   [3]string // the axes' names, the z axis's with "(log scale)" when it is
}

// SurfaceZ is the height of a surface's box in the units of AX and AY.
const SurfaceZ = surfaceZ

// Model returns the surface's model for a page script.
func (s Surface) Model() SurfaceModel {
	sc := s.scene()
	g := s.Grid
	m := SurfaceModel{NX: g.NX, NY: g.NY, Heights: sc.t, Camera: s.Camera, CX: sc.p.CX, CY: sc.p.CY, S: sc.p.S, AX: sc.p.AX, AY: sc.p.AY}
	n := len(sc.sc.Levels)
	for k := 0; k <= n; k++ {
		t := 0.5
		if n > 0 {
			t = float64(k) / float64(n)
		}
		m.Colors = append(m.Colors, bandColor(t))
	}
	m.Bands = make([]int, (g.NX-1)*(g.NY-1))
	for j := 0; j < g.NY-1; j++ {
		for i := 0; i < g.NX-1; i++ {
			c := j*(g.NX-1) + i
			m.Bands[c] = -1
			if _, ok := sc.cell(g, i, j); ok {
				mean := 0.0
				for _, k := range sc.cellIndex(g, i, j) {
					mean += g.Values[k] / 4
				}
				m.Bands[c] = sc.sc.Band(mean)
			}
		}
	}
	d := g.Domain
	for _, t := range linearTicks(d.X0, d.X1, 5) {
		m.XTicks = append(m.XTicks, [2]any{t.at, t.label})
	}
	for _, t := range linearTicks(d.Y0, d.Y1, 5) {
		m.YTicks = append(m.YTicks, [2]any{t.at, t.label})
	}
	for _, t := range zTicks(sc.sc) {
		m.ZTicks = append(m.ZTicks, [2]any{t.at, t.label})
	}
	m.Names = [3]string{orDefault(s.XName, "x"), orDefault(s.YName, "y"), orDefault(s.ZName, "f")}
	if sc.sc.Log {
		m.Names[2] += " (log scale)"
	}
	return m
}
