package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestGCPercentFor(t *testing.T) {
	for _, c := range []struct {
		live, goal uint64
		want       int
	}{
		{0, 400 << 20, maxGCPercent},
		{8 << 20, 400 << 20, maxGCPercent},   // a small build stays lazy
		{80 << 20, 400 << 20, maxGCPercent},  // 80 MiB × 5 = 400 MiB
		{100 << 20, 400 << 20, 300},          // 100 MiB × 4
		{200 << 20, 400 << 20, minGCPercent}, // 200 MiB × 2
		{1 << 30, 400 << 20, minGCPercent},   // over the goal: Go's default
		{160 << 20, 400 << 20, 150},          // 160 MiB × 2.5
	} {
		if got := gcPercentFor(c.live, c.goal); got != c.want {
			t.Errorf("gcPercentFor(%d MiB, %d MiB) = %d, want %d", c.live>>20, c.goal>>20, got, c.want)
		}
	}
}

// TestLiveAfterGC checks the estimate against a heap of known size: 64 MiB
// held live through a collection, at two percentages.
func TestLiveAfterGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	held := make([][]byte, 64)
	for i := range held {
		held[i] = make([]byte, 1<<20)
	}
	for _, percent := range []int{100, 300} {
		debug.SetGCPercent(percent)
		runtime.GC()
		live := liveAfterGC(percent)
		if live < 64<<20 || live > 72<<20 {
			t.Errorf("at %d%%, with 64 MiB held, liveAfterGC = %.1f MiB", percent, float64(live)/(1<<20))
		}
	}
	runtime.KeepAlive(held)
}
