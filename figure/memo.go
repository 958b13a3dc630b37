package figure

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"descent/optim"
	"descent/svgviz"
)

// Memo shares work between figures: the critical points and the contour
// layers of a function are computed once however many figures draw it. The
// zero value is ready to use, and a Memo is safe for concurrent use.
type Memo struct {
	crit   *criticalCache
	layers *layerCache
	once   sync.Once
}

func (m *Memo) init() {
	m.once.Do(func() {
		if m.crit == nil {
			m.crit = &criticalCache{}
		}
		m.layers = &layerCache{}
	})
}

// Renew returns a memo for the next build: it keeps the critical points,
// which depend only on a function and its domain, and drops the contour
// layers, which hold a sampled grid each.
func (m *Memo) Renew() *Memo {
	m.init()
	return &Memo{crit: m.crit}
}

// functionKey names the function a figure draws exactly: figures with the
// same key have the same values everywhere. Numbers are written in full
// ('g', -1 reads back as the same float64).
func functionKey(s *Spec) string {
	var b strings.Builder
	num := func(v float64) { b.WriteString(strconv.FormatFloat(v, 'g', -1, 64)); b.WriteByte(',') }
	switch {
	case s.Catalog != nil:
		b.WriteString("catalog:" + s.Catalog.Name + "|")
		keys := make([]string, 0, len(s.Catalog.Params))
		for k := range s.Catalog.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.WriteString(k + "=")
			num(s.Catalog.Params[k])
		}
	case s.Regress != nil:
		// The data are all there is to the function; hash them.
		h := sha256.New()
		var buf [8]byte
		for _, vs := range [][]float64{s.Regress.T, s.Regress.U} {
			binary.LittleEndian.PutUint64(buf[:], uint64(len(vs)))
			h.Write(buf[:])
			for _, v := range vs {
				binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
				h.Write(buf[:])
			}
		}
		b.WriteString("regression:" + hex.EncodeToString(h.Sum(nil)))
	default:
		b.WriteString("expr:" + s.Function + "|")
		keys := make([]string, 0, len(s.Consts))
		for k := range s.Consts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.WriteString(k + "=")
			num(s.Consts[k])
		}
	}
	fmt.Fprintf(&b, "|dim=%d|x=", s.Dim)
	num(s.Domain.X[0])
	num(s.Domain.X[1])
	b.WriteString("y=")
	num(s.Domain.Y[0])
	num(s.Domain.Y[1])
	return b.String()
}

// criticalCache shares critical points between figures of the same function
// and domain: many figures draw the same landscape.
type criticalCache struct {
	mu   sync.Mutex
	byFn map[string]*critEntry
}

type critEntry struct {
	once sync.Once
	cps  []optim.CriticalPoint
}

func (c *criticalCache) get(s *Spec) []optim.CriticalPoint {
	key := functionKey(s)
	c.mu.Lock()
	if c.byFn == nil {
		c.byFn = map[string]*critEntry{}
	}
	e := c.byFn[key]
	if e == nil {
		e = &critEntry{}
		c.byFn[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		var known []optim.Minimum
		if s.Catalog != nil {
			known = s.Catalog.Minima
		}
		e.cps = optim.CriticalPoints(s.Obj, s.Domain, optim.CriticalGrid, known)
	})
	return e.cps
}

// layerCache shares contour layers within one build: the grid is sampled
// and contoured once per function, domain, levels and plot size, however
// many figures draw it (a course draws the catalog's functions again and
// again).
type layerCache struct {
	mu sync.Mutex
	m  map[string]*layerEntry
}

type layerEntry struct {
	once  sync.Once
	layer *svgviz.ContourLayer
	err   error
}

// get returns the layer of s's function for a plot rectangle.
func (c *layerCache) get(s *Spec, plot svgviz.Rect) (*svgviz.ContourLayer, error) {
	var b strings.Builder
	b.WriteString(functionKey(s))
	fmt.Fprintf(&b, "|levels=%s,%d,", s.Levels.Scale, s.Levels.Count)
	for _, v := range s.Levels.Values {
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + ",")
	}
	fmt.Fprintf(&b, "|plot=%v,%v", plot.W, plot.H)
	key := b.String()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*layerEntry{}
	}
	e := c.m[key]
	if e == nil {
		e = &layerEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.layer, e.err = svgviz.NewContourLayer(sampleGrid(s, plot), s.Levels, plot.W, plot.H)
	})
	return e.layer, e.err
}
