package svgviz

import "testing"

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
