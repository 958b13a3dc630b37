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
	for _, sp := range TextSpans(s) {
		b.WriteString(sp.Text)
	}
	return b.String()
}

// TextSpans is Split with each formula's Text its Unicode text. Where a
// formula writes nothing ($\!$), one space beside it goes too: "a $\!$
// b" is "a b", "a $\!$, b" is "a, b", "Home $\!$" is "Home".
func TextSpans(s string) []Span {
	spans := Split(s)
	for i := range spans {
		if !spans[i].Math {
			continue
		}
		spans[i].Text = TeX(spans[i].Text)
		if spans[i].Text != "" {
			continue
		}
		before, after := "", ""
		if i > 0 {
			before = spans[i-1].Text
		}
		if i+1 < len(spans) {
			after = spans[i+1].Text
		}
		switch {
		case (before == "" || strings.HasSuffix(before, " ")) && strings.HasPrefix(after, " "):
			spans[i+1].Text = after[1:]
		case strings.HasSuffix(before, " ") && (after == "" || strings.ContainsAny(after[:1], ",.;:!?)]}")):
			spans[i-1].Text = before[:len(before)-1]
		}
	}
	return spans
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
