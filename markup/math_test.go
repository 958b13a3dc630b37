package markup

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
// same bytes every time (treeblood alone does not).
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
		`\foo{x}`:                 `math: unsupported command in "\\foo{x}"`,
		`\tfrac12`:                `math: \tfrac is not supported; use \frac`,
		`\dfrac{a}{b}`:            `math: \dfrac is not supported; use \frac`,
		`\newcommand{\a}{b}`:      `math: \newcommand is not supported; write the formula out`,
		`\def\a{b}`:               `math: \def is not supported; write the formula out`,
		`\color{red} x`:           `math: \color is not supported`,
		`\textcolor{red}{x}`:      `math: \textcolor is not supported`,
		`\class{a"b}{x}`:          `math: \class is not supported`,
		`\href{javascript:x}{y}`:  `math: \href is not supported`,
		` `:                       `math: empty formula`,
		`{x`:                      `math: cannot read "{x"`,
		`x}`:                      `math: cannot read "x}"`,
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
