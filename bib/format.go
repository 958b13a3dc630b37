package bib

import (
	"errors"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/plainmath"
)

// Text turns a BibTeX value into plain text: accents become characters,
// braces go, \& is &, -- and --- are dashes and ~ a no-break space, and a
// formula between dollars ($O(1/k^2)$) is written as Unicode text,
// O(1/k²), as plainmath writes it.
func Text(v string) string {
	parts := mathParts(v)
	if len(parts) == 1 {
		return strings.Join(strings.Fields(reduce(v)), " ")
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString(plainmath.TeX(p))
		} else {
			b.WriteString(reduce(p))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// mathParts cuts a value at its unescaped dollars, BibTeX's math mode:
// text, a formula's TeX, text, and so on, always an odd number of parts.
// A $ that no other closes is dropped, as TeX would complain of it.
func mathParts(v string) []string {
	parts, _ := splitMath(v)
	return parts
}

// splitMath is mathParts, and whether a $ was left unclosed.
func splitMath(v string) ([]string, bool) {
	var parts []string
	start, open := 0, -1
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '$':
			if open < 0 {
				open = i
				continue
			}
			parts = append(parts, v[start:open], v[open+1:i])
			start, open = i+1, -1
		}
	}
	if open >= 0 {
		return append(parts, v[start:open]+v[open+1:]), true
	}
	return append(parts, v[start:]), false
}

// reduce is a value's text without formulas, as Text makes it, its
// spaces not yet joined.
func reduce(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '{' || c == '}' || c == '$':
		case c == '~':
			b.WriteString("\u00a0")
		case c == '-' && strings.HasPrefix(v[i:], "---"):
			b.WriteString("—")
			i += 2
		case c == '-' && strings.HasPrefix(v[i:], "--"):
			b.WriteString("–")
			i++
		case c == '\\' && i+1 < len(v):
			n, s := command(v[i+1:])
			b.WriteString(s)
			i += n
		case c == '\n' || c == '\t' || c == '\r':
			b.WriteByte(' ')
		case c < ' ' || c == 0x7f: // no place in a page's text
		case c == 0xc2 && i+1 < len(v) && 0x80 <= v[i+1] && v[i+1] <= 0x9f: // nor a C1 control
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// accents maps TeX's accent commands to combining marks.
var accents = map[byte]string{'"': "\u0308", '\'': "\u0301", '`': "\u0300", '^': "\u0302", '~': "\u0303", '=': "\u0304", '.': "\u0307", 'c': "\u0327", 'u': "\u0306", 'v': "\u030c", 'H': "\u030b", 'k': "\u0328"}

// letters are TeX's commands for letters of their own.
var letters = map[string]string{"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}

// command reads the command after a backslash: how many bytes it takes
// and its text.
func command(s string) (int, string) {
	if mark, ok := accents[s[0]]; ok && (!isLetter(s[0]) || len(s) > 1 && !isLetter(s[1])) {
		// \"u, \"{u}, \c c, \c{c}
		rest := strings.TrimLeft(s[1:], " ")
		skip := len(s) - len(rest)
		arg := ""
		switch {
		case strings.HasPrefix(rest, "{"):
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return skip, ""
			}
			arg, skip = rest[1:end], skip+end+1
		case rest != "":
			_, size := utf8.DecodeRuneInString(rest)
			arg, skip = rest[:size], skip+size
		}
		if l, ok := letters[strings.TrimPrefix(arg, "\\")]; ok && strings.HasPrefix(arg, "\\") {
			arg = l
		}
		return skip, compose(arg + mark)
	}
	if !isLetter(s[0]) {
		return 1, s[:1] // \& \% \$ \_ \{ \}
	}
	n := 0
	for n < len(s) && isLetter(s[n]) {
		n++
	}
	name := s[:n]
	if n < len(s) && s[n] == ' ' {
		n++
	}
	if l, ok := letters[name]; ok {
		return n, l
	}
	return n, "" // \emph{x}, \textit{x}: the braces' text stays
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// compose joins a letter and a combining mark where Unicode has the
// precomposed letter; the common cases only, else the pair stays.
func compose(s string) string {
	table := map[string]string{
		"a\u0308": "ä", "o\u0308": "ö", "u\u0308": "ü", "A\u0308": "Ä", "O\u0308": "Ö", "U\u0308": "Ü", "e\u0308": "ë", "i\u0308": "ï",
		"a\u0301": "á", "e\u0301": "é", "i\u0301": "í", "o\u0301": "ó", "u\u0301": "ú", "E\u0301": "É", "y\u0301": "ý", "c\u0301": "ć", "n\u0301": "ń", "s\u0301": "ś", "z\u0301": "ź",
		"a\u0300": "à", "e\u0300": "è", "i\u0300": "ì", "o\u0300": "ò", "u\u0300": "ù",
		"a\u0302": "â", "e\u0302": "ê", "i\u0302": "î", "o\u0302": "ô", "u\u0302": "û",
		"a\u0303": "ã", "n\u0303": "ñ", "o\u0303": "õ", "c\u0327": "ç", "C\u0327": "Ç", "s\u0327": "ş",
		"c\u030c": "č", "s\u030c": "š", "z\u030c": "ž", "r\u030c": "ř", "e\u030c": "ě", "C\u030c": "Č", "S\u030c": "Š", "Z\u030c": "Ž",
		"o\u030b": "ő", "u\u030b": "ű", "a\u0328": "ą", "e\u0328": "ę", "g\u0306": "ğ", "a\u0306": "ă", "z\u0307": "ż",
	}
	if c, ok := table[s]; ok {
		return c
	}
	return s
}

// Name is one author: Last holds "von" parts too ("van der Maaten").
type Name struct {
	First, Last string
}

// Names splits an author field on "and" outside braces and reads each as
// "Last, First", "First Last" or {Institution Name}.
func Names(field string) []Name {
	var out []Name
	for _, part := range splitAnd(field) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") && balanced(part[1:len(part)-1]) {
			out = append(out, Name{Last: Text(part)})
			continue
		}
		if last, first, ok := strings.Cut(part, ","); ok {
			out = append(out, Name{First: Text(first), Last: Text(last)})
			continue
		}
		words := strings.Fields(Text(part))
		if len(words) == 0 {
			continue
		}
		// The last name starts at the first lower-case word (von) or is
		// the last word.
		at := len(words) - 1
		for i, w := range words[:len(words)-1] {
			if r := []rune(w)[0]; unicode.IsLower(r) && i > 0 {
				at = i
				break
			}
		}
		out = append(out, Name{First: strings.Join(words[:at], " "), Last: strings.Join(words[at:], " ")})
	}
	return out
}

func balanced(s string) bool {
	level := 0
	for _, c := range s {
		switch c {
		case '{':
			level++
		case '}':
			if level--; level < 0 {
				return false
			}
		}
	}
	return level == 0
}

// splitAnd splits on " and " at brace level 0.
func splitAnd(s string) []string {
	var parts []string
	level, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
		case ' ', '\n', '\t':
			if level == 0 && i+5 <= len(s) && strings.EqualFold(s[i+1:i+4], "and") && (i+4 == len(s) || strings.IndexByte(" \n\t", s[i+4]) >= 0) {
				parts = append(parts, s[start:i])
				start = i + 4
				i += 3
			}
		}
	}
	return append(parts, s[start:])
}

// authors are the entry's authors, or its editors.
func (e *Entry) authors() []Name {
	if a := e.Fields["author"]; a != "" {
		return Names(a)
	}
	return Names(e.Fields["editor"])
}

// Year is the entry's year (or the year of its date).
func (e *Entry) Year() string {
	if y := Text(e.Fields["year"]); y != "" {
		return y
	}
	d := Text(e.Fields["date"])
	if len(d) >= 4 {
		return d[:4]
	}
	return d
}

// Authors is the citation's author part: "Kingma", "Kingma and Ba" or
// "Kingma et al.".
func (e *Entry) Authors() string {
	names := e.authors()
	switch len(names) {
	case 0:
		return Text(e.Fields["title"])
	case 1:
		return names[0].Last
	case 2:
		return names[0].Last + " and " + names[1].Last
	}
	return names[0].Last + " et al."
}

// SortKey orders a reference list: first author's last name, year, title.
func (e *Entry) SortKey() string {
	return strings.ToLower(e.Authors() + "\x00" + e.Year() + "\x00" + Text(e.Fields["title"]))
}

// TitleHTML is the entry's title, escaped, its formulas converted by
// formula (TeX to inline HTML), or written as Text writes them where
// formula is nil. The error is formula's, for the first that fails.
func (e *Entry) TitleHTML(formula func(tex string) (string, error)) (string, error) {
	title := e.Fields["title"]
	parts, unclosed := splitMath(title)
	switch {
	case formula == nil:
	case unclosed:
		return "", errors.New("a $ opens a formula that is never closed; close it with $, or write \\$ for a dollar sign")
	case strings.Contains(strings.ReplaceAll(title, `\$`, ""), "$$"): // \$$n$ is a dollar sign and a formula
		return "", errors.New("$$ is display math, which a title cannot hold; write the formula between single dollars")
	}
	if len(parts) == 1 || formula == nil {
		return html.EscapeString(Text(title)), nil
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(html.EscapeString(squash(reduce(p), i == 0, i == len(parts)-1)))
			continue
		}
		m, err := formula(p)
		if err != nil {
			return "", err
		}
		b.WriteString(m)
	}
	return b.String(), nil
}

// squash joins the spaces of s into one, and drops those at its start
// and end where it begins or ends the whole text.
func squash(s string, first, last bool) string {
	lead := s != "" && unicode.IsSpace(rune(s[0])) && !first
	trail := s != "" && unicode.IsSpace(rune(s[len(s)-1])) && !last
	s = strings.Join(strings.Fields(s), " ")
	if lead {
		s = " " + s
	}
	if trail && s != " " {
		s += " "
	}
	return s
}

// HTML is the entry in a reference list, escaped: "Kingma, D. P. and Ba,
// J. (2015). Adam: a method …. <em>ICLR</em>." with a link to its DOI or
// URL. Its title's formulas are converted by formula, as TitleHTML says.
func (e *Entry) HTML(formula func(tex string) (string, error)) string {
	var b strings.Builder
	names := e.authors()
	for i, n := range names {
		switch {
		case i > 0 && i == len(names)-1:
			b.WriteString(" and ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(html.EscapeString(n.Last))
		if in := initials(n.First); in != "" {
			b.WriteString(", " + html.EscapeString(in))
		}
	}
	b.WriteString(" (" + html.EscapeString(e.Year()) + "). ")
	title := Text(e.Fields["title"])
	th, err := e.TitleHTML(formula)
	if err != nil { // reported when the bibliography was read (lesson)
		th = html.EscapeString(title)
	}
	b.WriteString(th)
	if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") {
		b.WriteString(".")
	}
	venue := ""
	for _, f := range []string{"journal", "booktitle", "publisher", "school", "institution", "howpublished"} {
		if v := Text(e.Fields[f]); v != "" {
			venue = v
			break
		}
	}
	if venue != "" {
		b.WriteString(" <em>" + html.EscapeString(venue) + "</em>")
		if v := Text(e.Fields["volume"]); v != "" {
			b.WriteString(", " + html.EscapeString(v))
		}
		if p := Text(e.Fields["pages"]); p != "" {
			b.WriteString(", " + html.EscapeString(p))
		}
		b.WriteString(".")
	}
	if doi := address(e.Fields["doi"]); doi != "" {
		href := doiLink(doi)
		b.WriteString(` <a href="` + html.EscapeString(href) + `">` + html.EscapeString(href) + `</a>`)
	} else if u, lower := address(e.Fields["url"]), strings.ToLower(address(e.Fields["url"])); strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		b.WriteString(` <a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + `</a>`)
	}
	return b.String()
}

// address is a url or doi field as written, its braces dropped and TeX's
// escapes (\%, \_, \#, \&, \~, \$, \textasciitilde) undone, \url{…}
// unwrapped and \href{…}{text} taken for its address: ~ and -- are the
// address's own, not a no-break space and a dash as in Text.
func address(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '{' || c == '}':
		case c == '\\' && i+1 < len(v) && strings.IndexByte("%_#&~$", v[i+1]) >= 0:
			b.WriteByte(v[i+1])
			i++
		case c == '\\': // \url{…} is the address; \textasciitilde{} a ~
			j := i + 1
			for j < len(v) && isLetter(v[j]) {
				j++
			}
			switch v[i+1 : j] {
			case "textasciitilde":
				b.WriteByte('~')
			case "textunderscore":
				b.WriteByte('_')
			case "href": // \href{address}{text}: the address, not the text after it
				if url, end, ok := bracedGroup(v, j); ok {
					b.WriteString(address(url))
					j = end
					if _, end, ok := bracedGroup(v, j); ok {
						j = end
					}
				}
			}
			i = j - 1
		case c <= ' ' || c == 0x7f: // a value broken over lines; DEL
		case c == 0xc2 && i+1 < len(v) && 0x80 <= v[i+1] && v[i+1] <= 0x9f: // a C1 control
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// bracedGroup returns the inside of the {…} group that starts at v[i]
// (after any spaces), and the index after it; ok is false if none does or
// it is never closed.
func bracedGroup(v string, i int) (inside string, end int, ok bool) {
	for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r') {
		i++
	}
	if i >= len(v) || v[i] != '{' {
		return "", i, false
	}
	depth := 0
	for k := i; k < len(v); k++ {
		switch v[k] {
		case '\\':
			k++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return v[i+1 : k], k + 1, true
			}
		}
	}
	return "", i, false
}

// doiLink is the https://doi.org/ address of a doi field written bare
// (10.1000/abc), as doi:10.1000/abc or DOI: 10.1000/abc, or as an address
// at doi.org or dx.doi.org; # and ? are a DOI's own characters there, so
// they are escaped.
func doiLink(doi string) string {
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(doi) >= len(prefix) && strings.EqualFold(doi[:len(prefix)], prefix) {
			doi = doi[len(prefix):]
			break
		}
	}
	doi = strings.TrimSpace(doi)
	return "https://doi.org/" + strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F", " ", "%20").Replace(doi)
}

// initials makes "Diederik P." into "D. P.".
func initials(first string) string {
	var parts []string
	for _, w := range strings.Fields(first) {
		for i, sub := range strings.Split(w, "-") {
			r := []rune(sub)
			if len(r) == 0 {
				continue
			}
			s := string(r[0]) + "."
			if i > 0 && len(parts) > 0 {
				parts[len(parts)-1] += "-" + s
				continue
			}
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}
