package lesson

import (
	"path"
	"regexp"
	"strconv"

	"descent/diag"
)

// Error is a mistake in the course, at a line of a file (package diag).
type Error = diag.Error

// Errors is every mistake a build found, sorted by file and line.
type Errors = diag.Errors

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
