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
	for _, sp := range Split(s) {
		if sp.Math {
			WriteTeX(&b, sp.Text)
		} else {
			b.WriteString(sp.Text)
		}
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
// error naming it, or nil.
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
	return nil
}
