package lesson

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"descent/optim"
)

// Cache keeps computed figures between builds of one process (cmd/serve),
// keyed by the hash of the directive's text and the figure's id. Its zero
// value is ready; it is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	figures map[string]*FigureData
	crit    criticalCache
}

// cacheVersion changes whenever computeFigure's output would change for the
// same directive.
const cacheVersion = "descent-figure-1"

func figureKey(id string, src []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cacheVersion, id)
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) get(key string) (*FigureData, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.figures[key]
	return f, ok
}

// put stores f and returns the number of figures kept.
func (c *Cache) put(key string, f *FigureData) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.figures == nil {
		c.figures = map[string]*FigureData{}
	}
	c.figures[key] = f
}

// retain drops every figure whose key is not in keep, so a long preview
// session holds only the figures of the current course.
func (c *Cache) retain(keep map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.figures {
		if !keep[k] {
			delete(c.figures, k)
		}
	}
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
	key := fmt.Sprintf("%s|%v|%v|%v", s.Function, s.Domain, s.Dim, s.Seed)
	if s.Catalog != nil {
		key += fmt.Sprint(s.Catalog.Params)
	}
	if s.Regress != nil {
		key += fmt.Sprint(len(s.Regress.T), s.Regress.U[0])
	}
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
		e.cps = optim.CriticalPoints(s.Obj, s.Domain, 48, known)
	})
	return e.cps
}
