package lesson

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
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

// sorted orders errors by file and line and drops repeats (a broken
// template fails the same way on every page).
func (es Errors) sorted() Errors {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return slices.CompactFunc(out, func(a, b *Error) bool { return a.Error() == b.Error() })
}

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?(.*)$`)

// templateError turns "template: lesson.html:12:3: msg" into an Error at
// that line of that file in the layouts folder.
func templateError(dir string, err error) *Error {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{File: dir, Msg: err.Error()}
	}
	line, _ := strconv.Atoi(m[2])
	return &Error{File: path.Join(dir, m[1]), Line: line, Msg: m[3]}
}

// errorList collects errors from one file.
type errorList struct {
	file string
	errs Errors
}

func (l *errorList) add(line int, key, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}
