package svgviz

import "testing"

func TestPathData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(d *pathData)
		want  string
	}{
		{"h, v, l and close", func(d *pathData) {
			d.polyline([]Point{{10, 20}, {15, 20}, {15, 25.5}, {12.3, 27}, {10, 20}}, true)
		}, "M10 20h5v5.5l-2.7 1.5z"},
		{"implicit l after m, separators", func(d *pathData) {
			d.moveTo(0, 0)
			d.moveTo(1, 1)
			d.lineTo(2.5, 1.5)
			d.lineTo(2, 3)
			d.lineTo(4, 4)
		}, "M0 0m1 1 1.5.5-.5 1.5 2 1"},
		{"rounding to tenths without drift", func(d *pathData) {
			d.moveTo(0.04, 0)
			for k := 1; k <= 3; k++ {
				d.lineTo(0.04+float64(k)*0.33, float64(k)*0.33)
			}
		}, "M0 0l.4.3.3.4.3.3"},
		{"zero-length lines dropped, dots kept", func(d *pathData) {
			d.moveTo(5, 5)
			d.lineTo(5.01, 5.02)
			d.dot(7, 5)
		}, "M5 5m2 0h0"},
		{"negative and leading-zero numbers", func(d *pathData) {
			d.moveTo(-0.5, -12.25)
			d.lineTo(-0.5, 0)
		}, "M-.5-12.3v12.3"},
	}
	for _, tt := range tests {
		var d pathData
		tt.build(&d)
		if got := d.String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
