package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is a mistake in the course, at a line of a file. Key names the
// setting at fault ("runs[1].lr"), or is empty.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
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

// Sorted orders errors by file and line and drops repeats (a broken
// template fails the same way on every page).
func (es Errors) Sorted() Errors {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return slices.CompactFunc(out, func(a, b *Error) bool { return a.Error() == b.Error() })
}

// List collects the errors of one file.
type List struct {
	File string
	Errs Errors
}

// Add records a mistake at line of the list's file.
func (l *List) Add(line int, key, format string, args ...any) {
	l.Errs = append(l.Errs, &Error{File: l.File, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}
