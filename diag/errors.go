package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a mistake in the course, at a line of a file. Key names the
// setting at fault ("runs[1].lr"), or is empty.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
	// Omitted, on the last error of a List over its limit, is how many
	// errors it stands for ("and 20 more errors…").
	Omitted int
}

// Error writes the one line FILE:LINE: key: message. Every part may carry
// an author's text (a YAML key, a value, a file name), so control
// characters are escaped: a message must never move the terminal's cursor,
// clear it or set its clipboard, nor break into a second line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(Printable(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(Printable(e.Key))
		b.WriteString(": ")
	}
	b.WriteString(Printable(e.Msg))
	return b.String()
}

// Printable returns s with every control character written as Go writes
// it in a quoted string (ESC as \x1b, a newline as \n), and so are the
// invisible characters that reorder text (U+202E and the like), which
// could make a message read as something else. Other text is unchanged.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unprintable(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func unprintable(r rune) bool {
	return unicode.IsControl(r) || r == utf8.RuneError ||
		0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// Errors is every mistake a build found, sorted by file and line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// BadUTF8Line is the line (from 1) of the first byte of src that is not
// UTF-8, or 0 if src is UTF-8 throughout: a file saved in Latin-1 is
// reported where its first é is.
func BadUTF8Line(src []byte) int {
	if utf8.Valid(src) {
		return 0
	}
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line
}

// ControlLine is the line (from 1) of the first control character in src
// that a page cannot show, and the character: any C0 control but tab,
// line feed and carriage return, DEL, or a C1 control; 0 if there is none.
// HTML makes each a parse error, and most show as nothing, or as a box.
func ControlLine(src []byte) (int, rune) {
	// Every lesson is scanned on every rebuild of the preview, so the
	// scan looks bytes up in a table and counts lines only at a find.
	for i, c := range src {
		if !controlSuspect[c] {
			continue
		}
		r := rune(c)
		if c == 0xc2 { // a C1 control is C2 80 to C2 9F in UTF-8
			if i+1 == len(src) || src[i+1] < 0x80 || src[i+1] > 0x9f {
				continue
			}
			r = rune(src[i+1])
		}
		return 1 + bytes.Count(src[:i], []byte{'\n'}), r
	}
	return 0, 0
}

// controlSuspect marks the bytes ControlLine looks at twice: the C0
// controls but tab, line feed and carriage return, DEL, and C2, which
// begins a C1 control (and other characters, U+0080 to U+00BF).
var controlSuspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// Count is how many mistakes the errors report, those a List left
// unlisted included.
func (es Errors) Count() int {
	n := 0
	for _, e := range es {
		n += max(1, e.Omitted)
	}
	return n
}

// Sorted orders errors by file and line and drops repeats (a broken
// template fails the same way on every page).
func (es Errors) Sorted() Errors {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return slices.CompactFunc(out, func(a, b *Error) bool { return a.Error() == b.Error() })
}

// List collects the errors of one file, at most MaxPerFile of them and a
// last one counting the rest: a file of 150,000 broken formulas would
// otherwise print 150,000 lines, and send them all to the preview.
type List struct {
	File string
	Errs Errors

	more *Error // the error counting those past the limit
	n    int
}

// MaxPerFile is the most errors a List keeps.
const MaxPerFile = 100

// Add records a mistake at line of the list's file.
func (l *List) Add(line int, key, format string, args ...any) {
	if l.more == nil && len(l.Errs) < MaxPerFile {
		l.Errs = append(l.Errs, &Error{File: l.File, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
		return
	}
	l.n++
	if l.more == nil {
		l.more = &Error{File: l.File, Line: line}
		l.Errs = append(l.Errs, l.more)
	}
	l.more.Omitted = l.n
	l.more.Msg = fmt.Sprintf("and %d more errors from here on, not listed: over the limit of %d per file; fix these first", l.n, MaxPerFile)
}
