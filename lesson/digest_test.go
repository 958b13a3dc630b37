package lesson

import (
	"regexp"
	"testing"
)

func TestDigestFigure(t *testing.T) {
	t.Parallel()
	digest := regexp.MustCompile(` data-digest="[0-9a-f]{8}-[0-9a-f]+"`)
	for _, tt := range []struct{ in, want string }{
		{`<figure class="landscape" id="a">x</figure>`, `<figure data-digest class="landscape" id="a">x</figure>`},
		{"\n<!-- a theme's note -->\n<div class=\"landscape-family\">", "\n<!-- a theme's note -->\n<div data-digest class=\"landscape-family\">"},
		{`<my-figure2>`, `<my-figure2 data-digest>`},
		{`no markup`, `no markup`},
		{`a < b`, `a < b`},
		{``, ``},
	} {
		got := digest.ReplaceAllString(string(digestFigure([]byte(tt.in))), " data-digest")
		if got != tt.want {
			t.Errorf("digestFigure(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a, b := digestFigure([]byte(`<figure>one</figure>`)), digestFigure([]byte(`<figure>two</figure>`))
	if string(a) == string(b) || string(a) != string(digestFigure([]byte(`<figure>one</figure>`))) {
		t.Errorf("digests: %s and %s; the same HTML must have the same, another another", a, b)
	}
}
