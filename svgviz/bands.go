package svgviz

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Tolerances for drawn geometry, in viewBox units.
const (
	simplifyTol = 0.25 // polylines are simplified within this distance
	minRingSize = 0.5  // rings smaller than this both ways are not drawn
)

// writeBands draws the filled bands between levels with thin isolines on
// their edges, for a group that sets the fill rule and the stroke
// (writeLayer).
//
// The region where f is defined is painted in the top band's colour; then,
// from the highest level down, the region where f < level is filled in the
// colour of the band below it. Each region is bounded by closed rings
// (sublevelRings pads the grid with +Inf), and the even-odd rule makes holes
// of inner rings. Undefined samples count as +Inf, so they lie outside every
// region and stay blank. Each level is one path whose stroke is its isoline;
// the fill of the next level down can cover at most the inner half of that
// stroke, where two levels run within a quarter pixel of each other.
//
// Levels are traced and drawn on every core, each worker with its own
// scratch space, and written in order, so the bytes do not depend on the
// number of cores.
func (w *svgWriter) writeBands(g Grid, levels []float64, v view) {
	t, fin := sublevelTracer(g, levels, true)
	defer t.release(false)
	n := len(levels)
	color := func(band int) string {
		if n == 0 {
			return bandColor(0.5)
		}
		return bandColor(float64(band) / float64(n))
	}
	jobs := make([]int, 0, n+1) // levels to draw, in order
	if fin >= 0 {
		jobs = append(jobs, fin)
	}
	for k := n - 1; k >= 0; k-- {
		jobs = append(jobs, k)
	}
	paths := make([][]byte, len(jobs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(jobs)/8))
	var next atomic.Int64
	var wg sync.WaitGroup
	for i := range workers {
		tw := t
		if i > 0 {
			tw = t.scratch()
			defer tw.release(true)
		}
		wg.Go(func() {
			var rp ringPather
			var buf []Point // each level's rings in turn
			for {
				j := int(next.Add(1)) - 1
				if j >= len(jobs) {
					return
				}
				var rings []Contour
				rings, buf = tw.traceInto(jobs[j], buf)
				paths[j] = slices.Clone(rp.path(rings, v))
			}
		})
	}
	wg.Wait()
	if fin < 0 {
		p := v.plot
		w.rect(p.X, p.Y, p.W, p.H, attr("fill", color(n)), `stroke="none"`)
	}
	for j, d := range paths {
		if len(d) == 0 {
			continue
		}
		band := jobs[j]
		if band == fin {
			band = n
		}
		w.path(string(d), attr("fill", color(band)))
	}
}

// A ringPather builds ring path data with reusable buffers; the result of
// path is valid until the next call.
type ringPather struct {
	d   pathData
	buf []Point
	s   simplifier
}

func (rp *ringPather) path(rings []Contour, v view) []byte {
	rp.d = pathData{b: rp.d.b[:0]}
	for _, r := range rings {
		buf := rp.buf[:0]
		lo, hi := Point{1e300, 1e300}, Point{-1e300, -1e300}
		for _, p := range r {
			s := v.toScreen(p.X, p.Y)
			buf = append(buf, s)
			lo.X, lo.Y = min(lo.X, s.X), min(lo.Y, s.Y)
			hi.X, hi.Y = max(hi.X, s.X), max(hi.Y, s.Y)
		}
		rp.buf = buf
		if hi.X-lo.X < minRingSize && hi.Y-lo.Y < minRingSize {
			continue
		}
		rp.d.polyline(rp.s.run(buf, simplifyTol), true)
	}
	return rp.d.b
}
