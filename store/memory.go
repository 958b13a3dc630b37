package store

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// MemorySite keeps a built site in memory instead of a folder: cmd/serve's
// preview, which rebuilds on every save. A rebuild then costs what changed:
// no folder of a thousand pages to create, link into and delete, which on a
// slow disk takes longer than rendering the page that changed. Unchanged
// pages keep the previous build's bytes. A build replaces the whole site at
// once, and only when it succeeds. The zero value is an empty site; it is
// safe for concurrent use.
type MemorySite struct {
	mu    sync.RWMutex
	site  *memFS
	pages SiteRecord
}

// FS returns the site of the last good build; later builds do not change it.
func (m *MemorySite) FS() fs.FS {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.site == nil {
		return newMemFS(nil, time.Time{})
	}
	return m.site
}

// Records returns what the pages of the last good build were made of.
func (m *MemorySite) Records() SiteRecord {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.pages
}

// Reusable reports whether the site's page rel was made from key.
func (m *MemorySite) Reusable(rel, key string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	rec, ok := m.pages[rel]
	return ok && rec.Key == key && m.site != nil && m.site.files[rel] != nil
}

// Paths returns the names of the site's files in folder dir and below, in
// no order.
func (m *MemorySite) Paths(dir string) []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var names []string
	if m.site != nil {
		for name := range m.site.files {
			if dir == "." || strings.HasPrefix(name, dir+"/") {
				names = append(names, name)
			}
		}
	}
	return names
}

// Writer returns an Output that replaces the site when committed.
func (m *MemorySite) Writer() Output {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &memoryWriter{site: m, prev: m.site, files: map[string]*memFile{}, now: time.Now()}
}

// memoryWriter collects a build's files for a MemorySite.
type memoryWriter struct {
	site  *MemorySite
	prev  *memFS
	now   time.Time
	mu    sync.Mutex
	files map[string]*memFile
}

func (w *memoryWriter) Name() string { return "the preview's site in memory" }

func (w *memoryWriter) Write(rel string, data []byte) error {
	if !fs.ValidPath(rel) {
		return errors.New("store: output path escapes the site: " + rel)
	}
	f := &memFile{data: bytes.Clone(data), modTime: w.now}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[rel] = f
	return nil
}

func (w *memoryWriter) Reuse(rel string) error {
	var f *memFile
	if w.prev != nil {
		f = w.prev.files[rel]
	}
	if f == nil {
		return errors.New("store: the previous site has no " + rel)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[rel] = f // files are never modified, so both sites may hold one
	return nil
}

func (w *memoryWriter) Commit(next SiteRecord) error {
	site := newMemFS(w.files, w.now)
	w.site.mu.Lock()
	defer w.site.mu.Unlock()
	w.site.site, w.site.pages = site, next
	return nil
}

func (w *memoryWriter) Abandon() {}

// memFS is a read-only file system of files held in memory, with their
// folders implied by their paths, as net/http's file server needs it.
type memFS struct {
	files   map[string]*memFile
	dirs    map[string]bool
	modTime time.Time
}

type memFile struct {
	data    []byte
	modTime time.Time
}

func newMemFS(files map[string]*memFile, modTime time.Time) *memFS {
	m := &memFS{files: files, dirs: map[string]bool{".": true}, modTime: modTime}
	for name := range files {
		for dir := path.Dir(name); dir != "." && !m.dirs[dir]; dir = path.Dir(dir) {
			m.dirs[dir] = true
		}
	}
	return m
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f := m.files[name]; f != nil {
		return &openFile{Reader: bytes.NewReader(f.data), info: fileInfo{name: path.Base(name), size: int64(len(f.data)), modTime: f.modTime}}, nil
	}
	if m.dirs[name] {
		return &openDir{m: m, name: name}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// openFile is an open memFile; it can seek, as http.ServeContent needs.
type openFile struct {
	*bytes.Reader
	info fileInfo
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error               { return nil }

// openDir is an open folder of a memFS.
type openDir struct {
	m       *memFS
	name    string
	entries []fs.DirEntry // what ReadDir has yet to return
	read    bool          // whether entries has been filled
}

func (d *openDir) Stat() (fs.FileInfo, error) {
	return fileInfo{name: path.Base(d.name), dir: true, modTime: d.m.modTime}, nil
}

func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

func (d *openDir) Close() error { return nil }

// ReadDir lists the folder's entries sorted by name; it walks every file,
// which only a folder listing needs.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		d.read = true
		prefix := d.name + "/"
		if d.name == "." {
			prefix = ""
		}
		seen := map[string]bool{}
		add := func(rest string, info fileInfo) {
			if !seen[rest] {
				seen[rest] = true
				d.entries = append(d.entries, fs.FileInfoToDirEntry(info))
			}
		}
		for name, f := range d.m.files {
			rest, ok := strings.CutPrefix(name, prefix)
			if !ok {
				continue
			}
			if first, _, sub := strings.Cut(rest, "/"); sub {
				add(first, fileInfo{name: first, dir: true, modTime: d.m.modTime})
			} else {
				add(rest, fileInfo{name: rest, size: int64(len(f.data)), modTime: f.modTime})
			}
		}
		slices.SortFunc(d.entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	if n <= 0 {
		all := d.entries
		d.entries = nil
		return all, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// fileInfo describes a file or folder of a memFS.
type fileInfo struct {
	name    string
	size    int64
	dir     bool
	modTime time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return i.modTime }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
