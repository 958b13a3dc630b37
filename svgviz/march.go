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
// of every level are found once, up front, in one pass over the lattice.
type tracer struct {
	nx, ny int       // lattice size
	v      []float64 // values, row-major, y ascending
	ownsV  bool      // v is the tracer's own (padded) copy, to release
	// skip is set when cells touching a non-finite value yield nothing.
	skip   bool
	x0, y0 float64 // world position of lattice point (0, 0)
	dx, dy float64 // lattice spacing
	levels []float64
	// closed is set when the lattice's border lies outside every level,
	// so that every polyline is a ring and none needs looking for an
	// open end.
	closed bool

	cells  []int32 // cell numbers grouped by level, each group in scan order
	starts []int   // level k's cells are cells[starts[k]:starts[k+1]]
	most   int     // the most cells of any level

	segs []segment
	tos  []Point // where each segment reaches its end edge
	// rows holds, by row of cells, the index in segs of the row's first
	// segment in the level being traced, and then len(segs): a cell's
	// segments are found by searching its row: a few hundred bytes,
	// where an index by cell took as many words as the lattice has cells.
	rows []int32
	used []bool
	ends []int // end of each polyline's points in trace
}

// A segment crosses one cell from one edge to another; the sides are the
// cell's edges (0–3, below) that they are.
type segment struct {
	from, to         int32
	cell, row        int32
	fromSide, toSide int8
}

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
	t := &tracer{nx: nx, ny: ny, v: v, x0: x0, y0: y0, dx: dx, dy: dy, levels: levels, skip: skipNonFinite}
	t.bucket()
	return t
}

// bandRow sets b[i] to the band of lattice point (i, j): len(levels) for
// a non-finite value, outside every level, or -1 when its cells are
// skipped.
func (t *tracer) bandRow(j int, b []int32) {
	k := 0 // neighbours have nearby bands: walk from the last one
	for i, val := range t.v[j*t.nx : (j+1)*t.nx] {
		if !isFinite(val) {
			b[i] = int32(len(t.levels))
			if t.skip {
				b[i] = -1
			}
			continue
		}
		for k < len(t.levels) && t.levels[k] <= val {
			k++
		}
		for k > 0 && !(t.levels[k-1] <= val) {
			k--
		}
		b[i] = int32(k)
	}
}

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

// A tracer's padded copy of its values is reused by the next: a figure's
// tracers would otherwise allocate a megabyte each. It is written whole
// before it is read.
var valueSlices slicePool[float64]

// release returns t's arrays for other tracers; t is not to be used after.
// The scratch tracers of t have no arrays of their own to release.
func (t *tracer) release(scratch bool) {
	if !scratch && t.ownsV {
		valueSlices.put(t.v)
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

// scratch returns a tracer sharing t's lattice and cells, with
// scratch space of its own, to trace other levels at the same time.
func (t *tracer) scratch() *tracer {
	return &tracer{nx: t.nx, ny: t.ny, v: t.v, skip: t.skip, x0: t.x0, y0: t.y0, dx: t.dx, dy: t.dy,
		levels: t.levels, closed: t.closed, cells: t.cells, starts: t.starts, most: t.most}
}

// bucket groups the crossed cells by level with a counting sort, the rows
// of cells split among the cores: each range counts its cells per level,
// and then fills its part of each level's group, after the ranges before
// it, so the groups keep scan order. Each pass works out the bands of its
// rows of points as it goes: an array of them as large as the lattice
// would cost more in fresh memory than computing them twice.
func (t *tracer) bucket() {
	n := len(t.levels)
	rows := t.ny - 1
	chunks := min(runtime.GOMAXPROCS(0), rows*t.nx/parallelPoints+1, max(rows, 1))
	counts := make([][]int, chunks) // by range: each level's cells
	// eachCell calls fn with each crossed cell of range c and the levels
	// lo to hi-1 that cross it, in scan order.
	eachCell := func(c int, fn func(cell int, lo, hi int32)) {
		below, above := make([]int32, t.nx), make([]int32, t.nx)
		colLo, colHi := make([]int32, t.nx), make([]int32, t.nx)
		j0 := c * rows / chunks
		t.bandRow(j0, above)
		for j := j0; j < (c+1)*rows/chunks; j++ {
			below, above = above, below
			t.bandRow(j+1, above)
			columnBands(below, above, colLo, colHi)
			for i := range t.nx - 1 {
				if lo, hi := min(colLo[i], colLo[i+1]), max(colHi[i], colHi[i+1]); lo >= 0 && lo < hi {
					fn(j*(t.nx-1)+i, lo, hi)
				}
			}
		}
	}
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Go(func() {
			diff := make([]int, n+1)
			eachCell(c, func(_ int, lo, hi int32) {
				diff[lo]++
				diff[hi]--
			})
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
	for k := range n {
		t.most = max(t.most, t.starts[k+1]-t.starts[k])
	}
	t.cells = make([]int32, total)
	for c := range chunks {
		wg.Go(func() {
			fill := fills[c]
			eachCell(c, func(cell int, lo, hi int32) {
				for k := lo; k < hi; k++ {
					t.cells[fill[k]] = int32(cell)
					fill[k]++
				}
			})
		})
	}
	wg.Wait()
}

// columnBands sets colLo[i] and colHi[i] to the least and greatest of the
// bands below[i] and above[i] of two rows of points, for the cells
// between them: a cell is crossed by the levels from the least band of its
// corners up to, not including, the greatest. A skipped point (-1) makes
// its cells' least band negative, and they are not crossed.
func columnBands(below, above, colLo, colHi []int32) {
	for i := range colLo {
		colLo[i], colHi[i] = min(below[i], above[i]), max(below[i], above[i])
	}
}

// point returns where level c crosses edge e, interpolating linearly.
func (t *tracer) point(e int32, c float64) Point {
	nH := int32((t.nx - 1) * t.ny)
	if e < nH {
		return t.crossing(int(e)%(t.nx-1), int(e)/(t.nx-1), true, c)
	}
	e -= nH
	return t.crossing(int(e)%t.nx, int(e)/t.nx, false, c)
}

// crossing returns where level c crosses the edge from lattice point
// (i, j) to the next one along x (horizontal) or along y. A +Inf end pins
// the crossing to the other end; a NaN end puts it halfway.
func (t *tracer) crossing(i, j int, horizontal bool, c float64) Point {
	p := j*t.nx + i
	q := p + t.nx
	if horizontal {
		q = p + 1
	}
	a, b := t.v[p], t.v[q]
	var s float64
	if d := b - a; isFinite(d) { // both ends finite, as nearly all are
		s = (c - a) / d
	} else {
		switch {
		case math.IsInf(b, 1):
			s = 0
		case math.IsInf(a, 1):
			s = 1
		case math.IsNaN(a) || math.IsNaN(b):
			s = 0.5
		default: // finite ends too far apart for their difference
			s = (c - a) / (b - a)
		}
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
	if cap(t.segs) == 0 {
		// Room for the largest level at once, rather than doubling to
		// it and leaving the smaller arrays behind: a cell has one
		// segment, or two in the rare saddle.
		n := t.most + t.most/8 + 4
		t.segs, t.tos, t.used = make([]segment, 0, n), make([]Point, 0, n), make([]bool, n)
	}
	t.segs, t.tos = t.segs[:0], t.tos[:0]
	t.rows = slices.Grow(t.rows[:0], t.ny)
	nH := (t.nx - 1) * t.ny
	// The cells come in scan order: their row is found by stepping
	// instead of dividing.
	w := t.nx - 1
	j, rowStart := 0, 0 // the row of the cell, and the number of its first cell
	t.rows = append(t.rows, 0)
	for _, cell := range t.cells[t.starts[k]:t.starts[k+1]] {
		for int(cell)-rowStart >= w {
			j++
			rowStart += w
			t.rows = append(t.rows, int32(len(t.segs)))
		}
		i := int(cell) - rowStart
		bottom, left := int32(cell), int32(nH+j*t.nx+i) // cell = j*(nx-1) + i
		edges := [4]int32{bottom, left + 1, bottom + int32(t.nx-1), left}
		p := j*t.nx + i
		corner := t.v[p : p+t.nx+2 : p+t.nx+2] // corners 0, 1 at 0, 1; 3, 2 at nx, nx+1
		v0, v1, v2, v3 := corner[0], corner[1], corner[t.nx+1], corner[t.nx]
		// A corner is inside when its band is at most k, that is, when
		// level k is above its value: NaN and +Inf, outside every
		// level, are not below any, and a crossed cell has no other
		// values that are not finite (sublevelTracer makes -Inf NaN,
		// and skipped cells are not crossed). A crossed cell's corners
		// are as often in as out, so the mask is made without branches.
		m := below(v0, c) | below(v1, c)<<1 | below(v2, c)<<2 | below(v3, c)<<3
		if m == 5 || m == 10 {
			center := (v0 + v1 + v2 + v3) / 4
			step := 3 // center outside: pair each in→out edge with the previous edge
			if center < c {
				step = 1 // center inside: pair it with the next edge
			}
			for e := range 4 {
				if m>>e&1 == 1 { // corner e inside, so edge e goes in→out
					t.add(cell, j, i, &edges, e, (e+step)%4, c)
				}
			}
			continue
		}
		s := caseSegs[m]
		t.add(cell, j, i, &edges, int(s[0]), int(s[1]), c)
	}
	for len(t.rows) < t.ny { // the rows after the last crossed one, and the end
		t.rows = append(t.rows, int32(len(t.segs)))
	}

	if cap(t.used) < len(t.segs) {
		t.used = make([]bool, len(t.segs))
	}
	used := t.used[:len(t.segs)]
	clear(used)
	// Every segment adds one point to its polyline, and every polyline
	// has one more, so the points of all polylines share one array.
	t.ends = t.ends[:0]
	// A ring has at least four segments and one point more (an open
	// polyline may have one segment: append makes room). The first
	// level makes room for the largest.
	pts := slices.Grow(buf[:0], max(len(t.segs), t.most)*5/4+4)
	walk := func(s int) {
		pts = append(pts, t.point(t.segs[s].from, c))
		for cur := int32(s); cur >= 0 && !used[cur]; cur = t.leaving(cur) - 1 {
			used[cur] = true
			pts = append(pts, t.tos[cur])
		}
		t.ends = append(t.ends, len(pts))
	}
	if !t.closed {
		for s := range t.segs {
			if !used[s] && t.entering(int32(s)) == 0 {
				walk(s)
			}
		}
	}
	for s := range t.segs {
		if !used[s] {
			walk(s)
		}
	}
	out := make([]Contour, len(t.ends))
	start := 0
	for k, end := range t.ends {
		out[k] = Contour(pts[start:end:end])
		start = end
	}
	return out, pts
}

// below returns 1 if v < c, else 0, which Go compiles without a branch.
func below(v, c float64) int {
	if v < c {
		return 1
	}
	return 0
}

// add appends the segment crossing cell number cell, at row j and column
// i, whose edges are edges, from side from to side to, with the point
// where level c crosses its end edge.
func (t *tracer) add(cell int32, j, i int, edges *[4]int32, from, to int, c float64) {
	t.segs = append(t.segs, segment{from: edges[from], to: edges[to], cell: cell, row: int32(j),
		fromSide: int8(from), toSide: int8(to)})
	// Sides 0 and 2 are horizontal edges, from the cell's lower left
	// corner and from its upper left; sides 1 and 3 vertical, from its
	// lower right corner and from its lower left.
	t.tos = append(t.tos, t.crossing(i+[4]int{0, 1, 0, 0}[to], j+[4]int{0, 0, 1, 0}[to], to%2 == 0, c))
}

// leaving returns 1 + the segment that continues segment s, leaving its
// end edge into the next cell, or 0.
func (t *tracer) leaving(s int32) int32 {
	sg := &t.segs[s]
	return t.across(s, sg.toSide, sg.to, true)
}

// entering returns 1 + the segment that segment s continues, entering its
// start edge from the cell before, or 0.
func (t *tracer) entering(s int32) int32 {
	sg := &t.segs[s]
	return t.across(s, sg.fromSide, sg.from, false)
}

// across returns 1 + the segment of the cell on the other side of side of
// segment s's cell that starts (or, with from false, ends) on edge e, or 0.
//
// The segments are in scan order, so a cell's neighbour on its right has
// its segments just after the cell's own, the one on its left just before,
// and the ones below and above are found by searching their rows. At the
// lattice's left and right borders the cell across is one of the next or
// previous row, whose segments cannot share the edge, so the comparison of
// edge numbers rejects them.
func (t *tracer) across(s int32, side int8, e int32, from bool) int32 {
	sg := &t.segs[s]
	cell := sg.cell
	w := int32(t.nx - 1)
	o := cell + [4]int32{-w, 1, w, -1}[side] // the cell across
	var k int                                // its first segment, or where it would be
	step := 1                                // and the direction in which the others follow
	switch side {
	case 1: // right: after the cell's own
		k = int(s) + 1
		for k < len(t.segs) && t.segs[k].cell == cell {
			k++
		}
	case 3: // left: before them
		k, step = int(s)-1, -1
		for k >= 0 && t.segs[k].cell == cell {
			k--
		}
	default: // below (0) or above (2): in the row before or after
		r := int(sg.row) - 1 + int(side)
		if r < 0 || r+1 >= len(t.rows) {
			return 0
		}
		lo, hi := int(t.rows[r]), int(t.rows[r+1])
		for lo < hi { // the row's first segment at or after cell o
			mid := int(uint(lo+hi) >> 1)
			if t.segs[mid].cell < o {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		k = lo
	}
	for ; k >= 0 && k < len(t.segs) && t.segs[k].cell == o; k += step {
		if sg := &t.segs[k]; from && sg.from == e || !from && sg.to == e {
			return int32(k) + 1
		}
	}
	return 0
}
