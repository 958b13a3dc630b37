package svgviz

import (
	"math"
	"strings"
	"testing"
	"time"
)

// cutTextSlow is the cut as it was: a rune at a time, measured again.
func cutTextSlow(s string, width float64) string {
	if textWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r))+textWidth("…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// TestCutTextSame: the linear cut gives what the quadratic one gave.
func TestCutTextSame(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "gd, lr=0.001", strings.Repeat("W", 40), strings.Repeat("日本", 30), "i" + strings.Repeat("m", 80)} {
		for _, w := range []float64{0, 5, 30, 100, 176, 1000} {
			if got, want := cutText(s, w), cutTextSlow(s, w); got != want {
				t.Errorf("cutText(%q, %v) = %q, want %q", s, w, got, want)
			}
		}
	}
}

// TestCutTextLinear: a label of 400,000 characters is cut at once (40,000
// took 25 s).
func TestCutTextLinear(t *testing.T) {
	t.Parallel()
	start := time.Now()
	cutText(strings.Repeat("x", 400_000), 176)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cutting took %v", d)
	}
}

// TestTicksBounded: ticks end, and stay few, on domains one float wide,
// huge or not finite (issue #20: [1, 1.0000000000000002] never ended).
func TestTicksBounded(t *testing.T) {
	t.Parallel()
	next := func(x float64) float64 { return math.Nextafter(x, math.Inf(1)) }
	tests := []struct {
		name   string
		lo, hi float64
	}{
		{"one float wide", 1, 1.0000000000000002},
		{"one float wide, large", 1e15, next(1e15)},
		{"one float wide, 2^53", 1 << 53, next(1 << 53)},
		{"one float wide, near zero", 0, 5e-324},
		{"one float wide, negative", -1, next(-1)},
		{"a few floats wide", 3, next(next(next(3)))},
		{"huge", -1e308, 1e308},
		{"maximal", -math.MaxFloat64, math.MaxFloat64},
		{"infinite", math.Inf(-1), math.Inf(1)},
		{"ordinary", -2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			done := make(chan []tick, 2)
			go func() { done <- linearTicks(tt.lo, tt.hi, 7) }()
			go func() { done <- logTicks(tt.lo, tt.hi, 7) }()
			for range 2 {
				select {
				case ts := <-done:
					if len(ts) > maxTickCount {
						t.Errorf("%d ticks", len(ts))
					}
				case <-time.After(5 * time.Second):
					t.Fatal("the tick loop does not end")
				}
			}
		})
	}
	if ts := linearTicks(-2, 2, 7); len(ts) < 3 {
		t.Errorf("ordinary axis: %v", ts)
	}
}
