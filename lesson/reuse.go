package lesson

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Reusing pages. A page's HTML is a pure function of its own Markdown, its
// address and front matter, the data every page sees (SiteData: the title
// and address of every section and lesson, so the reading order too), the
// course's settings, the templates and the program. pageKeys hashes exactly
// these. A build remembers the key of each page it wrote and the file it
// wrote (size, modification time, inode). The next build into the same
// folder links an unchanged page's file from the site it replaces instead
// of parsing, computing and rendering the page again. A different key or a
// file touched since means the page is built afresh, so the output is the
// same bytes either way.

// pageRecord is what a build remembers of one page it wrote.
type pageRecord struct {
	Key      string
	Stamp    fileStamp
	Figures  []string // figure keys, so that the cache keeps them
	Formulas int
}

// fileStamp tells one version of a file from another.
type fileStamp struct {
	Size, ModTime int64 // bytes, nanoseconds
	Inode         uint64
}

// siteRecord is what a build remembers of a site: its pages by output path.
type siteRecord map[string]pageRecord

// pageKeys returns each page's key, in the order of pages.
func pageKeys(pages []*page, t *theme, site SiteData, cfg siteConfig) []string {
	h := sha256.New()
	id, _ := executableID()
	writeField(h, []byte(cacheVersion+"\x00"+id))
	for _, f := range themeFiles() {
		b, _ := fs.ReadFile(t.fsys, f)
		writeField(h, []byte(f))
		writeField(h, b)
	}
	js, _ := json.Marshal(struct {
		Site   SiteData
		Config siteConfig
	}{site, cfg})
	writeField(h, js)
	global := h.Sum(nil)

	keys := make([]string, len(pages))
	parallel(len(pages), func(i int) {
		pg := pages[i]
		h := sha256.New()
		h.Write(global)
		fm, _ := json.Marshal(pg.fm)
		writeField(h, []byte(pg.url))
		writeField(h, fm)
		if pg.isHome {
			writeField(h, []byte("home"))
		} else {
			writeField(h, nil)
		}
		writeField(h, pg.body)
		keys[i] = hex.EncodeToString(h.Sum(nil))
	})
	return keys
}

// writeField writes b after its length, so that fields cannot run together.
func writeField(w io.Writer, b []byte) {
	w.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(b))))
	w.Write(b)
}

// themeFiles lists every template a page may execute.
func themeFiles() []string {
	files := []string{"base.html", "figure.html"}
	for _, kind := range []string{"home", "section", "lesson", "404"} {
		files = append(files, pageKinds[kind])
	}
	return files
}

// reusable returns the record of the page written to out/rel if that file
// is still the one a build wrote for key.
func (r siteRecord) reusable(out, rel, key string) (pageRecord, bool) {
	rec, ok := r[rel]
	if !ok || rec.Key != key {
		return rec, false
	}
	s, err := stampOf(filepath.Join(out, filepath.FromSlash(rel)))
	return rec, err == nil && s == rec.Stamp
}

func stampOf(p string) (fileStamp, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return fileStamp{}, err
	}
	if !info.Mode().IsRegular() {
		return fileStamp{}, errors.New("not a regular file")
	}
	s := fileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.Inode = st.Ino
	}
	return s, nil
}

// stamped returns the records of pages, stamped with their files in out,
// after the site was swapped in.
func stamped(out string, pages siteRecord) siteRecord {
	r := siteRecord{}
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

// reuse links the previous site's rel into the new one: a hard link, or a
// copy where the file system refuses one.
func (w *siteWriter) reuse(rel string) error {
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
