package lesson

import (
	"regexp"
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
