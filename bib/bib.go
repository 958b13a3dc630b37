package bib

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"descent/diag"
	"descent/texmath"
)

// Entry is one reference: its type (lower case), key, fields (lower-case
// names; values as text) and the line it starts on.
type Entry struct {
	Type      string
	Key       string
	Fields    map[string]string
	Line      int // the line of its @
	TitleLine int // the line of its title field
}

// Limits on a bibliography, so that no file can exhaust a build.
const (
	maxEntries = 10_000
	maxDepth   = 32
)

// reader walks the source; errors are collected, not thrown.
type reader struct {
	src    string
	i      int
	line   int
	l      *diag.List
	macros map[string]string
}

// Parse reads a BibTeX file. It returns the entries it could read, in file
// order, and reports every mistake to l.
func Parse(src []byte, l *diag.List) []*Entry {
	if line := diag.BadUTF8Line(src); line > 0 {
		l.Add(line, "encoding", "the bibliography is not valid UTF-8; save it as UTF-8")
		return nil
	}
	r := &reader{src: string(src), line: 1, l: l, macros: months()}
	var out []*Entry
	seen := map[string]int{}
	for {
		if !r.skipTo('@') {
			return out
		}
		start := r.line
		e, ok := r.entry()
		if !ok {
			r.recover()
			continue
		}
		if e == nil {
			continue // @string, @comment, @preamble
		}
		if prev, dup := seen[strings.ToLower(e.Key)]; dup {
			l.Add(start, e.Key, "the key is used by the entry at line %d too; keep one", prev)
			continue
		}
		seen[strings.ToLower(e.Key)] = start
		if len(out) == maxEntries {
			l.Add(start, e.Key, "over the limit of %d entries", maxEntries)
			return out
		}
		if msg := missing(e); msg != "" {
			l.Add(start, e.Key, "%s", msg)
			continue
		}
		out = append(out, e)
	}
}

// missing says which field a citation needs and the entry lacks.
func missing(e *Entry) string {
	var need []string
	if e.Fields["author"] == "" && e.Fields["editor"] == "" {
		need = append(need, "author")
	}
	if e.Fields["title"] == "" {
		need = append(need, "title")
	}
	if e.Fields["year"] == "" && e.Fields["date"] == "" {
		need = append(need, "year")
	}
	if len(need) == 0 {
		return ""
	}
	return "the entry has no " + strings.Join(need, ", no ") + "; a citation needs author (or editor), title and year"
}

// shownAsText are the fields a reference shows as text, besides its
// title (converted to MathML, and checked where it is, by lesson).
var shownAsText = map[string]bool{"author": true, "editor": true, "year": true, "date": true, "volume": true,
	"pages": true, "journal": true, "booktitle": true, "publisher": true, "school": true, "institution": true,
	"howpublished": true}

// checkMath reports a formula of field (at line) that does not convert:
// the reference would show its TeX.
func (r *reader) checkMath(key, field, v string, line int) {
	for i, p := range mathParts(v) {
		if i%2 == 0 {
			continue
		}
		if _, err := texmath.Text(p); err != nil {
			r.l.Add(line, field, "in %q: the formula $%s$: %v", key, diag.Printable(p), err)
			return
		}
	}
}

// checkURL reports a url field that is not an http or https address: the
// reference list links only those (a javascript: address would run in the
// reader's page), and one left out without a word looks like a bug.
func (r *reader) checkURL(key, v string, line int) {
	u := address(v)
	if u == "" {
		return
	}
	if lower := strings.ToLower(u); strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		return
	}
	r.l.Add(line, "url", "in %q: %q is not an http or https address, which is all a reference links to; write it in full (https://…) or leave the url out", key, diag.Printable(shorten(u, 80)))
}

// shorten cuts s to at most n bytes at a rune boundary, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func (r *reader) errorf(format string, args ...any) {
	r.l.Add(r.line, "BibTeX", format, args...)
}

func (r *reader) peek() byte {
	if r.i < len(r.src) {
		return r.src[r.i]
	}
	return 0
}

func (r *reader) next() byte {
	c := r.src[r.i]
	r.i++
	if c == '\n' {
		r.line++
	}
	return c
}

// skipTo moves to the next c; false at the end.
func (r *reader) skipTo(c byte) bool {
	for r.i < len(r.src) {
		if r.peek() == c {
			return true
		}
		r.next()
	}
	return false
}

// recover skips to the next line that starts with @, after a mistake.
func (r *reader) recover() {
	for r.i < len(r.src) {
		if r.next() == '\n' && r.peek() == '@' {
			return
		}
	}
}

func (r *reader) space() {
	for r.i < len(r.src) && strings.IndexByte(" \t\r\n", r.peek()) >= 0 {
		r.next()
	}
}

// name reads a type, key, field or macro name.
func (r *reader) name() string {
	start := r.i
	for r.i < len(r.src) {
		c := r.peek()
		if c <= ' ' || strings.IndexByte(`{}(),=#"@%`, c) >= 0 {
			break
		}
		r.next()
	}
	return r.src[start:r.i]
}

// entry reads one @type{…}; nil with ok for the kinds that hold no
// reference.
func (r *reader) entry() (*Entry, bool) {
	at := r.line
	r.next() // @
	typ := strings.ToLower(r.name())
	if typ == "" {
		r.errorf("expected an entry type after @, such as @article")
		return nil, false
	}
	r.space()
	open := r.peek()
	if open != '{' && open != '(' {
		r.errorf("expected { after @%s", typ)
		return nil, false
	}
	r.next()
	closer := byte('}')
	if open == '(' {
		closer = ')'
	}
	switch typ {
	case "comment":
		r.i-- // read it as a braced value and drop it
		if open == '(' {
			return nil, r.skipTo(')')
		}
		_, ok := r.braced(0)
		return nil, ok
	case "preamble":
		r.space()
		_, ok := r.value()
		r.space()
		return nil, ok && r.expect(closer)
	case "string":
		r.space()
		name := strings.ToLower(r.name())
		r.space()
		if name == "" || !r.expect('=') {
			return nil, false
		}
		v, ok := r.value()
		r.space()
		if !ok || !r.expect(closer) {
			return nil, false
		}
		r.macros[name] = v
		return nil, true
	}
	r.space()
	e := &Entry{Type: typ, Line: at, Fields: map[string]string{}}
	e.Key = r.name()
	r.space()
	if e.Key == "" || r.peek() == '=' {
		r.l.Add(at, "BibTeX", "@%s has no key; write one after the brace: @%s{name2024, …}", typ, typ)
		return nil, false
	}
	for {
		r.space()
		switch r.peek() {
		case closer:
			r.next()
			return e, true
		case ',':
			r.next()
			continue
		case 0:
			r.errorf("the entry %q is not closed; end it with %c", e.Key, closer)
			return nil, false
		}
		fieldLine := r.line
		field := strings.ToLower(r.name())
		if field == "" {
			r.errorf("in %q: expected a field name, found %q", e.Key, string(r.peek()))
			return nil, false
		}
		r.space()
		if !r.expect('=') {
			return nil, false
		}
		v, ok := r.value()
		if !ok {
			return nil, false
		}
		if _, dup := e.Fields[field]; dup {
			r.errorf("in %q: the field %s appears twice; keep one", e.Key, field)
		}
		e.Fields[field] = v
		switch {
		case field == "title":
			e.TitleLine = fieldLine
		case field == "url":
			r.checkURL(e.Key, v, fieldLine)
		case shownAsText[field]:
			r.checkMath(e.Key, field, v, fieldLine)
		}
		r.space()
		if c := r.peek(); c != ',' && c != closer {
			r.errorf("in %q: expected a comma or %c after the field %s", e.Key, closer, field)
			return nil, false
		}
	}
}

func (r *reader) expect(c byte) bool {
	if r.peek() != c {
		found := "the end of the file"
		if r.i < len(r.src) {
			found = fmt.Sprintf("%q", string(r.peek()))
		}
		r.errorf("expected %q, found %s", string(c), found)
		return false
	}
	r.next()
	return true
}

// value reads parts joined by #: {…}, "…", a number or a macro.
func (r *reader) value() (string, bool) {
	var b strings.Builder
	for {
		r.space()
		switch c := r.peek(); {
		case c == '{':
			s, ok := r.braced(0)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		case c == '"':
			s, ok := r.quoted()
			if !ok {
				return "", false
			}
			b.WriteString(s)
		default:
			name := r.name()
			if name == "" {
				r.errorf("expected a value in braces, in quotes, a number or a @string name")
				return "", false
			}
			if strings.Trim(name, "0123456789") == "" {
				b.WriteString(name)
			} else if m, ok := r.macros[strings.ToLower(name)]; ok {
				b.WriteString(m)
			} else {
				r.errorf("%q is not a @string name; put the value in braces: {%s}", name, name)
				return "", false
			}
		}
		r.space()
		if r.peek() != '#' {
			return b.String(), true
		}
		r.next()
	}
}

// braced reads {…} with nested braces; the result keeps inner braces.
func (r *reader) braced(depth int) (string, bool) {
	start := r.line
	r.next() // {
	begin := r.i
	level := 1
	for r.i < len(r.src) {
		if strings.HasPrefix(r.src[r.i:], "\n@") {
			break // the next entry: this value is not closed
		}
		switch r.next() {
		case '{':
			if level++; level > maxDepth {
				r.errorf("braces nest more than %d deep", maxDepth)
				return "", false
			}
		case '}':
			if level--; level == 0 {
				return r.src[begin : r.i-1], true
			}
		}
	}
	r.l.Add(start, "BibTeX", "a { is never closed; close it with }")
	return "", false
}

// quoted reads "…", where braces may hold a quote.
func (r *reader) quoted() (string, bool) {
	start := r.line
	r.next() // "
	begin := r.i
	level := 0
	for r.i < len(r.src) {
		switch r.next() {
		case '{':
			level++
		case '}':
			level--
		case '"':
			if level <= 0 {
				return r.src[begin : r.i-1], true
			}
		}
	}
	r.l.Add(start, "BibTeX", `a " is never closed; close it with "`)
	return "", false
}

func months() map[string]string {
	m := map[string]string{}
	for i, name := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		m[name] = fmt.Sprint(i + 1)
	}
	return m
}
