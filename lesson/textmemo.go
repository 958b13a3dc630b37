package lesson

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"descent/diag"
)

// A TextMemo keeps, for the next builds of one process (cmd/serve), what a
// build derives from text that did not change: each lesson as read from
// its file, each page's front matter, each kept page's table of what other
// pages may link to on it, and the 404 page. On 1,000 lessons decoding the
// YAML and JSON was two thirds of a rebuild before its search index (6 and
// 4 ms); then reading the files (10 ms) and the 404 page (6 ms) were. An
// entry not used by a build is dropped after it. The zero value is ready;
// it is safe for concurrent use.
type TextMemo struct {
	mu                  sync.Mutex
	begun               time.Time              // when the current build began
	racy                time.Duration          // racyWindow, unless set (tests)
	files, nextFiles    map[string]memoFile    // by path in the content folder
	front, nextFront    map[string]frontMatter // by front matter source, for those without mistakes
	exports, nextExport map[string]memoExports // by the exports' JSON in the page's record
	notFoundKey         string                 // the key of notFoundPage (pageKeys' global key)
	notFoundPage        []byte                 // the 404 page, read only
}

// notFound returns the 404 page made for key before, if it was.
func (m *TextMemo) notFound(key string) ([]byte, bool) {
	if m == nil || key == "" {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.notFoundPage, m.notFoundPage != nil && m.notFoundKey == key
}

// keepNotFound remembers the 404 page made for key.
func (m *TextMemo) keepNotFound(key string, page []byte) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.notFoundKey, m.notFoundPage = key, page
}

// A memoFile is a lesson read without mistakes, and the stamp its file had.
type memoFile struct {
	stamp    fileStamp
	fm       frontMatter
	body     []byte // read only: shared by the builds that use it
	bodyLine int
	digest   []byte // its page's pageDigest, once a build has worked it out; read only
}

// A fileStamp tells whether a file changed: its device, inode, size and
// times. The kernel sets the change time (ctime) at every write, rename
// and change of mode, and no program can set it back.
type fileStamp struct {
	dev, ino           uint64
	size, mtime, ctime int64 // ctime and mtime in nanoseconds
}

// racyWindow is how long after a file's last change its stamp is not
// trusted. File times advance by the kernel's clock tick (4 ms here), and
// by a second or two on some file systems: a file written twice in one
// tick keeps its stamp, so a stamp is kept only once both its times are
// older than the window at the start of the build that read the file
// (git's "racily clean" entries, re-read for the same reason). The lesson
// being edited is always read again.
const racyWindow = 2 * time.Second

// lesson returns the lesson read from path in an earlier build, if its
// file's stamp is the same as then.
func (m *TextMemo) lesson(path string, st fileStamp) (memoFile, bool) {
	if m == nil {
		return memoFile{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[path]
	if ok && f.stamp == st {
		m.nextFiles[path] = f
		return f, true
	}
	return memoFile{}, false
}

// keepLesson remembers a lesson read without mistakes from path, unless its
// file changed too lately for its stamp to be trusted.
func (m *TextMemo) keepLesson(path string, f memoFile) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	window := cmp.Or(m.racy, racyWindow)
	trusted := m.begun.Add(-window).UnixNano()
	if f.stamp.mtime < trusted && f.stamp.ctime < trusted {
		m.nextFiles[path] = f
	}
}

// keepDigest remembers the pageDigest of the page of the lesson at path
// that this build kept or took from the memo, if it did.
func (m *TextMemo) keepDigest(path string, digest []byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.nextFiles[path]; ok {
		f.digest = digest
		m.nextFiles[path] = f
	}
}

type memoExports struct {
	exports []export // read only: shared by the builds that use them
	moved   []byte   // their JSON without lines, which index hashes
	key     string   // their JSON, the entry's key
}

// begin starts a build: the entries it uses are kept for the next.
func (m *TextMemo) begin() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.nextFront != nil {
		m.files, m.front, m.exports = m.nextFiles, m.nextFront, m.nextExport
	}
	m.nextFiles, m.nextFront, m.nextExport = map[string]memoFile{}, map[string]frontMatter{}, map[string]memoExports{}
	m.begun = time.Now()
}

// frontMatter is decodeFrontMatter, from the memo when src was decoded
// without mistakes before; mistakes are reported every time.
func (m *TextMemo) frontMatter(src []byte, l *diag.List) frontMatter {
	if m == nil {
		fm, _ := decodeFrontMatter(src, l)
		return fm
	}
	key := string(src)
	m.mu.Lock()
	fm, ok := m.front[key]
	m.mu.Unlock()
	if !ok {
		before := len(l.Errs)
		if fm, _ = decodeFrontMatter(src, l); len(l.Errs) > before {
			return fm
		}
	}
	m.mu.Lock()
	m.nextFront[key] = fm
	m.mu.Unlock()
	return fm
}

// exportsOf decodes a kept page's exports and returns them with their JSON
// without lines.
func (m *TextMemo) exportsOf(js []byte) ([]export, []byte) {
	var e memoExports
	ok := false
	if m != nil {
		m.mu.Lock()
		e, ok = m.exports[string(js)]
		m.mu.Unlock()
	}
	if !ok {
		json.Unmarshal(js, &e.exports)
		e.moved = withoutLines(e.exports)
		e.key = string(js)
	}
	if m != nil {
		m.mu.Lock()
		m.nextExport[e.key] = e // the key kept, not a copy of js a build
		m.mu.Unlock()
	}
	return e.exports, e.moved
}

// withoutLines is the JSON of exports with their lines left out: text
// moving down a page changes no link.
func withoutLines(exports []export) []byte {
	moved := slices.Clone(exports)
	for k := range moved {
		moved[k].Line = 0
	}
	js, _ := json.Marshal(moved)
	return js
}
