package lesson

import (
	"strings"
)

// figureMessage says in the author's terms why a figure could not be
// computed. figure.Compute passes on what the packages below it say
// ("svgviz: curve needs ascending finite Xs…", "json: unsupported value:
// +Inf", a stack after a panic), which names their internals, not the
// directive; the known ones are said again here, and any other loses its
// package prefix and all but its first line.
func figureMessage(err error) string {
	msg := err.Error()
	if first, _, ok := strings.Cut(msg, "\n"); ok {
		msg = first // a panic's stack is for a bug report, not for the author
	}
	switch {
	case strings.Contains(msg, "curve needs ascending finite Xs"):
		return "the function has no finite value to draw over this domain (it is undefined there, or too large for float64); choose a domain where it is defined"
	case strings.Contains(msg, "contour layer drawn for another domain"),
		strings.Contains(msg, "contouring failed in another figure"):
		return "internal error while drawing the contours (please report it); building again may help"
	case strings.HasPrefix(msg, "json: unsupported value"),
		strings.Contains(msg, "holds a number that is not finite"):
		return "a value of the figure is too large for float64 (it is infinite); narrow the domain, or choose a smaller learning rate or start"
	case strings.HasPrefix(msg, "internal error"):
		return msg
	}
	for _, prefix := range []string{"svgviz: ", "optim: ", "figure: ", "json: ", "gonum: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return msg
}
