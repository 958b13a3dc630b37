package plainmath

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"adam":                                        "adam",
		"$\\eta = 0.2$":                               "η = 0.2",
		"momentum, $\\beta = 0.9$":                    "momentum, β = 0.9",
		"$x^2 + y^{-1}$":                              "x² + y⁻¹",
		"$\\theta_t$ and $w_{10}$":                    "θₜ and w₁₀",
		"$\\frac{1}{2}\\|x\\|^2$":                     "(1/2)‖x‖²",
		"$\\hat{y} = \\bar x + \\vec{v}$":             "y\u0302 = x\u0304 + v\u20d7", // combining marks
		"$\\left( \\sum_{i=1}^n x_i \\right)$":        "(∑ᵢ₌₁ⁿ xᵢ)",
		"$A^\\top x \\in \\mathbb{R}^n$":              "Aᵀx ∈ ℝⁿ",
		"$\\mathbf{x}_{k+1} = \\mathcal{O}(\\ldots)$": "𝐱ₖ₊₁ = 𝒪(…)",
		"$\\hat{xy}$":                                 "hat(xy)",
		"$\\frac{\\frac{a}{b}}{c}$":                   "a/b/c",
		"$e^{-x^2}$":                                  "e^(−x²)",
		"a $ price":                                   "a $ price",
		"$\\mathrm{lr} \\cdot g_k$":                   "lr ⋅ gₖ",
		"$<b>$":                                       "< b >",
		"$\\nabla f(x) \\approx 0$":                   "∇f(x) ≈ 0",
		// Pandoc's rule: these dollars are prices, not formulas.
		"$20,000 and $30,000":            "$20,000 and $30,000",
		"costs $5 or $ 6":                "costs $5 or $ 6",
		"\\$x$ and $y$":                  "$x$ and y",
		"rate $O(1/k^2)$.":               "rate O(1/k²).",
		"$a \\$ b$":                      "a$b",
		"$$x$$":                          "$$x$$",
		"\\\\$x$":                        "\\x", // \\ is a backslash, as in Markdown
		"$5 and $x$":                     "$5 and x",
		"$a$5 and $b$":                   "$a$5 and b",
		"$\\text{a $b$}$":                "a b",
		"Rule $\\text{for $\\alpha_t$}$": "Rule for αₜ",
		"$a\\text{$}$5 and $b$":          "$a\\text{$}$5 and b",
		"Home $\\!$":                     "Home",
		"a $\\,$ b":                      "a b",
		"a $\\!$ b":                      "a b",
		"$\\!$ Home":                     "Home",
		"a $\\!$, b":                     "a, b",
		"(a $\\!$)":                      "(a)",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Span
	}{
		{"", nil},
		{"no math", []Span{{Text: "no math"}}},
		{"the $\\beta$ of Adam", []Span{{Text: "the "}, {Text: "\\beta", Math: true}, {Text: " of Adam"}}},
		{"$a$$b$", []Span{{Text: "a", Math: true}, {Text: "b", Math: true}}},
		{"$x $ and $y$", []Span{{Text: "$x $ and "}, {Text: "y", Math: true}}}, // as Pandoc's parser reads it
		{"$1$2", []Span{{Text: "$1$2"}}},
		{"trailing $", []Span{{Text: "trailing $"}}},
	} {
		if got := Split(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Split(%q) = %v, want %v", c.in, got, c.want)
		}
		if got, want := Has(c.in), slices.ContainsFunc(c.want, func(s Span) bool { return s.Math }); got != want {
			t.Errorf("Has(%q) = %v, want %v", c.in, got, want)
		}
	}
}

// FuzzText: any text without a backslash splits back into itself, and
// any text converts, without
// panicking, to valid UTF-8.
func FuzzText(f *testing.F) {
	for _, s := range []string{"$\\eta$", "$\\frac{a}{", "$x^{$", "$\\", "$_$", "$$", "\\$a$b$", "$a\\$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := Text(s); utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Text(%q) = %q, not UTF-8", s, out)
		}
		var b strings.Builder
		for _, sp := range Split(s) {
			if sp.Math {
				b.WriteString("$" + sp.Text + "$")
			} else {
				b.WriteString(sp.Text)
			}
		}
		if got := b.String(); got != s && !strings.Contains(s, "\\") { // a backslash may escape a $
			t.Fatalf("Split(%q) joins back as %q", s, got)
		}
	})
}

// A failed try's \text{…} groups are not tried again: a title of many
// such groups splits in linear time, and gives the text as it is.
func TestSplitGroups(t *testing.T) {
	t.Parallel()
	s := "$a" + strings.Repeat(`\text{$}`, 100_000) + "$5"
	if got := Split(s); len(got) != 1 || got[0].Math || got[0].Text != s {
		t.Errorf("Split: %d spans", len(got))
	}
}

// Deep nesting is written as it is past maxDepth levels, so that a
// formula that failed to convert (any text) is not scanned once per level.
func TestTeXDeep(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat(`\frac{`, 100_000) + strings.Repeat("}", 100_000)
	if out := TeX(deep); !strings.Contains(out, `\frac{\frac{`) {
		t.Errorf("TeX of %d nested fractions: %.60q…", 100_000, out)
	}
}
