package plainmath

import (
	"fmt"
	"strings"

	"descent/texmath"
)

// Text is s with its formulas written as Unicode text (texmath.Text), and
// \$ outside them as $. A formula that does not convert is left as its
// TeX: Check finds it, and every caller reports it to the author.
func Text(s string) string {
	if !strings.ContainsAny(s, "$") {
		return s
	}
	var b strings.Builder
	gap := false // a formula that wrote nothing just followed a space
	for _, sp := range Split(s) {
		switch t := sp.Text; {
		case sp.Math:
			text := TeX(t)
			gap = text == "" && strings.HasSuffix(b.String(), " ")
			b.WriteString(text)
		case gap && strings.HasPrefix(t, " "): // "a $\!$ b" is "a b"
			b.WriteString(t[1:])
			gap = false
		default:
			b.WriteString(t)
			gap = false
		}
	}
	if gap { // "Home $\!$" is "Home"
		return strings.TrimSuffix(b.String(), " ")
	}
	return b.String()
}

// TeX is one formula's TeX as Unicode text, or the TeX itself when it
// does not convert.
func TeX(tex string) string {
	if s, err := texmath.Text(tex); err == nil {
		return s
	}
	return tex
}

// WriteTeX writes TeX(tex) to b.
func WriteTeX(b *strings.Builder, tex string) { b.WriteString(TeX(tex)) }

// Check returns the first of s's formulas that does not convert, as an
// error naming it; or, when s is formulas that write nothing ($\!$), an
// error saying so: a title or label of nothing.
func Check(s string) error {
	if !strings.ContainsAny(s, "$") {
		return nil
	}
	for _, sp := range Split(s) {
		if !sp.Math {
			continue
		}
		if _, err := texmath.Text(sp.Text); err != nil {
			return fmt.Errorf("the formula $%s$: %w", sp.Text, err)
		}
	}
	if strings.TrimSpace(Text(s)) == "" {
		return fmt.Errorf("%q shows no text; write it in words", s)
	}
	return nil
}
