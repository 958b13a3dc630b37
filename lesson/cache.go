package lesson

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"descent/optim"
	"descent/svgviz"
)

// Cache keeps computed figures between builds, keyed by the hash of the
// directive's text and the figure's id. Its zero value keeps them in memory,
// for the builds of one process (cmd/serve); OpenCache keeps them in a folder
// instead, for later processes (cmd/build). It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	figures map[string]*FigureData
	crit    criticalCache
	sites   map[string]siteRecord // by absolute output folder
	disk    *diskCache            // nil: in memory
	none    bool                  // keep nothing: a build without a cache
}

// cacheVersion changes whenever computeFigure's output would change for the
// same directive. Entries on disk are also tied to the executable that wrote
// them (diskCache), so a forgotten change here cannot serve stale figures.
const cacheVersion = "descent-figure-3"

func figureKey(id string, src []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cacheVersion, id)
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) get(key string) (*FigureData, bool) {
	if c.none {
		return nil, false
	}
	if c.disk != nil {
		return c.disk.get(key)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.figures[key]
	return f, ok
}

// put stores f.
func (c *Cache) put(key string, f *FigureData) {
	if c.none {
		return
	}
	if c.disk != nil {
		c.disk.put(key, f)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.figures == nil {
		c.figures = map[string]*FigureData{}
	}
	c.figures[key] = f
}

// retain drops every figure whose key is not in keep, so a long preview
// session holds only the figures of the current course. A folder is shared
// by every course built with it; it forgets figures by age instead, and
// learns here which figures the build keeps in use (diskCache.flush).
func (c *Cache) retain(keep map[string]bool) {
	if c.disk != nil {
		c.disk.retain(keep)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.figures {
		if !keep[k] {
			delete(c.figures, k)
		}
	}
}

// flush ends a build: a cache in a folder finishes the pack of the figures
// the build computed and marks the figures it used as used. Build calls it
// whether it succeeds or not.
func (c *Cache) flush() {
	if c.disk != nil {
		c.disk.flush()
	}
}

// site returns the record of the last build into out, or nil.
func (c *Cache) site(out string) siteRecord {
	if c.disk != nil {
		var r siteRecord
		if !c.disk.read(c.disk.sitePath(out), &r) {
			return nil
		}
		return r
	}
	abs, _ := filepath.Abs(out)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sites[abs]
}

// setSite remembers r as the record of the site now in out.
func (c *Cache) setSite(out string, r siteRecord) {
	if c.none {
		return
	}
	if c.disk != nil {
		c.disk.write(c.disk.sitePath(out), r)
		return
	}
	abs, _ := filepath.Abs(out)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sites == nil {
		c.sites = map[string]siteRecord{}
	}
	c.sites[abs] = r
}

// functionKey names the function a figure draws exactly: figures with the
// same key have the same values everywhere. Numbers are written in full
// ('g', -1 reads back as the same float64).
func functionKey(s *figureSpec) string {
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
		b.WriteString("expr:" + s.Function)
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

func (c *criticalCache) get(s *figureSpec) []optim.CriticalPoint {
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
func (c *layerCache) get(s *figureSpec, plot svgviz.Rect) (*svgviz.ContourLayer, error) {
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
