package markup

// This file is Pandoc's and Quarto's references: @key and [@key] (one
// key), [@a; @b] (several), each a Ref whose HTML the site fills in once
// it knows every label and citation of the course. @eq-… and @fig-… name
// an equation or a figure; any other key a bibliography entry. A key
// starts with a letter, digit or _ and may hold : . # $ % & + ? < > ~ / -
// inside it (not at its end: "see @eq-a." ends the key before the dot).
// "\@" is a literal @, and an @ after a letter or digit (an e-mail
// address) starts nothing.
//
// In brackets each key may have, as in Pandoc, a prefix before it ("see
// @a"), a locator or other words after it ("@a, p. 33", "@a p. 33"), and
// a minus sign that leaves the authors out ("-@a": the year only, for a
// sentence that already names them). The words are plain text with
// Markdown's backslash escapes and HTML's entities; a bracket may nest
// brackets and run over the paragraph's lines, up to maxBracketRef bytes.

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Ref is one reference in the text: Keys in order, Bracket for the
// [@…] form, Line its file line. The site sets HTML before rendering.
type Ref struct {
	ast.BaseInline
	Keys    []string
	Affixes []Affix // one a key in the bracket form or with a locator, nil otherwise
	Problem string  // why a bracket that reads as a citation is not one; no keys then
	Bracket bool
	Line    int
	offset  int // in the page's Markdown
	source  string
	HTML    []byte
}

// Affix is what a key in brackets has around it (or, in the text, the
// locator after it: "@key [p. 33]", Suffix only): the words before it, the
// words after it (from the comma, if there is one: ", p. 33"), and whether
// a minus sign before the @ leaves the authors out. Prefix and Suffix are
// text, unescaped and trimmed, each run of spaces and line breaks one space.
type Affix struct {
	Prefix, Suffix string
	NoAuthor       bool
}

// Bare reports whether the affix is empty: the key alone.
func (a Affix) Bare() bool { return a == Affix{} }

// KindRef is the node kind of Ref.
var KindRef = ast.NewNodeKind("Ref")

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// PlainText is the reference as plain text, for a table of contents or the
// search index: the text of its HTML once it has some, "(Polyak, 1964)",
// its source before.
func (n *Ref) PlainText() string {
	if n.HTML == nil {
		return n.source
	}
	// The HTML is the resolver's: tags and escaped text, so every < opens
	// a tag.
	var b strings.Builder
	in := false
	for _, c := range n.HTML {
		switch {
		case c == '<':
			in = true
		case c == '>' && in:
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return html.UnescapeString(b.String())
}

// Dump implements ast.Node.
func (n *Ref) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Keys": strings.Join(n.Keys, ";")}, nil)
}

// refParser reads @key and [@key; …].
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'@', '['} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	if line[0] == '[' {
		text := bracketText(block)
		n, keys, affixes, problem := scanBracketRef(text)
		if n == 0 {
			return nil // a link, or plain brackets: the link parser's
		}
		block.Advance(n)
		r := &Ref{Keys: keys, Affixes: affixes, Problem: problem, Bracket: true, offset: seg.Start, source: string(text[:n])}
		if problem != "" {
			r.Keys, r.Affixes = nil, nil
		}
		return r
	}
	// An @ inside a word (a@b.org) is not a reference.
	if prev := block.PrecendingCharacter(); isKeyChar(prev) && prev != '-' || prev == '@' {
		return nil
	}
	n := scanKey(line[1:])
	if n == 0 {
		return nil
	}
	key := string(line[1 : 1+n])
	if m, suffix := textualLocator(key, line[1+n:]); m > 0 {
		block.Advance(1 + n + m)
		return &Ref{Keys: []string{key}, Affixes: []Affix{{Suffix: suffix}}, offset: seg.Start, source: string(line[:1+n+m])}
	}
	block.Advance(1 + n)
	return &Ref{Keys: []string{key}, offset: seg.Start, source: string(line[:1+n])}
}

// textualLocator reads Pandoc's locator of a citation in the text, " [p.
// 33]" right after "@key": its length and words, or 0. A cross-reference
// (eq-…, fig-…) takes none, and brackets that are a link or hold a key
// are not one.
func textualLocator(key string, rest []byte) (int, string) {
	if strings.HasPrefix(key, "eq-") || strings.HasPrefix(key, "fig-") || len(rest) < 3 || rest[0] != ' ' || rest[1] != '[' {
		return 0, ""
	}
	end := bracketEnd(rest[1:])
	if end < 0 || 2+end < len(rest) && (rest[2+end] == '(' || rest[2+end] == '[') {
		return 0, ""
	}
	words := rest[2 : 1+end]
	if keyAt(words) >= 0 || len(bytes.TrimSpace(words)) == 0 || words[0] == '^' {
		return 0, "" // a bracket citation, or a footnote
	}
	return 2 + end, affixText(words)
}

// maxBracketRef bounds the search for a bracket's end. Every [ of a
// paragraph starts one, and a line of 50,000 brackets made an unbounded
// search take seconds.
const maxBracketRef = 2000

// bracketText returns the paragraph's text from the reader's position on,
// across its lines, up to maxBracketRef bytes; the reader is left where it
// was.
func bracketText(block text.Reader) []byte {
	line, _ := block.PeekLine()
	if len(line) >= maxBracketRef || bracketEnd(line) >= 0 {
		return line // the common case: no copy
	}
	at, seg := block.Position()
	defer block.SetPosition(at, seg)
	text := append([]byte(nil), line...)
	for len(text) < maxBracketRef {
		block.AdvanceLine()
		next, _ := block.PeekLine()
		if len(next) == 0 {
			break
		}
		text = append(text, next...)
	}
	return text
}

// scanBracketRef reads "[@a; see @b, p. 3]" at the start of text: its
// length, keys and affixes, or 0 if it is not one: a link (followed by (
// or [), brackets without a key, or text one of whose parts has no key.
// A bracket that would be a citation but for an @key in its words is one
// with a problem, reported by the site, so the key is not lost unseen.
func scanBracketRef(text []byte) (int, []string, []Affix, string) {
	end := bracketEnd(text)
	if end < 0 || end+1 < len(text) && (text[end+1] == '(' || text[end+1] == '[') {
		return 0, nil, nil, ""
	}
	var keys []string
	var affixes []Affix
	for _, part := range splitCites(text[1:end]) {
		key, a, problem := scanCite(part)
		if key == "" {
			return 0, nil, nil, ""
		}
		if problem != "" {
			return end + 1, nil, nil, problem
		}
		keys, affixes = append(keys, key), append(affixes, a)
	}
	return end + 1, keys, affixes, ""
}

// bracketEnd is the index of the ] that closes the [ at text[0], counting
// nested brackets and skipping backslash escapes, or -1: none within
// maxBracketRef bytes, or a code span before it (whose ] is code).
func bracketEnd(text []byte) int {
	depth := 0
	for i := 1; i < len(text) && i < maxBracketRef; i++ {
		switch text[i] {
		case '\\':
			i++
		case '`':
			return -1
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// splitCites splits a bracket's inside at its semicolons, except escaped
// ones, those inside nested brackets and those that end an entity (&ndash;).
func splitCites(b []byte) [][]byte {
	var parts [][]byte
	start, depth := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
		case ';':
			if depth == 0 && !endsEntity(b[start:i]) {
				parts = append(parts, b[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, b[start:])
}

// endsEntity reports whether b ends in & and an entity's name or number,
// so that a ; after it closes the entity.
func endsEntity(b []byte) bool {
	i := len(b) - 1
	for i >= 0 && (isAlnum(b[i]) || b[i] == '#') {
		i--
	}
	return i >= 0 && i < len(b)-1 && b[i] == '&'
}

// scanCite reads one part of a bracket reference: [prefix ][-]@key[words].
// The key's @ starts a word, so that "x@y" stays an address. It returns
// "" for a part without a key, and a problem for words that hold another
// @key.
func scanCite(part []byte) (string, Affix, string) {
	var a Affix
	at := keyAt(part)
	if at < 0 {
		return "", a, ""
	}
	prefix := part[:at]
	if at > 0 && part[at-1] == '-' {
		a.NoAuthor, prefix = true, part[:at-1]
	}
	n := scanKey(part[at+1:])
	key, rest := string(part[at+1:at+1+n]), part[at+1+n:]
	a.Prefix, a.Suffix = affixText(prefix), affixText(rest)
	if k := keyAt(rest); k >= 0 {
		other := rest[k+1 : k+1+scanKey(rest[k+1:])]
		return key, a, fmt.Sprintf("@%s: a citation inside the words after @%s; separate citations with a semicolon ([@%s; @%s]), or write \\@ for an @ sign", other, key, key, other)
	}
	return key, a, ""
}

// keyAt is the index of the first @ in b that starts a key at the start
// of a word (after a space, a line break, a minus sign or nothing), or -1.
func keyAt(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '@':
			if (keyMayFollow(b[:i]) || b[i-1] == '-' && keyMayFollow(b[:i-1])) && scanKey(b[i+1:]) > 0 {
				return i
			}
		}
	}
	return -1
}

// affixText is the words of an affix as text: backslash escapes and
// entities undone, spaces and line breaks run together, trimmed.
func affixText(b []byte) string {
	var s strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && isPunct(b[i+1]) {
			i++
		}
		s.WriteByte(b[i])
	}
	// Only ASCII spaces run together: a no-break space inside the words
	// ("p.\u00a02") is the author's, and stays; at either end it goes.
	t := strings.TrimFunc(html.UnescapeString(s.String()), unicode.IsSpace)
	fields := strings.FieldsFunc(t, func(r rune) bool { return r < utf8.RuneSelf && isSpace(byte(r)) })
	return strings.Join(fields, " ")
}

func isPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// keyMayFollow reports whether an @ after b may start a key: b is empty
// or ends with a space (a no-break space among them, "see\u00a0@a") or a
// character of a script without spaces ("参见@a").
func keyMayFollow(b []byte) bool {
	r, n := utf8.DecodeLastRune(b)
	return n == 0 || unicode.IsSpace(r) || spaceless(r)
}

// scanKey is the length in bytes of the key at the start of b, 0 if none:
// as Pandoc has it, a letter, digit or _, then letters, digits, their
// combining marks and the punctuation of isKeyChar, of any script
// (@müller2020, with its ü one character or two), not ending with
// punctuation. Unlike Pandoc, Chinese and Japanese characters end a key:
// that text has no spaces, and "@polyak1964提出了" cites polyak1964.
func scanKey(b []byte) int {
	r, n := utf8.DecodeRune(b)
	if n == 0 || !(r == '_' || isLetterDigit(r) && !unicode.Is(unicode.M, r)) {
		return 0
	}
	end := n // just after the last letter, digit, mark or _
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if !isKeyChar(r) {
			break
		}
		n += size
		if isLetterDigit(r) || r == '_' {
			end = n // trailing punctuation ends the sentence, not the key
		}
	}
	return end
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isLetterDigit reports whether r is a letter, a digit or a combining mark
// of a script written with spaces between words.
func isLetterDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r))
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)) && !spaceless(r)
}

// spaceless reports whether r is of a script written without spaces
// between words (Chinese, Japanese): such a character may come right
// before a key's @, and ends a key.
func spaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isKeyChar(r rune) bool {
	return isLetterDigit(r) || r < utf8.RuneSelf && strings.ContainsRune("_:.#$%&+?<>~/-", r)
}

func renderRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r := n.(*Ref)
		if r.HTML != nil {
			w.Write(r.HTML)
		} else {
			w.WriteString(html.EscapeString(r.source))
		}
	}
	return ast.WalkSkipChildren, nil
}
