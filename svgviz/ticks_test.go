package svgviz

import (
	"math"
	"slices"
	"testing"
)

func TestNiceStep(t *testing.T) {
	t.Parallel()
	tests := []struct {
		span float64
		n    int
		want float64
	}{
		{12, 6, 2}, {1, 5, 0.2}, {7, 3, 5}, {10.24, 6, 2}, {200, 5, 50}, {0.003, 3, 0.001}, {0, 5, 1},
	}
	for _, tt := range tests {
		if got := niceStep(tt.span, tt.n); math.Abs(got-tt.want) > 1e-12*tt.want {
			t.Errorf("niceStep(%g, %d) = %g, want %g", tt.span, tt.n, got, tt.want)
		}
	}
}

func labels(ts []tick) []string {
	var s []string
	for _, t := range ts {
		s = append(s, t.label)
	}
	return s
}

func TestTicks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  []tick
		want []string
	}{
		{"symmetric", linearTicks(-6, 6, 7), []string{"−6", "−4", "−2", "0", "2", "4", "6"}},
		{"tenths, no float noise", linearTicks(0, 0.3, 4), []string{"0", "0.1", "0.2", "0.3"}},
		{"Rastrigin", linearTicks(-5.12, 5.12, 5), []string{"−5", "0", "5"}},
		{"steps", linearTicks(0, 200, 7), []string{"0", "50", "100", "150", "200"}},
		{"narrow range still has two", linearTicks(0.31, 0.39, 2), []string{"0.32", "0.34", "0.36", "0.38"}},
		{"large", linearTicks(0, 3e6, 4), []string{"0", "1e6", "2e6", "3e6"}},
		{"decades", logTicks(-10.6, 5.6, 5), []string{"10⁻¹⁰", "10⁻⁵", "1", "10⁵"}},
		{"every decade", logTicks(-2.2, 3.1, 8), []string{"0.01", "0.1", "1", "10", "100", "1000"}},
		{"within one decade", logTicks(0.1, 0.9, 5), []string{"2", "5"}},
	}
	for _, tt := range tests {
		if got := labels(tt.got); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
