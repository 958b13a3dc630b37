package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Output is where a build puts the site: a folder (NewFolder) or memory
// (MemorySite.Writer). Nothing a build writes is visible until Commit, and
// Abandon drops it all. Write and Reuse are safe for concurrent use.
type Output interface {
	// Name says where the site goes, for error messages.
	Name() string
	// Write stores one file; rel uses forward slashes. It keeps no
	// reference to data.
	Write(rel string, data []byte) error
	// Reuse puts the previous site's rel into the new one unchanged.
	Reuse(rel string) error
	// Commit replaces the previous site with the new one, whose pages
	// were made as next records.
	Commit(next SiteRecord) error
	// Abandon removes what is left over: the new site if it was not
	// committed, or the previous one if it was.
	Abandon()
}

// Records is where a folder's site records are kept: a Cache.
type Records interface {
	SetSite(out string, r SiteRecord)
}

var (
	_ Output = (*siteWriter)(nil)
	_ Output = (*memoryWriter)(nil)
)

// siteWriter writes a site into a temporary folder next to the output and
// swaps it in at the end, so the output is always either the old site or
// the new one. Folders left behind by a build that was killed are removed
// by the next.
type siteWriter struct {
	out, tmp string
	records  Records // remembers what the site's pages were made of
	mu       sync.Mutex
	dirs     map[string]bool
	done     bool
}

const tmpMarker = ".descent-tmp-"

// NewFolder returns an Output that replaces the folder out. records, if
// not nil, learns what the committed site's pages were made of.
func NewFolder(out string, records Records) (Output, error) {
	out = filepath.Clean(out)
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+tmpMarker+"*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpMarker)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &siteWriter{out: out, tmp: tmp, records: records, dirs: map[string]bool{}}, nil
}

func (w *siteWriter) Name() string { return w.out }

// path returns where rel goes in the temporary folder, making its folder.
func (w *siteWriter) path(rel string) (string, error) {
	if strings.Contains(rel, "..") {
		return "", errors.New("store: output path escapes the site: " + rel)
	}
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	w.mu.Lock()
	known := w.dirs[dir]
	w.dirs[dir] = true
	w.mu.Unlock()
	if !known {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
	}
	return p, nil
}

func (w *siteWriter) Write(rel string, data []byte) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit swaps the new site in. With RENAME_EXCHANGE the swap is one atomic
// step; where the file system lacks it, two renames leave a brief moment
// with no output folder, but never a mixed one. The pages' records go to
// the cache with the files they describe, for the next build to link.
func (w *siteWriter) Commit(next SiteRecord) error {
	if err := w.swap(); err != nil {
		return err
	}
	if w.records != nil {
		w.records.SetSite(w.out, stamped(w.out, next))
	}
	return nil
}

func (w *siteWriter) swap() error {
	if _, err := os.Lstat(w.out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(w.tmp, w.out); err != nil {
			return err
		}
		w.done = true
		return nil
	}
	err := unix.Renameat2(unix.AT_FDCWD, w.tmp, unix.AT_FDCWD, w.out, unix.RENAME_EXCHANGE)
	if err != nil {
		old := w.tmp + "-old"
		if err := os.Rename(w.out, old); err != nil {
			return err
		}
		if err := os.Rename(w.tmp, w.out); err != nil {
			os.Rename(old, w.out)
			return err
		}
		w.tmp = old
	}
	// w.tmp now holds the previous site.
	return nil
}

// Abandon removes the temporary folder (after commit: the old site).
func (w *siteWriter) Abandon() {
	if !w.done {
		os.RemoveAll(w.tmp)
	}
}
