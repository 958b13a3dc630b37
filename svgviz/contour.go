package svgviz

import (
	"math"
	"sync/atomic"
)

// Point is a position in world or screen coordinates.
type Point struct{ X, Y float64 }

// Contour is a polyline. Closed contours have c[0] == c[len(c)-1].
type Contour []Point

// Closed reports whether c ends where it starts.
func (c Contour) Closed() bool { return len(c) > 2 && c[0] == c[len(c)-1] }

// Contours extracts the isolines of g at level as polylines in world
// coordinates, by marching squares with linear interpolation. A saddle cell
// (diagonal corners on the same side) is resolved by the average of its four
// corners. Cells touching a non-finite value yield nothing, so isolines stop
// at the domain's edge and at undefined regions. The lower side lies on the
// left of each polyline (y up): closed rings around a minimum run
// counterclockwise. The result is deterministic.
func Contours(g Grid, level float64) []Contour {
	if !g.ok() || !isFinite(level) {
		return nil
	}
	d := g.Domain
	dx, dy := (d.X1-d.X0)/float64(g.NX-1), (d.Y1-d.Y0)/float64(g.NY-1)
	t := newTracer(g.NX, g.NY, g.Values, d.X0, d.Y0, dx, dy, []float64{level}, true)
	defer t.release(false)
	return t.trace(0)
}

// sublevelRings returns, for each level c, the closed rings bounding the
// region where f < c inside the domain. Undefined samples lie outside every
// region, the boundary passing halfway between them and their defined
// neighbours, and the grid is padded with +Inf, so every ring closes, along
// the domain's edge if need be. With finite set, one more entry follows the levels: the rings
// bounding the region where f is finite, or nil when f is finite everywhere.
func sublevelRings(g Grid, levels []float64, finite bool) [][]Contour {
	t, fin := sublevelTracer(g, levels, finite)
	defer t.release(false)
	out := make([][]Contour, len(levels), len(levels)+1)
	for k := range levels {
		out[k] = t.trace(k)
	}
	if finite && fin < 0 {
		out = append(out, nil)
	} else if finite {
		out = append(out, t.trace(fin))
	}
	return out
}

// sublevelTracer prepares the tracing of sublevelRings: trace(k) gives level
// k's rings. With finite set and f undefined somewhere, fin is the level
// whose rings bound the region where f is finite; otherwise it is -1.
func sublevelTracer(g Grid, levels []float64, finite bool) (t *tracer, fin int) {
	nx, ny := g.NX+2, g.NY+2
	inf, nan := math.Inf(1), math.NaN()
	var defined atomic.Bool // false once a sample is not finite
	defined.Store(true)
	var v []float64
	own := !g.Scratch || cap(g.Values) < nx*ny
	if own {
		v = valueSlices.get(nx * ny)
		byRows(ny, nx, func(j0, j1 int) {
			for j := j0; j < j1; j++ {
				for i := range nx {
					val := inf
					if i > 0 && j > 0 && i <= g.NX && j <= g.NY {
						val = g.Values[(j-1)*g.NX+i-1]
					}
					v[j*nx+i] = val
				}
			}
		})
	} else {
		// In place: each row moves to its bordered place, the last row
		// first, since every row moves forward.
		v = g.Values[:nx*ny]
		for j := g.NY - 1; j >= 0; j-- {
			copy(v[(j+1)*nx+1:(j+1)*nx+1+g.NX], v[j*g.NX:(j+1)*g.NX])
		}
		for i := range nx {
			v[i], v[(ny-1)*nx+i] = inf, inf
		}
		for j := 1; j < ny-1; j++ {
			v[j*nx], v[j*nx+nx-1] = inf, inf
		}
	}
	// Samples that are not finite are undefined: NaN inside the border.
	byRows(g.NY, g.NX, func(j0, j1 int) {
		for j := j0 + 1; j <= j1; j++ {
			row := v[j*nx+1 : j*nx+1+g.NX]
			for i, val := range row {
				if !isFinite(val) {
					row[i] = nan
					defined.Store(false)
				}
			}
		}
	})
	allFinite := defined.Load()
	ls, fin := levels, -1
	if finite && !allFinite {
		ls, fin = append(levels[:len(levels):len(levels)], inf), len(levels)
	}
	d := g.Domain
	dx, dy := (d.X1-d.X0)/float64(g.NX-1), (d.Y1-d.Y0)/float64(g.NY-1)
	t = newTracer(nx, ny, v, d.X0-dx, d.Y0-dy, dx, dy, ls, false)
	t.ownsV = own
	t.closed = true // padded with +Inf
	return t, fin
}
