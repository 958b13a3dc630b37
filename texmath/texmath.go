// Package texmath reads one TeX formula (math mode, as KaTeX reads it)
// into a tree of MathML elements, and writes the tree either as MathML,
// for pages, or as Unicode text, for the places MathML cannot go: a
// page's <title>, alt text, an SVG's title, a search snippet. Both come
// from the same tree, so the text never shows a command that the MathML
// understood (\binom{n}{k} is "(n k)", never "binomnk"), and a formula
// that does not convert is an error for both.
//
// It imports nothing of ours, and must never import goldmark, templates
// or anything that knows of pages, files or figures.
package texmath

import "strings"

// MathML converts one formula into a <math> element, display or inline.
// A mistake is an error naming the command; when it is an *Error, its
// offset says where in tex.
func MathML(tex string, display bool) (string, error) {
	m, err := read(tex, display)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	m.write(&b)
	return b.String(), nil
}

// Text writes one formula as Unicode text: letters and symbols as
// themselves, scripts raised or lowered where Unicode has the characters
// (x², xᵢ) and written as ^(…) or _(…) where it does not, fractions as
// a/b, and the spaces TeX puts around operators and relations. It fails
// exactly when MathML does.
func Text(tex string) (string, error) {
	m, err := read(tex, false)
	if err != nil {
		return "", err
	}
	return textOf(m), nil
}

// Convert is MathML and Text from one reading of tex, for a caller that
// wants both.
func Convert(tex string, display bool) (mathml, text string, err error) {
	m, err := read(tex, display)
	if err != nil {
		return "", "", err
	}
	var b strings.Builder
	m.write(&b)
	return b.String(), textOf(m), nil
}

// read checks tex against the limits and parses it.
func read(tex string, display bool) (*node, error) {
	if err := checkTeX(tex); err != nil {
		return nil, err
	}
	return parse(tex, display)
}

// IsSymbol reports whether \name writes a symbol, a large operator or a
// function's name (\nabla, \sum, \log), and not a delimiter, a space, a
// font or a structure (\left, \frac, \mathbf): the commands whose names a
// reader might search for.
func IsSymbol(name string) bool {
	_, sym := symbols[name]
	_, delim := delimiters[`\`+name]
	return sym && !delim && name != "colon" || functions[name] || limitFuncs[name] || largeOps[name] != ""
}
