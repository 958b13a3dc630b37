package markup

import (
	"reflect"
	"strings"
	"testing"

	"descent/diag"
)

// The index's text, which snippets show, has formulas as Unicode text, and
// leaves out code and display math; the formulas' TeX, display math's too,
// is kept apart for the terms, with the names of symbols (\theta) but not
// of other commands (\left, \begin{aligned}, \text). The table of
// contents keeps the $.
func TestSections(t *testing.T) {
	t.Parallel()
	src := "Step $\\theta - \\eta g$ by *step*.\n\n```python\nx = 1\n```\n\n$$\nx^2\n$$\n\n$$\\begin{aligned} \\left\\| x \\right\\| \\text{norm} \\end{aligned} \\begin{array}{cc} \\langle a \\rangle \\end{array} \\label{eq-loss}$$\n\n## The rule $\\eta$\n\nSmall $\\eta$.\n"
	d := New(false).Parse([]byte(src), 1, &diag.List{File: "l.md"})
	d.Outline()
	want := []Section{
		{Text: `Step θ − ηg by step.`, Math: `theta - eta g x^2 x {norm} a`},
		{ID: "the-rule-eta", Heading: `The rule η`, Text: `Small η.`, Math: `eta`, HeadingMath: `eta`},
	}
	if !reflect.DeepEqual(d.Text, want) {
		t.Errorf("got %q", d.Text)
	}
	if len(d.TOC) != 1 || d.TOC[0].Title != `The rule $\eta$` {
		t.Errorf("TOC %+v", d.TOC)
	}
}

// FuzzCollapseSpace: collapseSpace is strings.Join(strings.Fields(s), " ").
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\ty\n", "\xff a", "日本 語\u2003x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// A table's cells and a definition list's terms are text of the page, as
// a paragraph is, for the index and its snippets.
func TestSectionsTablesAndTerms(t *testing.T) {
	t.Parallel()
	src := "| Method | Rate |\n|---|---|\n| Adam | $\\eta$ |\n\nMomentum\n: keeps a velocity.\n"
	d := New(false).Parse([]byte(src), 1, &diag.List{File: "l.md"})
	d.Outline()
	want := []Section{{Text: `Method Rate Adam η Momentum keeps a velocity.`, Math: `eta`}}
	if !reflect.DeepEqual(d.Text, want) {
		t.Errorf("got %q, want %q", d.Text, want)
	}
}
