package lesson

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// A page's title and description may hold $…$ formulas: MathML in its
// heading and lead, Unicode text wherever markup cannot go (the <title>,
// the meta description, links to the page, the search index).
func TestFrontMatterMath(t *testing.T) {
	t.Parallel()
	content := fstest.MapFS{
		"site.yaml":   {Data: []byte("title: 'Descent, $\\nabla$ first'\n")},
		"_index.md":   {Data: []byte("---\ntitle: Home\n---\n")},
		"s/_index.md": {Data: []byte("---\ntitle: The $\\beta$ chapter\ndescription: It costs \\$5, or $20 and $30.\n---\n")},
		"s/a.md":      {Data: []byte("---\ntitle: Nesterov's $O(1/k^2)$ rate\ndescription: A look-ahead, $y_k$.\n---\nText.\n")},
		"s/b.md":      {Data: []byte("---\ntitle: Next <b>\n---\nText.\n")},
		"s/c.md":      {Data: []byte("---\ntitle: 'A $\\left(\\frac{\\beta}{2}\\right)$ bound'\n---\nText.\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a, b, s := read("s/a/index.html"), read("s/b/index.html"), read("s/index.html")
	for _, c := range []struct{ page, name, want string }{
		{a, "a's <title>", "<title>Nesterov&#39;s O(1/k²) rate — Descent, ∇ first</title>"},
		{a, "a's heading", `<h1>Nesterov&#39;s <math display="inline"><mrow><mi>O</mi>`},
		{a, "a's lead", `<p class="lead">A look-ahead, <math display="inline"><mrow><msub><mi>y</mi><mi>k</mi></msub></mrow></math>.</p>`},
		{a, "a's meta description", `<meta name="description" content="A look-ahead, yₖ.">`},
		{b, "the link from b", `<span class="pager-title">Nesterov&#39;s O(1/k²) rate</span>`},
		{b, "b's heading, escaped", "<h1>Next &lt;b&gt;</h1>"},
		{s, "the section's heading", `<h1>The <math display="inline"><mrow><mi>β</mi></mrow></math> chapter</h1>`},
		{s, "prices and an escaped dollar", `<p class="lead">It costs $5, or $20 and $30.</p>`},
		{read("search/index.js"), "the search index", `"Nesterov's O(1/k²) rate"`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s: no %q", c.name, c.want)
		}
	}
	// The title's formulas count for search by their symbols' names, not
	// by the rest of their commands.
	if idx := read("search/index.js"); !strings.Contains(idx, `"beta":`) || strings.Contains(idx, `"frac":`) || strings.Contains(idx, `"left":`) {
		t.Errorf("the search index's terms: %s", idx)
	}
	if strings.Contains(a, "$O") || strings.Contains(b, "$O") {
		t.Error("a title's TeX reached a page")
	}
}
