package svgviz

import (
	"bytes"
	"math"
	"testing"
)

// TestContourLayerShared checks that a landscape drawn with a shared layer
// is byte for byte the landscape that contours its own grid, whatever the
// title, legend and runs of the figures sharing it, and that a layer drawn
// for another plot or domain is refused.
func TestContourLayerShared(t *testing.T) {
	t.Parallel()
	a := seedLandscape()
	b := seedLandscape()
	b.ID, b.Title = "other", "Another title, the same plot"
	b.Runs = b.Runs[1:3]
	if a.PlotRect() != b.PlotRect() {
		t.Fatalf("fixture: plots differ, %v and %v", a.PlotRect(), b.PlotRect())
	}
	p := a.PlotRect()
	layer, err := NewContourLayer(a.Grid, a.Levels, p.W, p.H)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []Landscape{a, b} {
		var own, shared bytes.Buffer
		if err := l.WriteSVG(&own); err != nil {
			t.Fatal(err)
		}
		l.Layer = layer
		l.Grid.Values = nil // the layer needs only the domain
		if err := l.WriteSVG(&shared); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(own.Bytes(), shared.Bytes()) {
			t.Errorf("%s: the shared layer changed the figure (%d bytes, own %d)", l.ID, shared.Len(), own.Len())
		}
	}

	tests := []struct {
		name   string
		change func(l *Landscape)
	}{
		{"other domain", func(l *Landscape) { l.Grid.Domain.X1 = 7 }},
		{"other plot size", func(l *Landscape) { l.Width = 500 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := seedLandscape()
			l.Layer = layer
			tt.change(&l)
			var buf bytes.Buffer
			if err := l.WriteSVG(&buf); err != ErrLayer {
				t.Errorf("got %v, want ErrLayer", err)
			}
		})
	}
}

func BenchmarkContourLayer(b *testing.B) {
	l := seedLandscape()
	p := l.PlotRect()
	for b.Loop() {
		if _, err := NewContourLayer(l.Grid, l.Levels, p.W, p.H); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimplify simplifies the isolines of a 400×400 Himmelblau grid,
// mapped to a 400-pixel plot, as writeBands does.
func BenchmarkSimplify(b *testing.B) {
	g := sample(Domain{-6, 6, -6, 6}, 400, 400, himmelblau.f)
	v := view{Rect{0, 0, 400, 400}, -6, 6, -6, 6}
	var rings [][]Point
	for _, level := range []float64{1, 10, 50, 100, 200} {
		for _, c := range Contours(g, level) {
			var pts []Point
			for _, p := range c {
				pts = append(pts, v.toScreen(p.X, p.Y))
			}
			rings = append(rings, pts)
		}
	}
	var s simplifier
	for b.Loop() {
		for _, r := range rings {
			s.run(r, simplifyTol)
		}
	}
}

// BenchmarkPathData formats the simplified isolines as compact path data.
func BenchmarkPathData(b *testing.B) {
	g := sample(Domain{-6, 6, -6, 6}, 400, 400, himmelblau.f)
	v := view{Rect{0, 0, 400, 400}, -6, 6, -6, 6}
	var rings [][]Point
	for _, level := range []float64{1, 10, 50, 100, 200} {
		for _, c := range Contours(g, level) {
			var pts []Point
			for _, p := range c {
				pts = append(pts, v.toScreen(p.X, p.Y))
			}
			rings = append(rings, simplify(pts, simplifyTol))
		}
	}
	size := 0
	for b.Loop() {
		var d pathData
		for _, r := range rings {
			d.polyline(r, true)
		}
		size = len(d.b)
	}
	b.ReportMetric(float64(size), "bytes")
}

// Absurd level counts are cut to MaxLevels rather than drawn or refused.
func TestMaxLevels(t *testing.T) {
	g := sample(Domain{-6, 6, -6, 6}, 60, 60, himmelblau.f)
	if n := len(ChooseLevels(g, Levels{Count: 1 << 20})); n != MaxLevels {
		t.Errorf("%d levels, want %d", n, MaxLevels)
	}
	vs := make([]float64, MaxLevels+5)
	for i := range vs {
		vs[i] = float64(i)
	}
	if n := len(ChooseLevels(g, Levels{Values: vs})); n != MaxLevels {
		t.Errorf("%d levels from values, want %d", n, MaxLevels)
	}
}

// A Scratch grid with room for the border is contoured in place, to the
// same layer as a copy gives, undefined samples and all.
func TestContourLayerScratch(t *testing.T) {
	for _, f := range []func(x, y float64) float64{
		himmelblau.f,
		func(x, y float64) float64 { return math.Log(x) + y*y },   // NaN for x < 0
		func(x, y float64) float64 { return 1 / (x*x + y*y - 4) }, // ±Inf and a pole
	} {
		g := sample(Domain{-5, 5, -4, 4}, 90, 70, f)
		want, err := NewContourLayer(g, Levels{Count: 20}, 300, 240)
		if err != nil {
			t.Fatal(err)
		}
		s := g
		s.Values = make([]float64, len(g.Values), (g.NX+2)*(g.NY+2))
		copy(s.Values, g.Values)
		s.Scratch = true
		got, err := NewContourLayer(s, Levels{Count: 20}, 300, 240)
		if err != nil {
			t.Fatal(err)
		}
		if got.body != want.body {
			t.Errorf("the layer of a Scratch grid differs from a copy's (%d against %d bytes)", len(got.body), len(want.body))
		}
	}
}
