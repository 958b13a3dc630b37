package figure

import (
	"math"
	"slices"

	"descent/optim"
	"descent/plainmath"
	"descent/svgviz"
)

// hasView reports whether the figure shows view v; a figure without view:
// shows the contours.
func (f *figure) hasView(v string) bool {
	if len(f.s.View) == 0 {
		return v == "contour"
	}
	return slices.Contains(f.s.View, v)
}

// drawSurface draws the surface view from a coarse grid, with the colours
// and heights of the contour layer's scale, and puts its model in the
// figure's JSON for the page script that turns it.
func (f *figure) drawSurface(scale svgviz.Scale) error {
	s := f.s
	n := svgviz.SurfaceGrid
	g := svgviz.Grid{
		Domain: svgviz.Domain{X0: s.Domain.X[0], X1: s.Domain.X[1], Y0: s.Domain.Y[0], Y1: s.Domain.Y[1]},
		NX:     n, NY: n, Values: optim.EvalGrid(s.Obj, linspace(s.Domain.X, n), linspace(s.Domain.Y, n)),
	}
	sf := svgviz.Surface{ID: f.id + "-surface", Title: plainmath.Text(s.Title), Grid: g, Scale: scale, Runs: f.viz,
		Camera: s.camera(), Bare: true, XName: s.Axes[0], YName: s.Axes[1]}
	var err error
	if f.data.Surface, err = sf.SVG(); err != nil {
		return err
	}
	m := sf.Model()
	sj := &surfaceJSON{NX: m.NX, NY: m.NY, Bands: m.Bands, Colors: m.Colors,
		Camera: cameraJSON{m.Camera.Azimuth, m.Camera.Elevation},
		View:   [3]float64{m.CX, m.CY, m.S}, Box: [3]float64{m.AX, m.AY, svgviz.SurfaceZ},
		XTicks: m.XTicks, YTicks: m.YTicks, ZTicks: m.ZTicks, Names: m.Names}
	sj.Heights = make([]jsonFloat, len(m.Heights))
	for k, t := range m.Heights {
		sj.Heights[k] = jsonFloat(math.Round(t*1e4) / 1e4) // NaN stays NaN: null
	}
	f.json.Surface = sj
	return nil
}

// surfaceJSON is the surface's model (svgviz.SurfaceModel) for the page
// script: heights row-major in [0, 1] (null where undefined), each cell's
// band (-1: undefined) and the band colours, the camera, the projection's
// centre and scale, the box's half extents and height, and the ticks.
type surfaceJSON struct {
	NX      int         `json:"nx"`
	NY      int         `json:"ny"`
	Heights []jsonFloat `json:"heights"`
	Bands   []int       `json:"bands"`
	Colors  []string    `json:"colors"`
	Camera  cameraJSON  `json:"camera"`
	View    [3]float64  `json:"view"` // cx, cy, scale
	Box     [3]float64  `json:"box"`  // half x, half y, height
	XTicks  [][2]any    `json:"xticks"`
	YTicks  [][2]any    `json:"yticks"`
	ZTicks  [][2]any    `json:"zticks"`
	Names   [3]string   `json:"names"` // the axes' names: x, y, z
}

type cameraJSON struct {
	Azimuth   float64 `json:"azimuth"`
	Elevation float64 `json:"elevation"`
}
