package main

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// A build is a short burst of allocation. While its heap is small the
// collector runs rarely (GOGC 400, about a tenth less wall time than Go's
// 100 on a small course); as the live heap grows, the percentage comes down
// so that the heap's goal stays near heapGoal instead of five times the
// live heap: on 1,000 lessons that is under 512 MiB at about the same
// speed. A goal of 300 MiB keeps that build at 390 MiB resident instead of
// the 457 of a 400 MiB goal, in the same time (2.395 s against 2.406, eight
// alternating pairs; its live heap is about 100 MiB). A memory limit
// (GOMEMLIMIT) would bound it too, but its scavenger hands pages back to
// the kernel that the next allocations fault in again, which made the same
// build a third slower.
const (
	maxGCPercent = 400
	minGCPercent = 100
	heapGoal     = 300 << 20
)

// tuneGC sets the collector's percentage now and again after every cycle.
func tuneGC() {
	debug.SetGCPercent(maxGCPercent)
	var current atomic.Int64 // cleanups may run on other goroutines, one at a time here
	current.Store(maxGCPercent)
	var arm func()
	arm = func() {
		// The cleanup runs after the first cycle that finds the object
		// unreachable, that is after the next collection; it arms the
		// next one.
		runtime.AddCleanup(new([64]byte), func(struct{}) {
			if p := gcPercentFor(liveAfterGC(int(current.Load())), heapGoal); int64(p) != current.Load() {
				current.Store(int64(p))
				debug.SetGCPercent(p)
			}
			arm()
		}, struct{}{})
	}
	arm()
}

// liveAfterGC estimates the heap the last collection found live from the
// goal it then set, live × (1 + percent/100) plus the stacks' and globals'
// share, a few hundred kilobytes. runtime/metrics has the exact figure,
// but importing it cost every build a fifth of a millisecond of start-up
// (issue #21); reading the statistics once a cycle costs a pause of
// microseconds.
func liveAfterGC(percent int) uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.NextGC * 100 / uint64(100+percent)
}

// gcPercentFor returns the percentage that puts the heap's goal, live ×
// (1 + p/100), at goal, within [minGCPercent, maxGCPercent].
func gcPercentFor(live, goal uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	p := int64(goal)*100/int64(live) - 100
	return int(max(minGCPercent, min(maxGCPercent, p)))
}
