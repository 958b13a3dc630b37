package svgviz

import (
	"bytes"
	"strings"
	"testing"
)

// surfaceOf draws l's function and runs as a bare surface, with the
// colours and heights of its contour layer, as a page does.
func surfaceOf(l Landscape, cam Camera) Surface {
	layer, err := NewContourLayer(l.Grid, l.Levels, 400, 400)
	if err != nil {
		panic(err)
	}
	g := l.Grid
	coarse := Grid{Domain: g.Domain, NX: SurfaceGrid, NY: SurfaceGrid}
	for j := range SurfaceGrid {
		for i := range SurfaceGrid {
			// The nearest sample of the fine grid.
			fi := (i*(g.NX-1) + (SurfaceGrid-1)/2) / (SurfaceGrid - 1)
			fj := (j*(g.NY-1) + (SurfaceGrid-1)/2) / (SurfaceGrid - 1)
			coarse.Values = append(coarse.Values, g.Values[fj*g.NX+fi])
		}
	}
	return Surface{ID: l.ID + "-surface", Title: l.Title, Grid: coarse, Scale: layer.Scale(), Runs: l.Runs, Camera: cam, Bare: true}
}

var bowl = fn2{
	f:    func(x, y float64) float64 { return x*x + y*y },
	grad: func(x, y float64) (float64, float64) { return 2 * x, 2 * y },
}

func bowlLandscape() Landscape {
	return Landscape{
		ID:    "bowl",
		Title: "A bowl, x² + y²",
		Grid:  sample(Domain{-2, 2, -2, 2}, 200, 200, bowl.f),
		Runs: []Run{
			descend(bowl, "gd, lr=0.1", 0, -1.8, 1.5, 0.1, 0, 30),
			descend(bowl, "momentum", 1, 1.5, -1.8, 0.05, 0.8, 30),
		},
	}
}

func surfaceFigures() []struct {
	name string
	s    Surface
	runs int
} {
	return []struct {
		name string
		s    Surface
		runs int
	}{
		{"surface-bowl", surfaceOf(bowlLandscape(), Camera{-60, 30}), 2},
		{"surface-saddle", surfaceOf(saddleLandscape(), Camera{-50, 30}), 2},
		{"surface-himmelblau", surfaceOf(seedLandscape(), Camera{-60, 40}), 4},
		{"surface-rosenbrock", surfaceOf(rosenbrockLandscape(), Camera{-70, 45}), 2},
	}
}

func TestSurfaceGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range surfaceFigures() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := tt.s.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			checkSurface(t, b.Bytes(), tt.runs)
			matchGolden(t, tt.name, b.Bytes())
		})
	}
}

// checkSurface checks the surface's page contract: one g.run with one
// circle.marker per run, trail pieces naming their run, and the camera.
func checkSurface(t *testing.T, svg []byte, runs int) {
	t.Helper()
	s := string(svg)
	if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" `) || !strings.Contains(s, ` data-camera="`) || !strings.Contains(s, ` data-view="`) {
		t.Fatalf("root lacks data-camera or data-view: %.300s", s)
	}
	if n := strings.Count(s, `<g class="run"`); n != runs {
		t.Errorf("%d g.run, want %d", n, runs)
	}
	if n := strings.Count(s, `class="marker"`); n != runs {
		t.Errorf("%d markers, want %d", n, runs)
	}
	for i := range runs {
		if !strings.Contains(s, `class="trail" data-run="`+string(rune('0'+i))+`"`) {
			t.Errorf("no trail piece of run %d", i)
		}
	}
}

// TestSurfaceSize holds the seed-style Himmelblau surface (four runs of 200
// steps) to the 80 KB.
func TestSurfaceSize(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := surfaceOf(seedLandscape(), Camera{-60, 40}).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if n := b.Len(); n > 80000 {
		t.Errorf("Himmelblau surface is %d bytes, want at most 80000", n)
	} else {
		t.Logf("Himmelblau surface: %d bytes", n)
	}
}

func TestSurfaceDeterministic(t *testing.T) {
	t.Parallel()
	s := surfaceOf(saddleLandscape(), DefaultCamera())
	var a, b bytes.Buffer
	if err := s.WriteSVG(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of one surface differ")
	}
}
