package lesson

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// Only a field printed as it is, or tested bare, may be spliced; every
// other use keeps the usual printing.
func TestVerbatim(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"printed", `<div>{{.Content}}</div>`, true},
		{"from the root", `{{range .Items}}{{$.Content}}{{end}}`, true},
		{"tested, then printed", `{{if .Content}}<div>{{.Content}}</div>{{else}}none{{end}}`, true},
		{"with, dot printed", `{{with .Content}}<div>{{.}}</div>{{end}}`, true},
		{"in a template called with dot", `{{template "x" .}}{{define "x"}}<p>{{.Content}}</p>{{end}}`, true},
		{"another item's field", `{{range .Items}}{{.Content}}{{end}}`, true},
		{"not mentioned", `<p>{{.Title}}</p>`, true},
		{"length", `{{len .Content}}`, false},
		{"compared", `{{if eq .Content "x"}}x{{end}}`, false},
		{"in an attribute", `<a title="{{.Content}}">a</a>`, false},
		{"in a script", `<script>var c = {{.Content}};</script>`, false},
		{"in a textarea", `<textarea>{{.Content}}</textarea>`, false},
		{"in a variable", `{{$c := .Content}}{{$c}}`, false},
		{"through printf", `{{printf "%s" .Content}}`, false},
		{"a deeper path", `{{.Section.Content}}`, false},
		{"with, dot measured", `{{with .Content}}{{.}}{{len .}}{{end}}`, false},
		{"with, dot passed on", `{{with .Content}}{{template "x" .}}{{end}}{{define "x"}}{{.}}{{end}}`, false},
		{"with, dot ranged", `{{with .Content}}{{range .}}{{.}}{{end}}{{end}}`, false},
		{"passed to a template", `{{template "x" .Content}}{{define "x"}}{{.}}{{end}}`, false},
		{"in a called template's attribute", `{{template "x" .}}{{define "x"}}<a href="{{.Content}}">a</a>{{end}}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := template.Must(template.New("page").Parse(c.src))
			data := struct {
				Title, Content string
				Items          []struct{ Content string }
				Section        struct{ Content string }
			}{Title: "T", Content: "C", Items: []struct{ Content string }{{"i"}}}
			set.Execute(io.Discard, data) // escapes the templates, as a build's first page does
			if got := verbatim(set, "page", map[string]string{"Content": htmlAsIs}); got != c.want {
				t.Errorf("verbatim(%s) = %v, want %v", c.src, got, c.want)
			}
		})
	}
}

func TestSplice(t *testing.T) {
	values := []string{"<p>body</p>", "{\"a\":1}"}
	for _, c := range []struct {
		name, out, want string
		ok              bool
	}{
		{"none", "<html></html>", "<html></html>", true},
		{"each", "a" + placeholder(0) + "b" + placeholder(1) + "c", "a<p>body</p>b{\"a\":1}c", true},
		{"twice", placeholder(0) + placeholder(0), "<p>body</p><p>body</p>", true},
		{"escaped trace", "a" + placeholder(0) + "descent-splice:0\uFFFD", "", false},
		{"index out of range", placeholder(2), "", false},
		{"no index", spliceMark + "\x00", "", false},
		{"unterminated", spliceMark + "0", "", false},
		{"not a number", spliceMark + "x\x00", "", false},
		{"signed", spliceMark + "+1\x00", "", false},
		{"padded", spliceMark + "01\x00", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			ok := splice(&b, []byte(c.out), values)
			if ok != c.ok || ok && b.String() != c.want {
				t.Errorf("splice(%q) = %q, %v; want %q, %v", c.out, b.String(), ok, c.want, c.ok)
			}
		})
	}
}

// A theme that does more with .Content than print it gets the page it
// would have had without splicing: the length is the body's, and a dump of
// the whole page data shows the body escaped, not a placeholder.
func TestSpliceUnusualTheme(t *testing.T) {
	for _, tm := range []string{
		`{{define "main"}}<start>{{.Content}}<end><p id="n">{{len .Content}}</p>{{end}}`,
		`{{define "main"}}<start>{{.Content}}<end><p id="n">0</p><pre>{{.}}</pre>{{end}}`,
	} {
		layouts := fstest.MapFS{"lesson.html": {Data: []byte(tm)}}
		out := filepath.Join(t.TempDir(), "out")
		course := lessonCourse("---\ntitle: L\n---\nSome *text* & more.\n")
		course["s/other.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Other\n---\nOther <text>.\n")}
		if _, err := Build(context.Background(), Options{Content: course, Layouts: layouts, Out: out}); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"s/lesson/index.html", "s/other/index.html", "s/neighbour/index.html"} {
			b, err := os.ReadFile(filepath.Join(out, page))
			if err != nil {
				t.Fatal(err)
			}
			html := string(b)
			if strings.Contains(html, "descent-splice") {
				t.Errorf("%s holds a placeholder", page)
			}
			m := regexp.MustCompile(`(?s)<start>(.*)<end><p id="n">(\d+)</p>`).FindStringSubmatch(html)
			if m == nil {
				t.Fatalf("%s: no content or length in\n%s", page, html)
			}
			if n, _ := strconv.Atoi(m[2]); strings.Contains(tm, "len .Content") && n != len(m[1]) {
				t.Errorf("%s: len .Content = %d, but the content printed is %d bytes", page, n, len(m[1]))
			}
			if strings.Contains(tm, "{{.}}") && !strings.Contains(html, template.HTMLEscapeString(m[1])) {
				t.Errorf("%s: the dump of the page data does not show the content escaped", page)
			}
		}
	}
}

// The built-in theme splices every page and figure of the sample course,
// and the pages are what printing gives.
func TestSpliceBuiltInTheme(t *testing.T) {
	th, err := loadTheme(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	page, fig := th.kinds["lesson"], th.figure
	page.ExecuteTemplate(io.Discard, "base", PageData{Kind: "lesson"})
	fig.ExecuteTemplate(io.Discard, "figure", FigureData{})
	if !verbatim(page, "base", map[string]string{"Content": htmlAsIs}) {
		t.Error("the built-in lesson page does not splice its content")
	}
	if !verbatim(fig, "figure", th.figureSplice.escapers) {
		t.Error("the built-in figure does not splice its SVG and data")
	}
}

// splice either refuses or gives what replacing each placeholder by its
// value gives, and never reads past its input.
func FuzzSplice(f *testing.F) {
	f.Add([]byte("a"+placeholder(0)+"b"+placeholder(1)+"c"), "<p>x</p>", "{}")
	f.Add([]byte(placeholder(1)+spliceMark+"7\x00"+spliceCore), "", "y")
	f.Add([]byte(spliceMark), "v", "w")
	f.Fuzz(func(t *testing.T, out []byte, v0, v1 string) {
		var b bytes.Buffer
		if !splice(&b, out, []string{v0, v1}) {
			return
		}
		want := strings.NewReplacer(placeholder(0), v0, placeholder(1), v1).Replace(string(out))
		if b.String() != want {
			t.Errorf("splice(%q) = %q, want %q", out, b.String(), want)
		}
	})
}
