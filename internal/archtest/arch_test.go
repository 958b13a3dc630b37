// Package archtest checks the project's architecture (README: Architecture):
// imports run one way, and figure stays fit for the browser.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// layer of each package: a package may import only packages of a lower
// layer. Packages not listed (bench, internal) are tools and may import any.
var layer = map[string]int{
	"descent/cmd/build": 5, "descent/cmd/serve": 5,
	"descent/lesson": 4,
	"descent/figure": 3, "descent/store": 3, "descent/markup": 3, "descent/quiz": 3, "descent/search": 3,
	"descent/optim": 2, "descent/svgviz": 2, "descent/yamlnode": 2, "descent/layouts": 2, "descent/bib": 2,
	"descent/optim/pmath": 1, "descent/diag": 1, "descent/highlight": 1, "descent/plainmath": 1,
	"descent/texmath": 0, "descent/jsonnum": 0,
}

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

func TestImportsRunOneWay(t *testing.T) {
	for pkg, l := range layer {
		for _, imp := range goList(t, "-f", `{{join .Imports " "}}`, pkg) {
			if il, ours := layer[imp]; ours && il >= l {
				t.Errorf("%s imports %s, which is not below it", pkg, imp)
			} else if !ours && strings.HasPrefix(imp, "descent/") {
				t.Errorf("%s imports %s, which has no place in the layers", pkg, imp)
			}
		}
	}
}

// TestFigureDeps keeps the figure package free of what the browser build
// cannot or should not carry.
func TestFigureDeps(t *testing.T) {
	for _, dep := range goList(t, "-deps", "descent/figure") {
		for _, bad := range []string{"github.com/yuin/goldmark", "html/template", "os/exec", "descent/lesson", "descent/store", "descent/markup"} {
			if dep == bad || strings.HasPrefix(dep, bad+"/") {
				t.Errorf("descent/figure depends on %s", dep)
			}
		}
	}
}
