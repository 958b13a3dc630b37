package markup

import (
	"regexp"
	"strings"
	"testing"
)

// TestKeepTogether: an inline formula and the punctuation touching it are
// one box that does not break ("M" stands for the formula's MathML, "[…]"
// for the box); punctuation apart from it, or over a line break, stays.
func TestKeepTogether(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"at $x$.", "<p>at [M.]</p>"},
		{"as ($x$), and", "<p>as [(M),] and</p>"},
		{"quoted “$x$”", "<p>quoted [“M”]</p>"},
		{"$a$,$b$;", "<p>[M,][M;]</p>"},
		{"$x$ .", "<p>M .</p>"},
		{"(\n$x$)", "<p>(\n[M)]</p>"},
		{"$x$", "<p>M</p>"},
		{"**$x$**.", "<p><strong>M</strong>.</p>"},
		{"$x$<.", "<p>M&lt;.</p>"},
		{`x \($x$) y`, "<p>x ([M)] y</p>"}, // an escaped ( stays in the text with its backslash
	}
	re := regexp.MustCompile(`<math display="inline">.*?</math>`)
	for _, tt := range tests {
		got, _, errs := renderDoc(t, tt.src)
		got = re.ReplaceAllString(got, "M")
		got = strings.NewReplacer(`<span class="math-nobreak">`, "[", "</span>", "]").Replace(strings.TrimSpace(got))
		if got != tt.want || len(errs) > 0 {
			t.Errorf("%q: %q %v, want %q", tt.src, got, errs, tt.want)
		}
	}
}
