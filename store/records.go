package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// Reusing pages. The site build gives each page a key that changes
// whenever the page's HTML would. A build remembers the key of each page it
// wrote and the file it wrote (size, modification time, inode). The next
// build into the same folder links an unchanged page's file from the site
// it replaces instead of parsing, computing and rendering the page again. A
// different key or a file touched since means the page is built afresh, so
// the output is the same bytes either way.

// PageRecord is what a build remembers of one page it wrote.
type PageRecord struct {
	Key      string
	Stamp    FileStamp
	Figures  []string // figure keys, so that the cache keeps them
	Formulas int
	Exports  []byte        // what other pages may link to on this page, opaque to store
	Table    string        // the course's table of exports the page was resolved against, "" if it refers to no other page
	Text     []TextSection // the page's text by heading, for the search index
}

// TextSection is the text of a page under one heading, and its search
// terms with their weights, so that a page taken from the previous site is
// indexed without splitting its text again.
type TextSection struct {
	ID, Heading, Text string
	Terms             []string
	Weights           []int
}

// FileStamp tells one version of a file from another.
type FileStamp struct {
	Size, ModTime int64 // bytes, nanoseconds
	Inode         uint64
}

// SiteRecord is what a build remembers of a site: its pages by output path.
type SiteRecord map[string]PageRecord

// Reusable returns the record of the page written to out/rel if that file
// is still the one a build wrote for key.
func (r SiteRecord) Reusable(out, rel, key string) (PageRecord, bool) {
	rec, ok := r[rel]
	if !ok || rec.Key != key {
		return rec, false
	}
	s, err := stampOf(filepath.Join(out, filepath.FromSlash(rel)))
	return rec, err == nil && s == rec.Stamp
}

func stampOf(p string) (FileStamp, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return FileStamp{}, err
	}
	if !info.Mode().IsRegular() {
		return FileStamp{}, errors.New("not a regular file")
	}
	s := FileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.Inode = st.Ino
	}
	return s, nil
}

// stamped returns the records of pages, stamped with their files in out,
// after the site was swapped in.
func stamped(out string, pages SiteRecord) SiteRecord {
	r := SiteRecord{}
	for rel, rec := range pages {
		s, err := stampOf(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		rec.Stamp = s
		r[rel] = rec
	}
	return r
}

// Reuse links the previous site's rel into the new one: a hard link, or a
// copy where the file system refuses one.
func (w *siteWriter) Reuse(rel string) error {
	src := filepath.Join(w.out, filepath.FromSlash(rel))
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	if os.Link(src, p) == nil {
		return nil
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}
