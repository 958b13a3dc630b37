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
// @a"), a locator after it, from a comma on ("@a, p. 33"), and a minus
// sign that leaves the authors out ("-@a": the year only, for a sentence
// that already names them). Both are plain text.

import (
	"html"
	"strings"

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
	Affixes []Affix // one a key in the bracket form, nil otherwise
	Bracket bool
	Line    int
	offset  int // in the page's Markdown
	source  string
	HTML    []byte
}

// Affix is what a key in brackets has around it: the text before it, its
// locator from the comma on (", p. 33"), and whether a minus sign before
// the @ leaves the authors out. Prefix and Suffix are as written, trimmed.
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
		n, keys, affixes := scanBracketRef(line)
		if n == 0 {
			return nil // a link, or plain brackets: the link parser's
		}
		block.Advance(n)
		return &Ref{Keys: keys, Affixes: affixes, Bracket: true, offset: seg.Start, source: string(line[:n])}
	}
	// An @ inside a word (a@b.org) is not a reference.
	if prev := block.PrecendingCharacter(); isKeyChar(prev) && prev != '-' || prev == '@' {
		return nil
	}
	n := scanKey(line[1:])
	if n == 0 {
		return nil
	}
	block.Advance(1 + n)
	return &Ref{Keys: []string{string(line[1 : 1+n])}, offset: seg.Start, source: string(line[:1+n])}
}

// scanBracketRef reads "[@a; see @b, p. 3]" at the start of line: its
// length, keys and affixes, or 0 if it is not one (followed by ( or [ it
// is a link).
func scanBracketRef(line []byte) (int, []string, []Affix) {
	end := strings.IndexByte(string(line), ']')
	if end < 0 || end+1 < len(line) && (line[end+1] == '(' || line[end+1] == '[') {
		return 0, nil, nil
	}
	var keys []string
	var affixes []Affix
	for _, part := range strings.Split(string(line[1:end]), ";") {
		key, a, ok := scanCite(strings.TrimSpace(part))
		if !ok {
			return 0, nil, nil
		}
		keys, affixes = append(keys, key), append(affixes, a)
	}
	return end + 1, keys, affixes
}

// scanCite reads one part of a bracket reference: [prefix ][-]@key[, locator].
// The prefix must end in a space, so that "x@y" stays an address, and the
// locator must start with a comma, so that "[@a is here]" stays text.
func scanCite(part string) (string, Affix, bool) {
	var a Affix
	at := strings.IndexByte(part, '@')
	if at < 0 {
		return "", a, false
	}
	prefix := part[:at]
	if p, ok := strings.CutSuffix(prefix, "-"); ok {
		a.NoAuthor, prefix = true, p
	}
	if prefix != "" && !isSpace(prefix[len(prefix)-1]) {
		return "", a, false
	}
	n := scanKey([]byte(part[at+1:]))
	if n == 0 {
		return "", a, false
	}
	key, rest := part[at+1:at+1+n], strings.TrimLeft(part[at+1+n:], " \t")
	if rest != "" && (rest[0] != ',' || strings.TrimSpace(rest[1:]) == "") {
		return "", a, false
	}
	a.Prefix, a.Suffix = strings.TrimSpace(prefix), strings.TrimSpace(rest)
	return key, a, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// scanKey is the length of the key at the start of b, 0 if none.
func scanKey(b []byte) int {
	if len(b) == 0 || !(isAlnum(b[0]) || b[0] == '_') {
		return 0
	}
	n := 1
	for n < len(b) && isKeyChar(rune(b[n])) {
		n++
	}
	for n > 1 && !(isAlnum(b[n-1]) || b[n-1] == '_') {
		n-- // trailing punctuation ends the sentence, not the key
	}
	return n
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isKeyChar(r rune) bool {
	return r < 0x80 && (isAlnum(byte(r)) || strings.ContainsRune("_:.#$%&+?<>~/-", r))
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
