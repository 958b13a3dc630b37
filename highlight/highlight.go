// Package highlight colours code blocks: it splits source text into
// tokens (comments, strings, numbers, keywords, names, operators) by a
// small table per language and writes them as HTML spans with the class
// names chroma uses, so one stylesheet serves both.
//
// It exists for start-up time: chroma registers its 250 lexers and parses
// its styles when a program starts, 17 ms of every build before a lesson
// is read, even for a course without code. These tables cost nothing
// until a block is highlighted. The test compares the tokens with
// chroma's on a corpus of snippets.
//
// It imports only the standard library.
package highlight

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Known reports whether lang names a language with a table.
func Known(lang string) bool { return lookup(lang) != nil }

// HTML writes code as chroma's HTML formatter does with classes:
// <pre class="chroma"><code>, one <span class="line"><span class="cl"> per
// line, a span per token. It reports false, writing nothing, for a
// language without a table.
func HTML(b *strings.Builder, lang, code string) bool {
	l := lookup(lang)
	if l == nil {
		return false
	}
	b.WriteString(`<pre class="chroma"><code>`)
	toks := l.tokens(code)
	b.WriteString(`<span class="line"><span class="cl">`)
	for i, t := range toks {
		// A token may span lines (a block comment, a long string): each
		// line is its own span, as chroma writes it.
		parts := strings.SplitAfter(t.text, "\n")
		for j, p := range parts {
			if p == "" {
				continue
			}
			text, nl := strings.CutSuffix(p, "\n")
			if text != "" {
				if t.class != "" {
					b.WriteString(`<span class="` + t.class + `">`)
				}
				b.WriteString(html.EscapeString(text))
				if t.class != "" {
					b.WriteString(`</span>`)
				}
			}
			if nl {
				b.WriteString("\n</span></span>")
				if i < len(toks)-1 || j < len(parts)-1 && parts[j+1] != "" {
					b.WriteString(`<span class="line"><span class="cl">`)
				}
			}
		}
	}
	if !strings.HasSuffix(code, "\n") {
		b.WriteString("</span></span>")
	}
	b.WriteString("</code></pre>\n")
	return true
}

// token is a run of text and its chroma class ("" for plain text).
type token struct{ class, text string }

// tokens splits code by the language's table.
func (l *lang) tokens(code string) []token {
	var out []token
	emit := func(class, text string) {
		if n := len(out); n > 0 && out[n-1].class == class && class != "k" {
			out[n-1].text += text // runs of spaces, operators and punctuation join up
			return
		}
		out = append(out, token{class, text})
	}
	prevWord := "" // the last keyword or name, for def f / class C / import m
	for i := 0; i < len(code); {
		rest := code[i:]
		if n := l.directive(code, i); n > 0 {
			emit("cp", rest[:n])
			i += n
			continue
		}
		if n := l.comment(rest); n > 0 {
			class := "c1"
			if !l.isLineComment(rest) {
				class = "cm"
			}
			emit(class, rest[:n])
			i += n
			continue
		}
		if n, class := l.str(rest); n > 0 {
			if l.isKey(rest[n:]) {
				class = "nt"
			}
			for _, t := range l.interpolate(rest[:n], class) {
				emit(t.class, t.text)
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			n := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != '\t' && r != '\n' && r != '\r' })
			if n < 0 {
				n = len(rest)
			}
			emit("", rest[:n])
			i += n
			continue
		case !l.plainNumbers && (unicode.IsDigit(r) || r == '.' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9'):
			n, class := number(rest)
			emit(class, rest[:n])
			i += n
			continue
		case r == '_' || unicode.IsLetter(r) || l.varSigil(rest) || l.plainNumbers && unicode.IsDigit(r):
			n := l.word(rest)
			w, class := rest[:n], l.classify(rest[:n], prevWord, rest[n:])
			if l.isKey(rest[n:]) {
				class = "nt"
			}
			emit(class, w)
			prevWord = w
			i += n
			continue
		}
		if strings.ContainsRune(l.ops, r) {
			emit("o", rest[:size])
		} else if strings.ContainsRune("()[]{},;:.", r) {
			emit("p", rest[:size])
		} else {
			emit("", rest[:size])
		}
		i += size
	}
	return out
}

// directive returns the length of a preprocessor line (C's #include) or
// a shebang (#!/bin/sh on a script's first line) at code[i:], or 0.
func (l *lang) directive(code string, i int) int {
	rest := code[i:]
	lineStart := i == 0 || code[i-1] == '\n'
	if !lineStart || !(l.preproc && strings.HasPrefix(rest, "#") || i == 0 && l.shebang && strings.HasPrefix(rest, "#!")) {
		return 0
	}
	if n := strings.IndexByte(rest, '\n'); n >= 0 {
		return n
	}
	return len(rest)
}

// interpolate splits a string token at the code it holds: $name, ${…}
// and $(…) in a shell's double quotes, ${…} in a JavaScript template,
// {…} in a Python f-string. The code is tokenised as code.
func (l *lang) interpolate(s, class string) []token {
	open := ""
	switch {
	case class == "nt":
	case l.sigil && s[0] == '"':
		open = "$"
	case l.template && s[0] == '`':
		open = "${"
	case l.fstring && (s[0] == 'f' || s[0] == 'F' || len(s) > 1 && (s[1] == 'f' || s[1] == 'F')):
		open = "{"
	}
	if open == "" {
		return []token{{class, s}}
	}
	var out []token
	start := 0
	for i := 0; i < len(s); i++ {
		if open == "{" && strings.HasPrefix(s[i:], "{{") {
			i++ // an escaped brace
			continue
		}
		if !strings.HasPrefix(s[i:], open) || open == "$" && i+1 == len(s) {
			continue // a $ that ends the text opens nothing
		}
		if open == "$" && i+1 < len(s) && s[i+1] != '(' && s[i+1] != '{' {
			n := l.word(s[i:]) // $name in a shell string
			if n < 2 {
				continue
			}
			out = append(out, token{class, s[start:i]}, token{"nv", s[i : i+n]})
			start, i = i+n, i+n-1
			continue
		}
		opener := open
		if open == "$" {
			opener = s[i : i+2] // $( or ${
		}
		end := matching(s, i+len(opener)-1)
		if end < 0 {
			break
		}
		mark := "si"
		if opener == "$(" {
			mark = "k"
		}
		out = append(out, token{class, s[start:i]}, token{mark, opener})
		if opener == "${" && l.sigil {
			out = append(out, token{"nv", s[i+2 : end]})
		} else {
			out = append(out, l.tokens(s[i+len(opener):end])...)
		}
		out = append(out, token{mark, s[end : end+1]})
		start, i = end+1, end
	}
	out = append(out, token{class, s[start:]})
	kept := out[:0]
	for _, t := range out {
		if t.text != "" {
			kept = append(kept, t)
		}
	}
	return kept
}

// matching returns the index of the bracket that closes s[open], or -1.
func matching(s string, open int) int {
	closer := map[byte]byte{'(': ')', '{': '}', '[': ']'}[s[open]]
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case s[open]:
			depth++
		case closer:
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// isKey reports whether what follows a name or string makes it a key
// (YAML's and JSON's key: value).
func (l *lang) isKey(after string) bool {
	return l.keyColon && strings.HasPrefix(strings.TrimLeft(after, " \t"), ":")
}

// comment returns the length of the comment at the start of s, or 0.
func (l *lang) comment(s string) int {
	for _, c := range l.line {
		if strings.HasPrefix(s, c) {
			if n := strings.IndexByte(s, '\n'); n >= 0 {
				return n
			}
			return len(s)
		}
	}
	for _, c := range l.block {
		if strings.HasPrefix(s, c[0]) {
			if n := strings.Index(s[len(c[0]):], c[1]); n >= 0 {
				return len(c[0]) + n + len(c[1])
			}
			return len(s)
		}
	}
	return 0
}

func (l *lang) isLineComment(s string) bool {
	for _, c := range l.line {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// str returns the length and class of the string at the start of s, or 0.
func (l *lang) str(s string) (int, string) {
	for _, q := range l.quotes {
		// A prefix such as Python's f" or r' belongs to the string.
		body := s
		pre := 0
		for pre < len(body) && pre < 2 && strings.ContainsRune(l.strPrefix, rune(body[pre])) {
			pre++
		}
		if !strings.HasPrefix(body[pre:], q) {
			continue
		}
		i := pre + len(q)
		for i < len(s) {
			switch {
			case strings.HasPrefix(s[i:], q):
				return i + len(q), quoteClass(q)
			case l.sigil && q == `"` && strings.HasPrefix(s[i:], "$("):
				// A command inside the string may hold quotes of its own.
				if end := matching(s, i+1); end > 0 {
					i = end + 1
				} else {
					i++
				}
			case s[i] == '\\' && q != "`" && i+1 < len(s):
				i += 2
			case s[i] == '\n' && len(q) == 1 && q != "`":
				return i, quoteClass(q) // an unclosed string ends with its line
			default:
				i++
			}
		}
		return len(s), quoteClass(q)
	}
	return 0, ""
}

func quoteClass(q string) string {
	switch q {
	case `"`:
		return "s2"
	case `'`:
		return "s1"
	case `"""`, `'''`:
		return "s2"
	}
	return "s"
}

// number returns the length and class of the number at the start of s:
// mh for hexadecimal, mf for one with a point or an exponent, else mi.
func number(s string) (int, string) {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		n := 2
		for n < len(s) && (isHex(s[n]) || s[n] == '_') {
			n++
		}
		return n, "mh"
	}
	n, class := 0, "mi"
	for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '_') {
		n++
	}
	if n < len(s) && s[n] == '.' && (n+1 >= len(s) || s[n+1] != '.') {
		class = "mf"
		n++
		for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '_') {
			n++
		}
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if m < len(s) && s[m] >= '0' && s[m] <= '9' {
			class = "mf"
			for n = m; n < len(s) && s[n] >= '0' && s[n] <= '9'; n++ {
			}
		}
	}
	for n < len(s) && strings.IndexByte("jJfFlLuU", s[n]) >= 0 { // 2j, 1.0f, 10L
		n++
	}
	return max(n, 1), class
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// varSigil reports whether s starts a shell variable such as $HOME.
func (l *lang) varSigil(s string) bool {
	return l.sigil && len(s) > 1 && s[0] == '$' && (s[1] == '_' || s[1] == '{' || unicode.IsLetter(rune(s[1])))
}

// word returns the length of the identifier at the start of s.
func (l *lang) word(s string) int {
	n := 0
	if l.varSigil(s) {
		if s[1] == '{' {
			if end := strings.IndexByte(s, '}'); end > 0 {
				return end + 1
			}
		}
		n = 1
	}
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(l.wordChars, r) {
			break
		}
		n += size
	}
	return max(n, 1)
}

// classify names a word's class from the tables and its neighbours.
func (l *lang) classify(w, prev, after string) string {
	switch {
	case l.sigil && w[0] == '$':
		return "nv"
	case l.namespace[w]:
		return "kn"
	case l.constants[w]:
		return "kc"
	case l.declare[w]:
		return "kd"
	case l.types[w] && !strings.HasPrefix(after, "("):
		return "kt" // float64(x) is a conversion, written as a call
	case l.keywords[w]:
		return "k"
	case l.defines[prev]:
		return "nf"
	case l.classes[prev]:
		return "nc"
	case l.namespace[prev]:
		return "nn"
	case l.builtins[w]:
		return "nb"
	}
	if l.calls != "" && strings.HasPrefix(strings.TrimLeft(after, " "), "(") {
		return l.calls
	}
	return l.name
}
