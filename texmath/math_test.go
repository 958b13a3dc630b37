package texmath

import (
	"bufio"
	"os"
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
		first, err := MathML(tex, true)
		if err != nil {
			t.Errorf("%s: %v", tex, err)
			continue
		}
		if strings.Contains(first, "&amp;") || strings.Contains(first, "merror") {
			t.Errorf("%s: bad MathML %s", tex, first)
		}
		for range 20 {
			if again, _ := MathML(tex, true); again != first {
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
		if _, err := MathML(tex, false); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", tex, err, want)
		}
	}
}

func BenchmarkFormulas(b *testing.B) {
	formulas := readFormulas(b)
	for b.Loop() {
		for _, tex := range formulas {
			MathML(tex, true)
		}
	}
}

// A row of symbols is not a nest: \alpha\alpha… takes no argument. A
// chain of commands that take others as their arguments is, and the
// MathML's depth is checked whatever the TeX looks like.
func TestDepthOfARow(t *testing.T) {
	t.Parallel()
	row := strings.Repeat(`\alpha`, 45) + strings.Repeat(`\sum`, 45) + strings.Repeat(`\quad`, 45)
	if _, err := MathML(row, false); err != nil {
		t.Errorf("a row of 135 symbols: %v", err)
	}
	if _, err := MathML(strings.Repeat(`\sqrt\alpha`, 100), false); err != nil {
		t.Errorf("\\sqrt\\alpha a hundred times: %v", err)
	}
	for _, tex := range []string{strings.Repeat(`\binom\alpha`, 330) + `\beta`, strings.Repeat(`\frac\alpha`, 360) + " x", strings.Repeat(`\frac1`, 660) + "x"} {
		_, err := MathML(tex, false)
		if err == nil || !strings.Contains(err.Error(), "MathML nests") {
			t.Errorf("%.24s…: %v", tex, err)
		}
	}
}
