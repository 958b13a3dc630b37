package markup

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

func readFormulas(t testing.TB) []string {
	f, err := os.Open("testdata/formulas.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if line := strings.TrimSpace(s.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// TestFormulas converts a hundred formulas from optimization course notes
// (matrices, aligned, \mathbf, \frac, \sqrt, \left…\right, sums with limits,
// \operatorname, accents) and checks that each converts, and converts to the
// same bytes every time (treeblood, the converter before ours, did not).
func TestFormulas(t *testing.T) {
	t.Parallel()
	formulas := readFormulas(t)
	if len(formulas) < 100 {
		t.Fatalf("%d formulas, want at least 100", len(formulas))
	}
	for _, tex := range formulas {
		first, err := convertTeX(tex, true)
		if err != nil {
			t.Errorf("%s: %v", tex, err)
			continue
		}
		if strings.Contains(first, "&amp;") || strings.Contains(first, "merror") {
			t.Errorf("%s: bad MathML %s", tex, first)
		}
		for range 20 {
			if again, _ := convertTeX(tex, true); again != first {
				t.Errorf("%s: two conversions differ", tex)
				break
			}
		}
	}
}

func TestFormulaErrors(t *testing.T) {
	t.Parallel()
	for tex, want := range map[string]string{
		`\foo{x}`:                 `math: unknown command \foo`,
		`\lamda`:                  `math: unknown command \lamda (write \lambda)`,
		`\R^n`:                    `math: unknown command \R (write \mathbb{R})`,
		`\newcommand{\a}{b}`:      `math: unknown command \newcommand (write the formula out)`,
		`\def\a{b}`:               `math: unknown command \def (write the formula out)`,
		`\color{red} x`:           `math: unknown command \color (write the formula without color)`,
		`\textcolor{red}{x}`:      `math: unknown command \textcolor (write the formula without color)`,
		`\class{a"b}{x}`:          `math: unknown command \class`,
		`\href{javascript:x}{y}`:  `math: unknown command \href (write a Markdown link outside the formula)`,
		`\text{\foo}`:             `math: unknown command \foo in \text`,
		`\begin{foo} x \end{foo}`: `math: unknown environment foo`,
		`\left( x`:                `math: \left without \right`,
		`x^a^b`:                   `math: double superscript; add braces: {x^a}^b`,
		`a & b`:                   `math: & outside a table; use it in \begin{aligned} or a matrix`,
		`\frac{1}`:                `math: \frac needs an argument`,
		` `:                       `math: empty formula`,
		`{x`:                      `math: { without }`,
		`x}`:                      `math: } without a matching opening`,
		strings.Repeat("x", 4001): `math: the formula is 4001 bytes long, over the limit of 4000; split it`,
		strings.Repeat("{", 1000) + "x" + strings.Repeat("}", 1000):        `math: the formula nests 1000 levels deep, over the limit of 40`,
		strings.Repeat(`\sqrt`, 500) + "x":                                 `math: the formula nests 500 levels deep, over the limit of 40`,
		strings.Repeat(`\left(`, 41) + "x" + strings.Repeat(`\right)`, 41): `math: the formula nests 41 levels deep, over the limit of 40`,
		strings.Repeat(`\frac{1}{`, 41) + "x" + strings.Repeat(`}`, 41):    `math: the formula nests 41 levels deep, over the limit of 40`,
	} {
		if _, err := convertTeX(tex, false); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", tex, err, want)
		}
	}
}

func BenchmarkFormulas(b *testing.B) {
	formulas := readFormulas(b)
	for b.Loop() {
		for _, tex := range formulas {
			convertTeX(tex, true)
		}
	}
}

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

// A row of symbols is not a nest: \alpha\alpha… takes no argument. A
// chain of commands that take others as their arguments is, and the
// MathML's depth is checked whatever the TeX looks like.
func TestDepthOfARow(t *testing.T) {
	t.Parallel()
	row := strings.Repeat(`\alpha`, 45) + strings.Repeat(`\sum`, 45) + strings.Repeat(`\quad`, 45)
	if _, err := New(false).Formula(row, false); err != nil {
		t.Errorf("a row of 135 symbols: %v", err)
	}
	if _, err := New(false).Formula(strings.Repeat(`\sqrt\alpha`, 100), false); err != nil {
		t.Errorf("\\sqrt\\alpha a hundred times: %v", err)
	}
	for _, tex := range []string{strings.Repeat(`\binom\alpha`, 330) + `\beta`, strings.Repeat(`\frac\alpha`, 360) + " x", strings.Repeat(`\frac1`, 660) + "x"} {
		_, err := New(false).Formula(tex, false)
		if err == nil || !strings.Contains(err.Error(), "MathML nests") {
			t.Errorf("%.24s…: %v", tex, err)
		}
	}
}
