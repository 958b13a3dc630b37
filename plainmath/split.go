package plainmath

import "strings"

// Span is a run of text, or a formula's TeX without its dollars.
type Span struct {
	Text string
	Math bool
}

// Split cuts s into text and formulas as Pandoc's parser reads $…$
// (tex_math_dollars), and as a page's Markdown does: the opening $ has a
// character other than a space or a $ right after it; the first $ reached
// after it closes the formula unless a digit follows it; spaces followed
// by a $ end the attempt; inside, a backslash escapes the character after
// it and \text{…} may hold dollars. Where the attempt ends, the $ is text.
// Outside formulas, \$ is a $ and \\ a backslash. Adjacent text is joined
// into one span.
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
		case c == '\\' && i+1 < len(s) && (s[i+1] == '$' || s[i+1] == '\\'):
			text.WriteByte(s[i+1])
			i++
		case c == '$':
			end, group := closing(s, i)
			if end > 0 {
				flush()
				out = append(out, Span{Text: s[i+1 : end], Math: true})
				i = end
				continue
			}
			if group > 0 { // the dollars in the groups the try passed open nothing
				text.WriteString(s[i:group])
				i = group - 1
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
// or 0 if none does, and then the index just after the last \text{…}
// group the try passed, or 0. The scan passes no $ but those in such
// groups, and Split does not try those again, so splitting is linear.
func closing(s string, open int) (end, group int) {
	if open+1 >= len(s) || isSpace(s[open+1]) || s[open+1] == '$' {
		return 0, 0
	}
	end, ok, group := FormulaEnd(s[open+1:])
	if group >= 0 {
		group += open + 1
	}
	if ok {
		return end + open + 1, 0
	}
	return 0, max(group, 0)
}

// FormulaEnd scans s, the text after an opening $ (one line of it, for a
// page's Markdown), for the formula's end by Pandoc's rule: the index of
// the closing $ and true; or the index where the try fails (a $ before a
// digit, spaces before a $) and false; or -1 and false if s ends first.
// group is the index just after the last \text{…} group passed, or -1.
func FormulaEnd[T ~string | ~[]byte](s T) (end int, ok bool, group int) {
	group = -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			if hasText(s[i+1:]) {
				if n := balanced(s[i+1+len("text"):]); n > 0 {
					i += len("text") + n
					group = i + 1
					continue
				}
			}
			i++
		case c == '$':
			if i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9' {
				return i, false, group // $5: a price, in Pandoc's words
			}
			return i, true, group
		case isSpace(c):
			j := i
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j < len(s) && s[j] == '$' {
				return j, false, group
			}
			i = j - 1
		}
	}
	return -1, false, group
}

// hasText reports whether s begins "text{".
func hasText[T ~string | ~[]byte](s T) bool {
	return len(s) >= 5 && string(s[:5]) == "text{"
}

// maxGroup bounds the scan for a \text{…} group's end, so that a line of
// unclosed ones is not scanned once for each.
const maxGroup = 1000

// balanced is the length of the braced group s begins with, or 0 if it
// is not closed within maxGroup bytes.
func balanced[T ~string | ~[]byte](s T) int {
	depth := 0
	for i := 0; i < min(len(s), maxGroup); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i + 1
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
