package lesson

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"

	"descent/figure"
	"descent/store"
)

// A page's HTML is a pure function of its own Markdown, its address and
// front matter, the data every page sees (SiteData: the title and address
// of every section and lesson, so the reading order too), the course's
// settings, files and bibliography, the templates and the program, and,
// for a page that refers to others, their anchors (refs.go checks those). pageKeys hashes exactly these,
// for store to tell which pages of the previous site can be kept.

// pageKeys returns each page's key, in the order of pages, and the key of
// what every page depends on: the 404 page's, which depends on nothing
// else.
func pageKeys(pages []*page, t *theme, site SiteData, c *course, memo *TextMemo) ([]string, string) {
	h := sha256.New()
	id, _ := store.ExecutableID()
	writeField(h, []byte(figure.Version+"\x00"+id))
	for _, f := range themeFiles() {
		b, _ := fs.ReadFile(t.fsys, f)
		writeField(h, []byte(f))
		writeField(h, b)
	}
	// The course's other files (links and images are checked against
	// them) and its bibliography.
	js, _ := json.Marshal(struct {
		Site   SiteData
		Config siteConfig
		Static []string
		Bib    []byte
	}{site, c.site, c.static, c.bibSrc})
	writeField(h, js)
	global := h.Sum(nil)

	keys := make([]string, len(pages))
	parallel(len(pages), func(i int) {
		pg := pages[i]
		if pg.digest == nil {
			pg.digest = pageDigest(pg)
			memo.keepDigest(pg.file, pg.digest)
		}
		h := sha256.New()
		h.Write(global)
		writeField(h, []byte(pg.url))
		writeField(h, pg.digest)
		if pg.isHome {
			writeField(h, []byte("home"))
		} else {
			writeField(h, nil)
		}
		keys[i] = hex.EncodeToString(h.Sum(nil))
	})
	return keys, hex.EncodeToString(global)
}

// pageDigest hashes a page's front matter and Markdown. A lesson's, kept
// with it in the TextMemo, is not worked out again while its file stays
// the same: on 1,000 lessons that was a sixth of a preview's rebuild (5
// ms). Its front matter is as the course left it, its title made from its
// address if it had none: a function of its file and its address, which
// the key holds too.
func pageDigest(pg *page) []byte {
	h := sha256.New()
	fm, _ := json.Marshal(pg.fm)
	writeField(h, fm)
	writeField(h, pg.body)
	return h.Sum(nil)
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
