package lesson

import (
	"regexp"
	"strings"
	"testing"
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
		{"a figure inside", mark(`<figure id="f"><figure>in</figure></figure>`), all, mark(`<figure id="f"><figure>in</figure></figure>`)},
		{"a figure inside, in capitals", mark(`<figure id="f"><FIGURE>in</FIGURE></figure>`), all, mark(`<figure id="f"><FIGURE>in</FIGURE></figure>`)},
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
	} {
		if got := string(StubKept([]byte(tt.page), tt.keep)); got != tt.want {
			t.Errorf("%s: StubKept(%q) = %q, want %q", tt.name, tt.page, got, tt.want)
		}
	}
}

// FuzzStubKept: no page makes StubKept fail, and a figure around any
// content is either left as it is or replaced whole, the text around it
// kept.
func FuzzStubKept(f *testing.F) {
	for _, s := range []string{"x", "<figure>in</figure>", "</figure>", "<FIGURE", `data-digest="00000000-1"`, "<script>\"</figure>\"</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		StubKept([]byte(in), func(string) bool { return true })
		marked := string(digestHTML([]byte(`<figure id="f">` + in + `</figure>`)))
		page := "<p>before</p>" + marked + "<p>after</p>"
		got := string(StubKept([]byte(page), func(string) bool { return true }))
		if got == page {
			return
		}
		inner, ok := strings.CutPrefix(got, "<p>before</p>")
		inner, ok2 := strings.CutSuffix(inner, "<p>after</p>")
		if !ok || !ok2 || !regexp.MustCompile(`^<figure data-digest="[0-9a-f]{8}-[0-9a-f]+" data-descent-stub></figure>$`).MatchString(inner) {
			t.Fatalf("StubKept(%q) = %q: not the page, nor the figure replaced whole", page, got)
		}
		if regexp.MustCompile(`(?i)</?figure([^a-z0-9-]|$)`).MatchString(in) {
			t.Fatalf("a figure with a figure's tag inside was replaced: %q", in)
		}
	})
}
