package svgviz

import (
	"fmt"
	"math"
	"testing"
)

func TestColor(t *testing.T) {
	t.Parallel()
	n := len(runColors)
	tests := []struct {
		i    int
		want string
	}{
		{0, "#0072b2"}, {1, "#d55e00"}, {n, "#0072b2"}, {n + 1, "#d55e00"}, {-1, runColors[n-1]},
	}
	for _, tt := range tests {
		if got := Color(tt.i); got != tt.want {
			t.Errorf("Color(%d) = %s, want %s", tt.i, got, tt.want)
		}
	}
}

func TestBandColor(t *testing.T) {
	t.Parallel()
	// Viridis ends, mixed 35% towards white; out-of-range positions clamp.
	tests := []struct {
		t    float64
		want string
	}{
		{0, "#855a90"}, {-1, "#855a90"}, {1, "#feef71"}, {2, "#feef71"},
	}
	for _, tt := range tests {
		if got := bandColor(tt.t); got != tt.want {
			t.Errorf("bandColor(%g) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

func TestClipPolyline(t *testing.T) {
	t.Parallel()
	r := Rect{0, 0, 10, 10}
	got := clipPolyline([]Point{{-5, 5}, {5, 5}, {5, 15}, {5, 20}, {15, 5}, {8, 5}}, r)
	want := [][]Point{{{0, 5}, {5, 5}, {5, 10}}, {{10, 5}, {8, 5}}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k := range want {
		if len(got[k]) != len(want[k]) {
			t.Fatalf("piece %d: got %v, want %v", k, got[k], want[k])
		}
		for m := range want[k] {
			if d := sqDist(got[k][m], want[k][m]); d > 1e-18 {
				t.Errorf("piece %d point %d: got %v, want %v", k, m, got[k][m], want[k][m])
			}
		}
	}
}

func TestLayoutEqualAspect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		d     Domain
		w, h  int
		ratio float64 // plot height/width
	}{
		{"square", Domain{-6, 6, -6, 6}, 0, 0, 1},
		{"Rosenbrock", Domain{-2, 2, -1, 3}, 0, 0, 1},
		{"wide, kept equal", Domain{0, 2, 0, 1}, 0, 0, 0.5},
		{"very wide, not equal", Domain{0, 10, 0, 1}, 0, 0, minAspect},
		{"fixed height", Domain{-1, 1, -1, 1}, 640, 300, 1},
		{"narrow, legend below", Domain{-1, 1, -1, 1}, 360, 0, 1},
	}
	for _, tt := range tests {
		l := Landscape{Grid: Grid{Domain: tt.d}, Width: tt.w, Height: tt.h, Runs: []Run{{Label: "a run"}}}
		p := l.PlotRect()
		if got := p.H / p.W; got < tt.ratio*0.99 || got > tt.ratio*1.01 {
			t.Errorf("%s: plot %v has height/width %.3f, want %.3f", tt.name, p, got, tt.ratio)
		}
		if tt.w > 0 && tt.w < narrowWidth && p.W < 0.7*float64(tt.w) {
			t.Errorf("%s: plot %v is narrow, as if the legend were beside it", tt.name, p)
		}
		if p.X != float64(int(p.X)) || p.W != float64(int(p.W)) || p.H != float64(int(p.H)) {
			t.Errorf("%s: plot %v is not in whole units", tt.name, p)
		}
	}
}

// TestPaletteDistinct: the 24 run styles differ pairwise, each pair by
// colour (CIELAB ΔE76 of at least 12) or by colour and dash together.
func TestPaletteDistinct(t *testing.T) {
	t.Parallel()
	lab := func(hex string) [3]float64 {
		var rgb [3]float64
		for c := range rgb {
			var v int
			fmt.Sscanf(hex[1+2*c:3+2*c], "%02x", &v)
			x := float64(v) / 255
			if x <= 0.04045 {
				x /= 12.92
			} else {
				x = math.Pow((x+0.055)/1.055, 2.4)
			}
			rgb[c] = x
		}
		xyz := [3]float64{
			(0.4124*rgb[0] + 0.3576*rgb[1] + 0.1805*rgb[2]) / 0.95047,
			0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2],
			(0.0193*rgb[0] + 0.1192*rgb[1] + 0.9505*rgb[2]) / 1.08883,
		}
		f := func(v float64) float64 {
			if v > 216.0/24389 {
				return math.Cbrt(v)
			}
			return (24389.0/27*v + 16) / 116
		}
		return [3]float64{116*f(xyz[1]) - 16, 500 * (f(xyz[0]) - f(xyz[1])), 200 * (f(xyz[1]) - f(xyz[2]))}
	}
	if len(runColors) != 24 {
		t.Fatalf("%d colours; a figure holds 24 runs", len(runColors))
	}
	for i := range runColors {
		for j := range i {
			a, b := lab(Color(i)), lab(Color(j))
			de := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
			if de < 12 || (de < 20 && Dash(i) == Dash(j)) {
				t.Errorf("runs %d (%s, dash %q) and %d (%s, dash %q) look alike: ΔE %.1f", i, Color(i), Dash(i), j, Color(j), Dash(j), de)
			}
		}
	}
}
