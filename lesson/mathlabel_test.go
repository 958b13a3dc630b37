package lesson

import (
	"strings"
	"testing"
)

// Math in a figure's title and labels: MathML in the caption, the legend
// and the table of final values, Unicode text in the SVG's title and the
// data.
func TestMathInFigureText(t *testing.T) {
	out, err := build(t, "-- site.yaml --\ntitle: T\n-- s/_index.md --\n---\ntitle: S\n---\n-- s/a.md --\n---\ntitle: A\n---\n"+
		"```landscape\ntitle: Step size $\\eta$\nfunction: quadratic\nstart: [1, 1]\nsteps: 3\nruns:\n  - optimizer: gd\n    lr: 0.1\n    label: $\\eta = 0.1$\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/a/index.html")
	caption := page[strings.Index(page, "<figcaption"):strings.Index(page, "</figcaption>")]
	if !strings.Contains(caption, "<math") || strings.Contains(caption, "$") {
		t.Errorf("caption without MathML: %s", caption)
	}
	table := page[strings.Index(page, "<tbody>"):strings.Index(page, "</tbody>")]
	if !strings.Contains(table, "<math") {
		t.Errorf("table label without MathML: %s", table)
	}
	legend := page[strings.Index(page, `<ul class="landscape-legend"`):]
	legend = legend[:strings.Index(legend, "</ul>")]
	if !strings.Contains(legend, "<math") || strings.Contains(legend, "$") {
		t.Errorf("legend label without MathML: %s", legend)
	}
	for _, want := range []string{"<title>Step size η</title>", `"label":"η = 0.1"`, `"title":"Step size η"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
