package lesson

import (
	"encoding/json"
	"slices"
	"sync"

	"descent/diag"
)

// A TextMemo keeps, for the next builds of one process (cmd/serve), what a
// build derives from text that did not change: each page's front matter,
// and each kept page's table of what other pages may link to on it. On
// 1,000 lessons they were two thirds of a rebuild before its search index
// (YAML and JSON decoding, 6 and 4 ms). An entry not used by a build is
// dropped after it. The zero value is ready; it is safe for concurrent use.
type TextMemo struct {
	mu                  sync.Mutex
	front, nextFront    map[string]frontMatter // by front matter source, for those without mistakes
	exports, nextExport map[string]memoExports // by the exports' JSON in the page's record
}

type memoExports struct {
	exports []export // read only: shared by the builds that use them
	moved   []byte   // their JSON without lines, which index hashes
}

// begin starts a build: the entries it uses are kept for the next.
func (m *TextMemo) begin() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.nextFront != nil {
		m.front, m.exports = m.nextFront, m.nextExport
	}
	m.nextFront, m.nextExport = map[string]frontMatter{}, map[string]memoExports{}
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
	}
	if m != nil {
		m.mu.Lock()
		m.nextExport[string(js)] = e
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
