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
		`\foo{x}`:            `math: unsupported command in "\\foo{x}"`,
		`\tfrac12`:           `math: \tfrac is not supported; use \frac`,
		`\newcommand{\a}{b}`: `math: \newcommand is not supported; use \frac`,
		` `:                  `math: empty formula`,
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
