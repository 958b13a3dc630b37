package lesson

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDigestHTML(t *testing.T) {
	t.Parallel()
	digest := regexp.MustCompile(` data-digest="[0-9a-f]{8}-[0-9a-f]+"`)
	for _, tt := range []struct{ in, want string }{
		{`<figure class="landscape" id="a">x</figure>`, `<figure data-digest class="landscape" id="a">x</figure>`},
		{"\n<!-- a theme's note -->\n<div class=\"landscape-family\">", "\n<!-- a theme's note -->\n<div data-digest class=\"landscape-family\">"},
		{`<my-figure2>`, `<my-figure2 data-digest>`},
		{"<!-- <figure> in a note --><figure>", "<!-- <figure> in a note --><figure data-digest>"},
		{"<style>figure { } <b></style>\n<figure id=\"f\">", "<style>figure { } <b></style>\n<figure data-digest id=\"f\">"},
		{"<STYLE>x</Style><div>", "<STYLE>x</Style><div data-digest>"},
		{"<!DOCTYPE html><p>", "<!DOCTYPE html><p data-digest>"},
		{"<!-- never closed <figure>", "<!-- never closed <figure>"},
		{"<script>never closed <figure>", "<script>never closed <figure>"},
		{`no markup`, `no markup`},
		{`a < b`, `a < b`},
		{``, ``},
	} {
		got := digest.ReplaceAllString(string(digestHTML([]byte(tt.in))), " data-digest")
		if got != tt.want {
			t.Errorf("digestHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a, b := digestHTML([]byte(`<figure>one</figure>`)), digestHTML([]byte(`<figure>two</figure>`))
	if string(a) == string(b) || string(a) != string(digestHTML([]byte(`<figure>one</figure>`))) {
		t.Errorf("digests: %s and %s; the same HTML must have the same, another another", a, b)
	}
}

func TestStubKept(t *testing.T) {
	t.Parallel()
	mark := func(s string) string { return string(digestHTML([]byte(s))) }
	value := regexp.MustCompile(`data-digest="([^"]*)"`)
	digestOf := func(s string) string { return value.FindStringSubmatch(s)[1] }
	fig := mark(`<figure class="landscape" id="f"><svg><path d="M0 0"/></svg><script type="application/json">{"a":1}</script></figure>`)
	other := mark(`<figure class="landscape" id="g"><p>two</p></figure>`)
	quiz := mark(`<form class="quiz"><fieldset><label><input type="radio">a</label></fieldset></form>`)
	stub := func(name, marked string) string {
		return `<` + name + ` data-digest="` + digestOf(marked) + `" data-descent-stub></` + name + `>`
	}
	all := func(string) bool { return true }
	for _, tt := range []struct {
		name, page string
		keep       func(string) bool
		want       string
	}{
		{"a figure the tab has", "<p>a</p>\n" + fig + "\n<p>b</p>", all, "<p>a</p>\n" + stub("figure", fig) + "\n<p>b</p>"},
		{"one of two", fig + other, func(d string) bool { return d == digestOf(other) }, fig + stub("figure", other)},
		{"both, and a quiz", fig + "<p>x</p>" + other + quiz, all, stub("figure", fig) + "<p>x</p>" + stub("figure", other) + stub("form", quiz)},
		{"one the tab has not", fig, func(string) bool { return false }, fig},
		{"changed after it was marked", strings.Replace(fig, `{"a":1}`, `{"a":2}`, 1), all, strings.Replace(fig, `{"a":1}`, `{"a":2}`, 1)},
		{"cut short", fig[:len(fig)-3], all, fig[:len(fig)-3]},
		{"the value cut short", `<figure data-digest="0123`, all, `<figure data-digest="0123`},
		{"a figure inside", mark(`<figure id="f"><figure>in</figure></figure>`), all, stub("figure", mark(`<figure id="f"><figure>in</figure></figure>`))},
		{"a figure inside, in capitals", mark(`<figure id="f"><FIGURE>in</Figure></figure>`), all, stub("figure", mark(`<figure id="f"><FIGURE>in</Figure></figure>`))},
		{"a figure opened inside", mark(`<figure id="f"><figure>in</figure>`), all, mark(`<figure id="f"><figure>in</figure>`)},
		{"an element left open", mark(`<figure><p>x</figure>`), all, mark(`<figure><p>x</figure>`)},
		{"an open table", mark(`<figure><table><tr><td>x</figure>`), all, mark(`<figure><table><tr><td>x</figure>`)},
		{"another's end tag", mark(`<figure><div>x</span></div></figure>`), all, mark(`<figure><div>x</span></div></figure>`)},
		{"a family of figures, SVG inside", mark(`<div class="family"><div><figure><svg><path d="M0 0"/><g><title>t</title></g></svg><br><input type=range></figure></div></div>`), all,
			stub("div", mark(`<div class="family"><div><figure><svg><path d="M0 0"/><g><title>t</title></g></svg><br><input type=range></figure></div></div>`))},
		{"an end tag inside", mark(`<figure id="f">a</figure>b</figure>`), all, mark(`<figure id="f">a</figure>b</figure>`)},
		{"a note before its tag", mark(`<!-- note --><figure id="f">x</figure>`), all, mark(`<!-- note --><figure id="f">x</figure>`)},
		{"line breaks around it", "<p>a</p>" + mark("\n<figure id=\"f\">x</figure>\n") + "<p>", all, "<p>a</p>\n" + stub("figure", mark("\n<figure id=\"f\">x</figure>\n")) + "\n<p>"},
		{"a line break after its end tag", mark("<figure id=\"f\">x</figure>\n") + "<p>", all, stub("figure", mark("<figure id=\"f\">x</figure>\n")) + "\n<p>"},
		{"text after its end tag", mark("<figure id=\"f\">x</figure>\nt"), all, mark("<figure id=\"f\">x</figure>\nt")},
		{"a figcaption is no figure", mark(`<figure><figcaption>c</figcaption></figure>`), all, stub("figure", mark(`<figure><figcaption>c</figcaption></figure>`))},
		{"a made-up digest", `<figure data-digest="00000000-10">0123456789</figure>`, all, `<figure data-digest="00000000-10">0123456789</figure>`},
		{"a digest that is no number", `<figure data-digest="zzzzzzzz-1"></figure>`, all, `<figure data-digest="zzzzzzzz-1"></figure>`},
		{"a huge length", `<figure data-digest="00000000-ffffffffffff"></figure>`, all, `<figure data-digest="00000000-ffffffffffff"></figure>`},
		{"no tag before it", ` data-digest="00000000-1"`, all, ` data-digest="00000000-1"`},
		{"nothing marked", "<p>plain</p>", all, "<p>plain</p>"},
		// Content after which the browser's parser is elsewhere than
		// where it began: the end tag would not end the element.
		{"a textarea never closed", mark(`<form><textarea>x</form>`), all, mark(`<form><textarea>x</form>`)},
		{"a comment never closed", mark(`<form><!-- x</form>`), all, mark(`<form><!-- x</form>`)},
		{"a script never closed", mark(`<figure><script>x</figure>`), all, mark(`<figure><script>x</figure>`)},
		{"a quote never closed", mark(`<figure><div title="x></figure>`), all, mark(`<figure><div title="x></figure>`)},
		{"a quote never closed in the start tag", mark(`<figure title="x></figure>`), all, mark(`<figure title="x></figure>`)},
		{"plain text to the end", mark(`<figure><plaintext></figure>`), all, mark(`<figure><plaintext></figure>`)},
		{"a style sheet inside", mark(`<figure><link rel="stylesheet" href="f.css"></figure>`), all, mark(`<figure><link rel="stylesheet" href="f.css"></figure>`)},
		{"a script loaded inside", mark(`<figure><script src="f.js"></script></figure>`), all, mark(`<figure><script src="f.js"></script></figure>`)},
		// Closed, and so whole.
		{"its tag's name in a script", mark(`<figure><script type="application/json">{"a":"</figure>"}</script></figure>`), all,
			stub("figure", mark(`<figure><script type="application/json">{"a":"</figure>"}</script></figure>`))},
		{"a > in a quoted value", mark(`<figure title="a>b"><p title='<figure>'>x</p><!-- </figure> --></figure>`), all,
			stub("figure", mark(`<figure title="a>b"><p title='<figure>'>x</p><!-- </figure> --></figure>`))},
		{"a closed textarea", mark(`<form><textarea>a</form></TEXTAREA ><p>b</p></form>`), all, stub("form", mark(`<form><textarea>a</form></TEXTAREA ><p>b</p></form>`))},
	} {
		if got := string(StubKept([]byte(tt.page), tt.keep)); got != tt.want {
			t.Errorf("%s: StubKept(%q) = %q, want %q", tt.name, tt.page, got, tt.want)
		}
	}
}

// FuzzStubKept: no page makes StubKept fail, and a figure around any
// content is either left as it is or replaced whole, the text around it
// kept, where the browser's parser (golang.org/x/net/html's, the HTML
// standard's) ends the figure just there too.
func FuzzStubKept(f *testing.F) {
	for _, s := range []string{"x", "<figure>in</figure>", "</figure>", "<FIGURE", `data-digest="00000000-1"`, "<script>\"</figure>\"</script>",
		"<table><tr><td>x", "<!-- x", "<textarea>", `<p title="a>b">`, "<svg><path/></svg>", "<select><option>a</select>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		StubKept([]byte(in), func(string) bool { return true })
		marked := string(digestHTML([]byte(`<figure id="f">` + in + `</figure>`)))
		page := "<!doctype html><html><head></head><body><p>before</p>" + marked + "<p>after</p></body></html>"
		got := string(StubKept([]byte(page), func(string) bool { return true }))
		if got == page {
			return
		}
		inner, ok := strings.CutPrefix(got, "<!doctype html><html><head></head><body><p>before</p>")
		inner, ok2 := strings.CutSuffix(inner, "<p>after</p></body></html>")
		if !ok || !ok2 || !regexp.MustCompile(`^<figure data-digest="[0-9a-f]{8}-[0-9a-f]+" data-descent-stub></figure>$`).MatchString(inner) {
			t.Fatalf("StubKept(%q) = %q: not the page, nor the figure replaced whole", page, got)
		}
		if kids := bodyChildren(t, page); kids != "p(before) figure p(after)" {
			t.Fatalf("stubbed %q, where the browser's parser makes the body %s", in, kids)
		}
	})
}

// bodyChildren describes the children of page's body as the HTML
// standard's parser makes them: each element's name, and a paragraph's
// text in brackets.
func bodyChildren(t *testing.T, page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
			break
		}
	}
	var kids []string
	for c := range body.ChildNodes() {
		switch {
		case c.Type == html.ElementNode && c.Data == "p" && c.FirstChild != nil && c.FirstChild == c.LastChild && c.FirstChild.Type == html.TextNode:
			kids = append(kids, "p("+c.FirstChild.Data+")")
		case c.Type == html.ElementNode:
			kids = append(kids, c.Data)
		default:
			kids = append(kids, fmt.Sprintf("node %d", c.Type))
		}
	}
	return strings.Join(kids, " ")
}

// Every figure and quiz the built-in theme makes can be stubbed: else a
// swap would fetch them whole again, and only be slower.
func TestStubKeptTheme(t *testing.T) {
	t.Parallel()
	site := &MemorySite{}
	if _, err := Build(context.Background(), Options{Content: courseFS(smallCourse), Memory: site, Cache: &Cache{}, LiveReload: true}); err != nil {
		t.Fatal(err)
	}
	marked := 0
	err := fs.WalkDir(site.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := fs.ReadFile(site.FS(), p)
		n := strings.Count(string(page), " data-digest=")
		marked += n
		if stubs := strings.Count(string(StubKept(page, func(string) bool { return true })), " data-descent-stub>"); stubs != n {
			t.Errorf("%s: %d of %d figures and quizzes stubbed", p, stubs, n)
		}
		return err
	})
	if err != nil || marked == 0 {
		t.Fatalf("%v; %d marked", err, marked)
	}
}
