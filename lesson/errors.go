package lesson

import (
	"errors"
	htmltemplate "html/template"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"descent/diag"
)

// Error is a mistake in the course, at a line of a file (package diag).
type Error = diag.Error

// Errors is every mistake a build found, sorted by file and line.
type Errors = diag.Errors

// templateErrRE is compiled on first use: at init it cost every build's start.
var templateErrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:\d+:)? ?(.*)$`)
})

// templateError turns "template: lesson.html:12:3: msg" into an Error at
// that line of that file in the layouts folder.
func templateError(dir string, err error) *Error { return templateErrorIn(dir, "", err) }

// templateErrorIn is templateError for an error met executing file, where
// html/template may report a mistake with no line ("ends in a non-text
// context: {stateJSSqStr …}"): it is put at file, in words.
func templateErrorIn(dir, file string, err error) *Error {
	var he *htmltemplate.Error
	if errors.As(err, &he) && he.Line == 0 {
		msg := he.Description
		if he.ErrorCode == htmltemplate.ErrEndContext {
			msg = "the page's HTML is left open at the end of a template: an element, an attribute, a quoted value or a script is not closed"
		} else if first, _, ok := strings.Cut(msg, "\n"); ok {
			msg = first
		}
		if he.Name != "" {
			msg = "in template " + strconv.Quote(he.Name) + ": " + msg
		}
		return &Error{File: joinName(dir, file), Msg: msg}
	}
	m := templateErrRE().FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{File: joinName(dir, file), Msg: strings.TrimPrefix(strings.TrimPrefix(err.Error(), "html/"), "template: ")}
	}
	line, _ := strconv.Atoi(m[2])
	return &Error{File: path.Join(dir, m[1]), Line: line, Msg: m[3]}
}
