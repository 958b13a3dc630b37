package markup

import (
	"fmt"
	"reflect"
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
		// Pandoc's parser: the first $ reached closes or ends the try, and
		// spaces before a $ end it.
		{"$5 and $x$", "$5 and [x]"},
		{"$x $ and $y$", "$x $ and [y]"},
		{"$a$5 and $b$", "$a$5 and [b]"},
		{"$\\text{a $b$ c}$ d", `[\text{a $b$ c}] d`}, // \text{…} may hold dollars
		{"$a $a $a $b$", "$a $a $a [b]"},
		{"$a\\text{$}$5 and $b$", `$a\text{$}$5 and [b]`}, // a failed try's groups open nothing
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

// What the math syntax leaves in the text is an error, not TeX on the page.
func TestMathStrays(t *testing.T) {
	t.Parallel()
	never := "l.md:%d: math: this $$ opens a display formula that is never closed; close it with $$, or write \\$ for a dollar sign"
	neverBlock := "l.md:%d: math: this $$ opens a display formula that is never closed, so the rest of the page was read as the formula; close it with $$"
	trailing := "l.md:%d: label: only a label, {#eq-a}, may follow a formula's closing $$ on its line; put the text on a line of its own"
	label := "l.md:%d: label: an equation's label goes right after its closing $$, with nothing after it on the line: $$ {#eq-a}"
	tests := []struct {
		src, want string
		line      int
	}{
		{"Text.\n\n$$ \\frac{1}{2} x^2\n\nMore.\n", neverBlock, 3},
		{"a $$x\n", never, 1},
		{"$$\nx^2\n$$ {#eq-four}.\n", trailing, 3},
		{"Text {#eq-a} here.\n", label, 1},
		{"`$$` and \\$\\$", "", 0},
		{"```\n$$\n```\n", "", 0},
		{"$$\nx\n$$ {#eq-a}\n\nSee $y$.\n", "", 0},
	}
	for _, tt := range tests {
		_, _, errs := renderDoc(t, tt.src)
		want := []string(nil)
		if tt.want != "" {
			want = []string{fmt.Sprintf(tt.want, tt.line)}
		}
		if !reflect.DeepEqual(errs, want) {
			t.Errorf("%q: %q, want %q", tt.src, errs, want)
		}
	}
}

// A display formula that begins a line is read as a block of its lines:
// a line of it that looks like a list item, or the > of the quote it is
// in, is TeX or nothing, not Markdown. want is the formula it must equal.
func TestDisplayMath(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"> $$\n> x\n> $$\n", "x"}, // was the formula "> x >"
		{"> [!NOTE]\n> $$\n> a\n> + b\n> $$\n", "a\n+ b"},
		{"$$\nx\n- y\n$$\n", "x\n- y"}, // was a list item
		{"$$\nx\n+ y\n* z\n$$\n", "x\n+ y\n* z"},
		{"- item\n\n  $$x + 1.$$\n\n  more\n", "x + 1."},
		{"- item\n\n  $$\n  x\n  $$\n", "x"},
		{"Text\n$$\nx\n$$\nmore\n", "x"},
		{"$$ x $$ {#eq-a}\n", `x\tag{1}`},
		{"$$\nx\n$$ {#eq-a}\n", `x\tag{1}`},
		// A tab a list or quote took part of (goldmark pads the line).
		{"- a\n\n\t$$\n\tx\n\t$$", "x"}, // at the end of the page: it crashed
		{">\t$$\n>\tx\n>\t$$\n", "x"},
		{">\t$$ x $$\n", "x"},
		{"$$|x| + 1$$\n", "|x| + 1"},
	}
	one := func(src string) string {
		html, _, errs := renderDoc(t, src)
		if len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
		i, j := strings.Index(html, "<math"), strings.LastIndex(html, "</math>")
		if i < 0 || j < i || strings.Count(html, "<math") != 1 {
			return html
		}
		return html[i : j+len("</math>")]
	}
	for _, tt := range tests {
		if got, want := one(tt.src), one("$$"+tt.want+"$$\n"); got != want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, want)
		}
	}
}

// A table row that begins with a formula stays a row; a mistake on a tab-
// indented line of a formula is at its column in the file.
func TestDisplayMathPlaces(t *testing.T) {
	t.Parallel()
	if html, _, errs := renderDoc(t, "a | b\n--|--\n$$x$$ | y\n"); len(errs) > 0 || !strings.Contains(html, "<td><math") {
		t.Errorf("the row lost its formula: %s %v", html, errs)
	}
	for src, want := range map[string]string{
		"- a\n\n  $$\n\t\\foo\n  $$\n": "l.md:4: math: col 2: unknown command \\foo",
		"> $$\n>\t\\foo\n> $$\n":       "l.md:2: math: col 3: unknown command \\foo",
		"> $$\n> a\n> b \\foo\n> $$\n": "l.md:3: math: col 5: unknown command \\foo",
	} {
		if _, _, errs := renderDoc(t, src); len(errs) != 1 || errs[0] != want {
			t.Errorf("%q: %q, want %q", src, errs, want)
		}
	}
}

// An inline formula over two lines of a quote or a list is the TeX of its
// lines, without the quote's > or the item's indentation, and a mistake
// in it is reported at its own line and column.
func TestInlineMathOverLines(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"> Show that $f(x) =\n> x^2$ is convex.\n": "f(x) =\nx^2",
		"- In a list $a +\n  b$ here.\n":           "a +\nb",
		">> Deep $a\n>> b$.\n":                     "a\nb",
	} {
		_, d, errs := renderDoc(t, src)
		if errs != nil {
			t.Errorf("%q: %v", src, errs)
		}
		var got []string
		ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if m, ok := n.(*mathNode); ok && entering {
				got = append(got, string(m.tex[m.open:len(m.tex)-m.close]))
			}
			return ast.WalkContinue, nil
		})
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: formulas %q, want %q", src, got, want)
		}
	}
	_, _, errs := renderDoc(t, "> A $b +\n> c + \\lamda$ d.\n")
	if want := `l.md:2: math: col 7: unknown command \lamda (write \lambda)`; len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q, want %q", errs, want)
	}
}
