package svgviz

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// A tracer runs marching squares over a lattice for a sorted list of levels.
//
// A lattice point is inside a level c when its value is below c. Each crossed
// cell yields one segment, or two in a saddle cell, and segments are oriented
// so that the inside lies on their left (in world coordinates, y up): rings
// around a minimum run counterclockwise. Segments meet on cell edges, so they
// are joined by edge number, never by comparing coordinates, and in scan
// order, never in map order.
//
// Each point's band is the number of levels at or below its value; a cell is
// crossed by level k exactly when its corners' bands straddle k, so the cells
// of every level are found once, up front, without comparing floats again.
type tracer struct {
	nx, ny int       // lattice size
	v      []float64 // values, row-major, y ascending
	ownsV  bool      // v is the tracer's own (padded) copy, to release
	band   []int32   // bands; -1 marks a point whose cells are skipped
	x0, y0 float64   // world position of lattice point (0, 0)
	dx, dy float64   // lattice spacing
	levels []float64

	cells  []int32 // cell numbers grouped by level, each group in scan order
	starts []int   // level k's cells are cells[starts[k]:starts[k+1]]

	segs    []segment
	startAt []int32 // by edge number: 1 + the segment leaving that edge, or 0
	endAt   []int32 // by edge number: 1 + the segment entering that edge, or 0
	used    []bool
	ends    []int // end of each polyline's points in trace
}

// A segment crosses one cell from one edge to another.
type segment struct{ from, to int32 }

// Cell edges, counterclockwise: e0 bottom (corner 0→1), e1 right (1→2),
// e2 top (2→3), e3 left (3→0), with corners 0 (i,j), 1 (i+1,j), 2 (i+1,j+1)
// and 3 (i,j+1).
//
// A segment runs from an edge where the counterclockwise walk goes from an
// inside corner to an outside one, to an edge where it goes from outside to
// inside. caseSegs lists that one segment for every case without a saddle.
var caseSegs = func() (t [16][2]int8) {
	for m := range 16 {
		t[m] = [2]int8{-1, -1}
		if m == 5 || m == 10 {
			continue
		}
		for k := range 4 {
			in0, in1 := m>>k&1 == 1, m>>((k+1)%4)&1 == 1
			switch {
			case in0 && !in1:
				t[m][0] = int8(k)
			case !in0 && in1:
				t[m][1] = int8(k)
			}
		}
	}
	return t
}()

// newTracer prepares a tracer over values v (nx×ny, placed at x0, y0 with
// spacing dx, dy). With skipNonFinite, cells touching a non-finite value
// yield nothing. Otherwise non-finite values lie outside every level: +Inf
// marks padding, where crossings sit on the finite end of an edge, and NaN
// marks undefined samples, where they sit halfway along it.
func newTracer(nx, ny int, v []float64, x0, y0, dx, dy float64, levels []float64, skipNonFinite bool) *tracer {
	if len(levels) >= 1<<16 {
		panic("svgviz: more levels than a tracer can bucket") // bucket packs bands in 16 bits
	}
	t := &tracer{nx: nx, ny: ny, v: v, x0: x0, y0: y0, dx: dx, dy: dy, levels: levels}
	t.band = bandSlices.get(nx * ny)
	byRows(ny, nx, func(j0, j1 int) {
		b := 0 // neighbours have nearby bands: walk from the last one
		for p := j0 * nx; p < j1*nx; p++ {
			val := v[p]
			if !isFinite(val) {
				t.band[p] = int32(len(levels)) // outside every level
				if skipNonFinite {
					t.band[p] = -1
				}
				continue
			}
			for b < len(levels) && levels[b] <= val {
				b++
			}
			for b > 0 && !(levels[b-1] <= val) {
				b--
			}
			t.band[p] = int32(b)
		}
	})
	t.bucket()
	t.startAt, t.endAt = edgeTable(t.edges()), edgeTable(t.edges())
	return t
}

func (t *tracer) edges() int { return (t.nx-1)*t.ny + t.nx*(t.ny-1) }

// byRows calls fn on consecutive ranges of rows [j0, j1) covering [0, rows),
// one range per core when the rows hold enough points to be worth it.
func byRows(rows, perRow int, fn func(j0, j1 int)) {
	chunks := min(runtime.GOMAXPROCS(0), rows*perRow/parallelPoints+1, rows)
	if chunks <= 1 {
		fn(0, rows)
		return
	}
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Go(func() { fn(c*rows/chunks, (c+1)*rows/chunks) })
	}
	wg.Wait()
}

// parallelPoints is the number of lattice points worth a core of their own.
const parallelPoints = 40000

// A tracer's large arrays are reused by the next: a figure's tracers would
// otherwise allocate and clear megabytes each. An edge table is all zeros
// whenever no trace is running (traceInto clears what it set); bands and
// values are written whole before they are read.
var (
	edgeTables  slicePool[int32]
	bandSlices  slicePool[int32]
	valueSlices slicePool[float64]
)

func edgeTable(n int) []int32 { return edgeTables.get(n) }

// release returns t's arrays for other tracers; t is not to be used after.
// The scratch tracers of t release only their own edge tables.
func (t *tracer) release(scratch bool) {
	edgeTables.put(t.startAt)
	edgeTables.put(t.endAt)
	if !scratch {
		bandSlices.put(t.band)
		if t.ownsV {
			valueSlices.put(t.v)
		}
	}
	*t = tracer{}
}

// slicePool keeps slices of one length for reuse.
type slicePool[T any] struct{ p sync.Pool }

// get returns a slice of n elements: a released one of that length, or a
// new one of zeros.
func (s *slicePool[T]) get(n int) []T {
	if b, ok := s.p.Get().(*[]T); ok && len(*b) == n {
		return *b
	}
	return make([]T, n)
}

func (s *slicePool[T]) put(b []T) {
	if b != nil {
		s.p.Put(&b)
	}
}

// scratch returns a tracer sharing t's lattice, bands and cells, with
// scratch space of its own, to trace other levels at the same time.
func (t *tracer) scratch() *tracer {
	c := &tracer{nx: t.nx, ny: t.ny, v: t.v, band: t.band, x0: t.x0, y0: t.y0, dx: t.dx, dy: t.dy,
		levels: t.levels, cells: t.cells, starts: t.starts}
	c.startAt, c.endAt = edgeTable(t.edges()), edgeTable(t.edges())
	return c
}

// bucket groups the crossed cells by level with a counting sort, the rows
// of cells split among the cores: each range counts its cells per level,
// and then fills its part of each level's group, after the ranges before
// it, so the groups keep scan order.
func (t *tracer) bucket() {
	n := len(t.levels)
	rows := t.ny - 1
	chunks := min(runtime.GOMAXPROCS(0), rows*t.nx/parallelPoints+1, max(rows, 1))
	counts := make([][]int, chunks)     // by range: each level's cells
	crossed := make([][]uint64, chunks) // by range: cell<<32 | lo<<16 | hi of each crossed cell
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Go(func() {
			diff := make([]int, n+1)
			var cr []uint64
			// The least and greatest band of each column's two points in
			// the row of cells; a skipped point (-1) makes its cells' least
			// band negative.
			colLo, colHi := make([]int32, t.nx), make([]int32, t.nx)
			for j := c * rows / chunks; j < (c+1)*rows/chunks; j++ {
				below, above := t.band[j*t.nx:(j+1)*t.nx], t.band[(j+1)*t.nx:(j+2)*t.nx]
				for i := range colLo {
					colLo[i], colHi[i] = min(below[i], above[i]), max(below[i], above[i])
				}
				for i := range t.nx - 1 {
					lo, hi := min(colLo[i], colLo[i+1]), max(colHi[i], colHi[i+1])
					if lo >= 0 && lo < hi {
						diff[lo]++
						diff[hi]--
						cr = append(cr, uint64(j*(t.nx-1)+i)<<32|uint64(lo)<<16|uint64(hi))
					}
				}
			}
			crossed[c] = cr
			// diff holds differences; a running sum gives each level's count.
			run := 0
			for k := range n {
				run += diff[k]
				diff[k] = run
			}
			counts[c] = diff[:n]
		})
	}
	wg.Wait()
	t.starts = make([]int, n+1)
	fills := make([][]int, chunks) // by range: where its next cell of each level goes
	for c := range chunks {
		fills[c] = make([]int, n)
	}
	total := 0
	for k := range n {
		t.starts[k] = total
		for c := range chunks {
			fills[c][k] = total
			total += counts[c][k]
		}
	}
	t.starts[n] = total
	t.cells = make([]int32, total)
	for c := range chunks {
		wg.Go(func() {
			fill := fills[c]
			for _, x := range crossed[c] {
				for k := x >> 16 & 0xffff; k < x&0xffff; k++ {
					t.cells[fill[k]] = int32(x >> 32)
					fill[k]++
				}
			}
		})
	}
	wg.Wait()
}

// edge returns the number of edge e (0–3) of cell (i, j).
func (t *tracer) edge(i, j, e int) int32 {
	nH := (t.nx - 1) * t.ny
	switch e {
	case 0:
		return int32(j*(t.nx-1) + i)
	case 1:
		return int32(nH + j*t.nx + i + 1)
	case 2:
		return int32((j+1)*(t.nx-1) + i)
	default:
		return int32(nH + j*t.nx + i)
	}
}

// point returns where level c crosses edge e, interpolating linearly. A +Inf
// end pins the crossing to the other end; a NaN end puts it halfway.
func (t *tracer) point(e int32, c float64) Point {
	nH := int32((t.nx - 1) * t.ny)
	var p, q, i, j int
	horizontal := e < nH
	if horizontal {
		i, j = int(e)%(t.nx-1), int(e)/(t.nx-1)
		p = j*t.nx + i
		q = p + 1
	} else {
		e -= nH
		i, j = int(e)%t.nx, int(e)/t.nx
		p = j*t.nx + i
		q = p + t.nx
	}
	a, b := t.v[p], t.v[q]
	var s float64
	switch {
	case math.IsInf(b, 1):
		s = 0
	case math.IsInf(a, 1):
		s = 1
	case math.IsNaN(a) || math.IsNaN(b):
		s = 0.5
	default:
		s = (c - a) / (b - a)
	}
	x, y := t.x0+float64(i)*t.dx, t.y0+float64(j)*t.dy
	if horizontal {
		return Point{x + s*t.dx, y}
	}
	return Point{x, y + s*t.dy}
}

// trace returns the polylines of level k: open ones first, then closed
// rings, each group in scan order of its first segment.
func (t *tracer) trace(k int) []Contour {
	cs, _ := t.traceInto(k, nil)
	return cs
}

// traceInto is trace with the polylines' points stored in buf, which it
// returns, grown as needed, for the next call: the polylines are valid until
// buf is used again.
func (t *tracer) traceInto(k int, buf []Point) ([]Contour, []Point) {
	c := t.levels[k]
	t.segs = t.segs[:0]
	for _, cell := range t.cells[t.starts[k]:t.starts[k+1]] {
		i, j := int(cell)%(t.nx-1), int(cell)/(t.nx-1)
		p := j*t.nx + i
		ps := [4]int{p, p + 1, p + t.nx + 1, p + t.nx}
		m := 0
		for n, q := range ps {
			if t.band[q] <= int32(k) {
				m |= 1 << n
			}
		}
		if m == 5 || m == 10 {
			center := (t.v[ps[0]] + t.v[ps[1]] + t.v[ps[2]] + t.v[ps[3]]) / 4
			step := 3 // center outside: pair each in→out edge with the previous edge
			if center < c {
				step = 1 // center inside: pair it with the next edge
			}
			for e := range 4 {
				if m>>e&1 == 1 { // corner e inside, so edge e goes in→out
					t.add(t.edge(i, j, e), t.edge(i, j, (e+step)%4))
				}
			}
			continue
		}
		s := caseSegs[m]
		t.add(t.edge(i, j, int(s[0])), t.edge(i, j, int(s[1])))
	}

	if cap(t.used) < len(t.segs) {
		t.used = make([]bool, len(t.segs))
	}
	used := t.used[:len(t.segs)]
	clear(used)
	// Every segment adds one point to its polyline, and every polyline
	// has one more, so the points of all polylines share one array.
	t.ends = t.ends[:0]
	pts := slices.Grow(buf[:0], 2*len(t.segs))
	walk := func(s int) {
		pts = append(pts, t.point(t.segs[s].from, c))
		for cur := int32(s); cur >= 0 && !used[cur]; cur = t.startAt[t.segs[cur].to] - 1 {
			used[cur] = true
			pts = append(pts, t.point(t.segs[cur].to, c))
		}
		t.ends = append(t.ends, len(pts))
	}
	for s, sg := range t.segs {
		if !used[s] && t.endAt[sg.from] == 0 {
			walk(s)
		}
	}
	for s := range t.segs {
		if !used[s] {
			walk(s)
		}
	}
	for _, sg := range t.segs {
		t.startAt[sg.from], t.endAt[sg.to] = 0, 0
	}
	out := make([]Contour, len(t.ends))
	start := 0
	for k, end := range t.ends {
		out[k] = Contour(pts[start:end:end])
		start = end
	}
	return out, pts
}

func (t *tracer) add(from, to int32) {
	t.startAt[from] = int32(len(t.segs)) + 1
	t.endAt[to] = int32(len(t.segs)) + 1
	t.segs = append(t.segs, segment{from, to})
}
