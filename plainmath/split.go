package plainmath

import "strings"

// Span is a run of text, or a formula's TeX without its dollars.
type Span struct {
	Text string
	Math bool
}

// Split cuts s into text and formulas by Pandoc's rule for $…$: the
// opening $ has a character other than a space or a $ right after it, the
// closing $ one other than a space right before it and no digit right
// after it, and inside, a backslash escapes the character after it. A $
// that opens nothing is text, and so is \$ outside a formula (as $).
// Adjacent text is joined into one span.
func Split(s string) []Span {
	var out []Span
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, Span{Text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == '$':
			text.WriteByte('$')
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == '\\': // kept, and escapes no $
			text.WriteString(`\\`)
			i++
		case c == '$':
			if end := closing(s, i); end > 0 {
				flush()
				out = append(out, Span{Text: s[i+1 : end], Math: true})
				i = end
				continue
			}
			text.WriteByte('$')
			if i+1 < len(s) && s[i+1] == '$' { // $$ opens nothing here
				text.WriteByte('$')
				i++
			}
		default:
			text.WriteByte(c)
		}
	}
	flush()
	return out
}

// closing is the index of the $ that closes a formula opened at s[open],
// or 0 if none does.
func closing(s string, open int) int {
	if open+1 >= len(s) || isSpace(s[open+1]) || s[open+1] == '$' {
		return 0
	}
	for i := open + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '$':
			if !isSpace(s[i-1]) && !(i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9') {
				return i
			}
		}
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Has reports whether s holds a formula.
func Has(s string) bool {
	if strings.IndexByte(s, '$') < 0 {
		return false
	}
	for _, sp := range Split(s) {
		if sp.Math {
			return true
		}
	}
	return false
}
