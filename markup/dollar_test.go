package markup

import (
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// Inline math follows Pandoc's rule for dollars; M stands for a formula,
// [tex] for its TeX.
func TestDollarMath(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"$x$ and $y^2$", "[x] and [y^2]"},
		{"$20,000 and $30,000", "$20,000 and $30,000"}, // Pandoc's own example
		{"Cost is $5 and $x^2 + y.", "Cost is $5 and $x^2 + y."},
		{"x $ y$ z", "x $ y$ z"},         // a space after the opener
		{"$x $ y", "$x $ y"},             // a space before the closer
		{"$x$5", "$x$5"},                 // a digit after the closer
		{"$x$, $y$.", "[x], [y]."},       // punctuation after it is fine
		{"$a \\$ b$ c", `[a \$ b] c`},    // an escaped dollar inside
		{"\\$5 and $x$", "$5 and [x]"},   // an escaped dollar outside
		{"$x\ny$", "[x\ny]"},             // over a line break
		{"$x\n$ y", "$x\n$ y"},           // a line's first $ follows a break
		{"$", "$"},                       // alone
		{"a $", "a $"},                   // at the end
		{"`$x$`", "<code>$x$</code>"},    // in code
		{"$\\{a\\}$ $b$", `[\{a\}] [b]`}, // escapes
		{"x$y$z", "x[y]z"},               // inside a word, as in Pandoc
		{"$$", "$$"},                     // an empty pair is text
	}
	re := regexp.MustCompile(`(?s)<math display="inline">.*?</math>`)
	for _, tt := range tests {
		html, d, errs := renderDoc(t, tt.src)
		if len(errs) > 0 {
			t.Errorf("%q: %v", tt.src, errs)
		}
		var tex []string
		ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if m, ok := n.(*mathNode); ok && entering && m.tex != nil {
				tex = append(tex, "["+string(m.tex[m.open:len(m.tex)-m.close])+"]")
			}
			return ast.WalkContinue, nil
		})
		got := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(html), "<p>"), "</p>")
		i := 0
		got = re.ReplaceAllStringFunc(got, func(string) string {
			if i < len(tex) {
				i++
				return tex[i-1]
			}
			return "M"
		})
		got = strings.NewReplacer(`<span class="math-nobreak">`, "", "</span>", "").Replace(got)
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}
