package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
// by the next, which holds the output's lock: no live build owns them.
type siteWriter struct {
	out     string // the output as named; records and Reuse go through it
	real    string // where the swap happens: out with a final link resolved
	tmp     string
	lock    *os.File // held from NewFolder until Abandon
	records Records  // remembers what the site's pages were made of
	mu      sync.Mutex
	dirs    map[string]bool
	done    bool
}

const (
	tmpMarker  = ".descent-tmp-"
	lockSuffix = ".descent-lock"
	// SiteMarker is the file every site built into a folder holds: a
	// build replaces only a folder that has it, or an empty one, so that a
	// mistyped -out never deletes an author's documents.
	SiteMarker = ".descent-site"
)

const markerText = "This folder is a site built by Descent. The next build replaces it as a whole;\n" +
	"remove this file to keep the folder from being replaced.\n"

// ErrBusy is returned by NewFolder when another build is writing the same
// output.
var ErrBusy = errors.New("another build is writing this folder; wait for it to finish and build again")

// NewFolder returns an Output that replaces the folder out. records, if
// not nil, learns what the committed site's pages were made of.
//
// It refuses an out that is a file, or a folder that is neither empty nor
// holds SiteMarker (CheckOutput). An out that is a link to a folder (public
// -> /var/www/site) keeps the link: the folder it points to is replaced, by
// a swap beside it. The output is locked until Abandon; a second build of
// the same output meanwhile gets ErrBusy.
func NewFolder(out string, records Records) (Output, error) {
	out = filepath.Clean(out)
	real, err := resolveLink(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockFile(filepath.Join(parent, "."+base+lockSuffix))
	if err != nil {
		return nil, err
	}
	w, err := newSiteWriter(out, real, lock, records)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return w, nil
}

func newSiteWriter(out, real string, lock *os.File, records Records) (*siteWriter, error) {
	// Checked under the lock, so that no other build changes it meanwhile.
	if err := CheckOutput(real); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	// Only a build holding this output's lock writes these, and it holds
	// it until its folders are gone: whatever is here was left by a
	// killed build.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+tmpMarker+"*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpMarker)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, SiteMarker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &siteWriter{out: out, real: real, tmp: tmp, lock: lock, records: records, dirs: map[string]bool{}}, nil
}

// resolveLink returns where a build into out swaps the site: out itself,
// or, if out is a symbolic link, the folder it points to, so that a deploy
// link survives the build.
func resolveLink(out string) (string, error) {
	info, err := os.Lstat(out)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		return out, nil
	}
	real, err := filepath.EvalSymlinks(out)
	if err != nil {
		target, _ := os.Readlink(out)
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("is a link to %s, which does not exist; create that folder, or remove the link", target)
		}
		// A loop of links (EvalSymlinks: too many links), or one through
		// a file or a folder it may not read.
		return "", fmt.Errorf("is a link to %s, which cannot be followed to a folder (a loop of links?); point it at a folder, or remove the link", target)
	}
	return real, nil
}

// lockFile takes an exclusive lock on the file at p, creating it. The file
// is never removed: removing a lock file lets two processes lock two
// different files of the same name.
func lockFile(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, err
	}
	return f, nil
}

// CheckOutput reports whether a build may replace out: it does not exist,
// or is an empty folder, or a folder a build wrote (it holds SiteMarker).
// A link is judged by the folder it points to.
func CheckOutput(out string) error {
	real, err := resolveLink(filepath.Clean(out))
	if err != nil {
		return err
	}
	info, err := os.Lstat(real)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return errors.New("is a file, not a folder; the build replaces the output folder as a whole: remove the file or choose another -out, such as public")
	}
	if _, err := os.Lstat(filepath.Join(real, SiteMarker)); err == nil {
		return nil
	}
	f, err := os.Open(real)
	if err != nil {
		return err
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) == 0 {
		return nil
	}
	return errors.New("holds files that no Descent build wrote (there is no " + SiteMarker + " in it), and the build replaces the output folder as a whole; empty or remove the folder, or choose another -out, such as public")
}

func (w *siteWriter) Name() string { return w.out }

// path returns where rel goes in the temporary folder, making its folder.
func (w *siteWriter) path(rel string) (string, error) {
	// A ".." element, not two dots in a name: data..v2.csv is the
	// author's file. The same rule as memory's.
	if !fs.ValidPath(rel) {
		return "", errors.New("store: output path escapes the site: " + rel)
	}
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	// The folder is made under the lock: a writer that finds it known
	// must find it made.
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.dirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		w.dirs[dir] = true
	}
	return p, nil
}

func (w *siteWriter) Write(rel string, data []byte) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	return writeOut(p, data)
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
	if _, err := os.Lstat(w.real); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(w.tmp, w.real); err != nil {
			return err
		}
		w.done = true
		return nil
	}
	err := unix.Renameat2(unix.AT_FDCWD, w.tmp, unix.AT_FDCWD, w.real, unix.RENAME_EXCHANGE)
	if err != nil {
		old := w.tmp + "-old"
		if err := os.Rename(w.real, old); err != nil {
			return err
		}
		if err := os.Rename(w.tmp, w.real); err != nil {
			os.Rename(old, w.real)
			return err
		}
		w.tmp = old
	}
	// w.tmp now holds the previous site.
	return nil
}

// Abandon removes the temporary folder (after commit: the old site), then
// lets the next build in.
func (w *siteWriter) Abandon() {
	if !w.done {
		os.RemoveAll(w.tmp)
		w.done = true
	}
	if w.lock != nil {
		w.lock.Close() // closing the last descriptor releases the flock
		w.lock = nil
	}
}
