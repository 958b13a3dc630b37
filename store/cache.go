package store

import (
	"path/filepath"
	"sync"
)

// Cache keeps computed values (the site's figures) between builds, by key,
// and the record of each site built. Its zero value keeps them in memory,
// for the builds of one process (cmd/serve); Open keeps them in a folder
// instead, for later processes (cmd/build); a nil *Cache keeps nothing. V is
// stored as it is in memory and as its gob in a folder, with the large
// strings of a V that implements Blobs beside the gob. It is safe for
// concurrent use.
type Cache[V any] struct {
	mu     sync.Mutex
	values map[string]V
	sites  map[string]SiteRecord // by absolute output folder
	disk   *diskCache[V]         // nil: in memory
}

// Get returns the value stored under key.
func (c *Cache[V]) Get(key string) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	if c.disk != nil {
		return c.disk.get(key)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.values[key]
	return v, ok
}

// Put stores v under key. The cache keeps v: do not modify it afterwards.
func (c *Cache[V]) Put(key string, v V) {
	if c == nil {
		return
	}
	if c.disk != nil {
		c.disk.put(key, v)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.values == nil {
		c.values = map[string]V{}
	}
	c.values[key] = v
}

// Retain drops every value whose key is not in keep, so a long preview
// session holds only the figures of the current course. A folder is shared
// by every course built with it; it forgets values by age instead, and
// learns here which values the build keeps in use (diskCache.flush).
func (c *Cache[V]) Retain(keep map[string]bool) {
	if c == nil {
		return
	}
	if c.disk != nil {
		c.disk.retain(keep)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.values {
		if !keep[k] {
			delete(c.values, k)
		}
	}
}

// Flush ends a build: a cache in a folder finishes the pack of the values
// the build computed and marks the values it used as used. A build calls it
// whether it succeeds or not.
func (c *Cache[V]) Flush() {
	if c != nil && c.disk != nil {
		c.disk.flush()
	}
}

// Site returns the record of the last build into out, or nil.
func (c *Cache[V]) Site(out string) SiteRecord {
	if c == nil {
		return nil
	}
	if c.disk != nil {
		var r SiteRecord
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

// SetSite remembers r as the record of the site now in out.
func (c *Cache[V]) SetSite(out string, r SiteRecord) {
	if c == nil {
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
		c.sites = map[string]SiteRecord{}
	}
	c.sites[abs] = r
}
