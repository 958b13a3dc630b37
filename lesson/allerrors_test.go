package lesson

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const unknownRosenbrok = `content/s/lesson.md:8: function: unknown function "rosenbrok" (did you mean rosenbrock?); the catalog has quadratic, saddle, monkey-saddle, rosenbrock, himmelblau, beale, booth, matyas, goldstein-price, rastrigin, ackley, three-hump-camel, six-hump-camel, styblinski-tang, levi, mccormick, easom, plateau, sine-bowl, wiggle, or write an expression in x and y`

// TestEveryError: independent mistakes are reported together (issue #20:
// a front-matter error hid the directives' errors, a broken template the
// course's).
func TestEveryError(t *testing.T) {
	t.Parallel()
	badFigure := "```landscape\nfunction: rosenbrok\nstart: [0, 0]\nruns: [{optimizer: gd, lr: 0.1}]\n```\n"
	tests := []struct {
		name    string
		content fstest.MapFS
		layouts fstest.MapFS
		want    []string
	}{
		{"front matter and a directive", lessonCourse("---\ntitle: L\nweight: heavy\n---\nText.\n\n" + badFigure), nil, []string{
			`content/s/lesson.md:3: weight: expected a whole number, found the text "heavy"`,
			unknownRosenbrok,
		}},
		{"YAML syntax and a formula", lessonCourse("---\ntitle: [\n---\nText $\\foo$.\n"), nil, []string{
			`content/s/lesson.md:2: YAML: did not find expected node content`,
			`content/s/lesson.md:4: math: col 7: unknown command \foo`,
		}},
		{"a template and the course", lessonCourse("---\ntitle: L\ndraft: maybe\n---\nText.\n\n" + badFigure),
			fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}{{.Title}{{end}}`)}}, []string{
				`content/s/lesson.md:3: draft: expected true or false, found the text "maybe"`,
				unknownRosenbrok,
				`layouts/lesson.html:1: bad character U+007D '}'`,
			}},
		{"two templates", lessonCourse("---\ntitle: L\n---\nText.\n"),
			fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}{{.Title}{{end}}`)}, "home.html": {Data: []byte(`{{define "main"}}{{if}}{{end}}`)}}, []string{
				`layouts/home.html:1: missing value for if`,
				`layouts/lesson.html:1: bad character U+007D '}'`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Build(context.Background(), Options{Content: tt.content, Layouts: tt.layouts, Out: filepath.Join(t.TempDir(), "out")})
			if err == nil || err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%v\nwant\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTemplateErrorsAtFile: html/template's own errors name the file and,
// where it has one, the line, in one line of words.
func TestTemplateErrorsAtFile(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, tm, want string }{
		{"no such template", `{{define "main"}}{{template "nope" .}}{{end}}`, `layouts/lesson.html:1: no such template "nope"`},
		{"an attribute left open", `{{define "main"}}<a href="{{.Title}}{{end}}`, `layouts/lesson.html: in template "base": "\"" in attribute name: "site-footer\">\n<p><a href=\""`},
		{"a script left open", "{{define \"main\"}}\n\n<script>var x = '{{.Title}}</script>{{end}}", `layouts/lesson.html: in template "base": the page's HTML is left open at the end of a template: an element, an attribute, a quoted value or a script is not closed`},
		{"an unknown function", `{{define "main"}}{{.Title | nofunc}}{{end}}`, `layouts/lesson.html:1: function "nofunc" not defined`},
		{"a failing call", "{{define \"main\"}}\n{{len 3}}{{end}}", `layouts/lesson.html:2: executing "main" at <len 3>: error calling len: len of type int`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Build(context.Background(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"),
				Layouts: fstest.MapFS{"lesson.html": {Data: []byte(tt.tm)}}, Out: filepath.Join(t.TempDir(), "out")})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}
