package lesson

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// bookArchive is the nested test book (testdata/book.txtar).
func bookArchive(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBook: every link, reference, number and navigation entry of the
// three-level book lands where it should.
func TestBook(t *testing.T) {
	t.Parallel()
	out, err := build(t, bookArchive(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"index.html": {
			`<a href="preface/">preface</a>`, `<a href="foundations/loss/">the loss</a>`,
			`<li><a href="foundations/gradients/">Gradients</a></li>`,
		},
		"preface/index.html": {
			`<a class="citation" href="#ref-polyak1964">Polyak (1964)</a>`,
			`<a class="citation" href="#ref-kingma2015">Kingma and Ba (2015)</a>`,
			`<a href="../foundations/">Foundations</a>`,
			`<li id="ref-kingma2015">Kingma, D. P. and Ba, J. (2015). Adam: A Method for Stochastic Optimization. <em>International Conference on Learning Representations</em>. <a href="https://arxiv.org/abs/1412.6980">https://arxiv.org/abs/1412.6980</a></li>`,
			`<a class="pager-next" rel="next" href="../foundations/loss/">`,
		},
		"foundations/loss/index.html": {
			`<h2 id="sec-mse">Mean squared error</h2>`,
			`<div class="math-display" id="eq-mse">`, `<mtext>(1)</mtext>`, `<mtext>(2)</mtext>`,
			`<a class="xref" href="#eq-mse">Equation (1)</a>`,
			`<a href="../../foundations/gradients/gd/">gradient descent</a>`, `<a href="#eq-grad">the gradient</a>`,
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
			`<div class="callout callout-note" role="note">` + "\n" + `<p class="callout-title">Note</p>`,
			"<dt>Loss</dt>\n<dd>what the model gets wrong, as one number.</dd>",
			`<li class="toc-h2"><a href="#sec-gradient">The gradient, <math display="inline"><mrow><mi mathvariant="normal">∇</mi><mi>L</mi></mrow></math></a></li>`,
			`<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="../../foundations/">Foundations</a></li></ol></nav>`,
			`<a class="pager-prev" rel="prev" href="../../preface/">`,
		},
		"foundations/gradients/gd/index.html": {
			`<a class="xref" href="../../../foundations/loss/#eq-mse">Equation (1) in The loss</a>`,
			`<a class="xref" href="#fig-bowl">Figure 1</a>`, `<a class="xref" href="#walk">Figure 2</a>`,
			`<img src="../../../foundations/gradients/bowl.svg"`,
			`<figcaption><span class="figure-number">Figure 1</span> A bowl`,
			`<figcaption id="walk-caption"><span class="figure-number">Figure 2</span>`,
			`<a href="../../../foundations/loss/#sec-mse">the loss</a>`,
			`<div class="callout callout-warning" role="note">`,
			`<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="../../../foundations/">Foundations</a></li><li><a href="../../../foundations/gradients/">Gradients</a></li></ol></nav>`,
			`<li class="nav-sub open"><a href="../../../foundations/gradients/">Gradients</a>`,
			`<li><a href="../../../foundations/gradients/gd/" aria-current="page">Gradient descent</a></li>`,
			`<a class="pager-prev" rel="prev" href="../../../foundations/loss/">`,
			`<a class="pager-next" rel="next" href="../../../foundations/gradients/momentum/">`,
		},
		"foundations/gradients/momentum/index.html": {
			`(<a class="citation" href="#ref-polyak1964">Polyak, 1964</a>; <a class="citation" href="#ref-nesterov1983">Nesterov, 1983</a>)`,
			`<a class="xref" href="../../../foundations/gradients/gd/#eq-step">Equation (1) in Gradient descent</a>`,
			`<a href="../../../foundations/gradients/gd/#fig-bowl">the figure</a>`,
			`<li id="ref-nesterov1983">Nesterov, Y. (1983). A method for solving the convex programming problem with convergence rate <math display="inline"><mrow><mi>O</mi>`,
			`<a class="pager-next" rel="next" href="../../../adaptive/adam/">`,
		},
		"foundations/gradients/index.html": {
			`<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="../../foundations/">Foundations</a></li></ol></nav>`,
			`<li class="nav-sub open"><a href="../../foundations/gradients/" aria-current="page">Gradients</a>`,
		},
		"foundations/index.html": {`<h2 class="lesson-list-title">Sections</h2>`, `<li><a href="../foundations/gradients/">Gradients</a></li>`},
		"references/index.html": {
			`<li id="ref-kingma2015">Kingma, D. P. and Ba, J. (2015).`,
			`<span class="cited-in">Cited in <a href="../preface/">Preface</a>, <a href="../adaptive/adam/">Adam</a>.</span>`,
			`<span class="cited-in">Cited in <a href="../preface/">Preface</a>, <a href="../foundations/gradients/momentum/">Momentum</a>.</span>`,
			`<li class="nav-section nav-references"><a class="nav-section-title" href="../references/" aria-current="page">References</a></li>`,
		},
		"adaptive/adam/index.html": {
			`<p class="all-references"><a href="../../references/">All the course's references</a></p>`,
			`<a class="xref" href="../../foundations/gradients/gd/#fig-bowl">Figure 1 in Gradient descent</a>`,
			`<a href="../../foundations/gradients/gd/">gradient descent</a>`,
			`<li class="toc-h2"><a href="#ref-list">References</a></li>`,
			`<div class="callout callout-caution" role="note">`, `<div class="callout callout-important" role="note">`,
		},
	}
	for page, wants := range want {
		got := readOut(t, out, page)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
	if got := readOut(t, out, "foundations/gradients/bowl.svg"); !strings.HasPrefix(got, "<svg") {
		t.Errorf("the image is not copied: %q", got)
	}
	if _, err := os.Stat(out + "/references.bib"); err == nil {
		t.Error("the bibliography is published")
	}
	sm := readOut(t, out, "sitemap.xml")
	order := []string{"/preface/", "/foundations/", "/foundations/loss/", "/foundations/gradients/", "/foundations/gradients/gd/", "/foundations/gradients/momentum/", "/adaptive/", "/adaptive/adam/", "/references/"}
	at := 0
	for _, u := range order {
		i := strings.Index(sm[at:], "<loc>https://example.org/book"+u+"</loc>")
		if i < 0 {
			t.Fatalf("sitemap: %s missing or out of order:\n%s", u, sm)
		}
		at += i
	}
}

// TestBookErrors: each kind of broken reference is an error at its line,
// naming what to fix.
func TestBookErrors(t *testing.T) {
	t.Parallel()
	const gd = "-- foundations/gradients/gd.md --"
	tests := []struct{ name, from, to, want string }{
		{"missing page", "[the loss](../loss.md#sec-mse)", "[the loss](../lost.md)",
			`content/foundations/gradients/gd.md:26: link to ../lost.md: no page of the course is at content/foundations/lost.md`},
		{"missing heading", "[the loss](../loss.md#sec-mse)", "[the loss](../loss.md#sec-nope)",
			`content/foundations/gradients/gd.md:26: link to ../loss.md#sec-nope: content/foundations/loss.md has no heading, figure or equation with this id`},
		{"missing anchor on the page", "[the gradient](#eq-grad)", "[the gradient](#eq-gard)",
			`content/foundations/loss.md:32: link to #eq-gard: the page has no heading, figure or equation with this id`},
		{"missing equation", "@eq-step diverge", "@eq-stop diverge",
			`content/foundations/gradients/gd.md:25: @eq-stop: no equation of the course has this label; label one with $$ … $$ {#eq-stop}`},
		{"missing figure", "and @fig-walk a run", "and @fig-run a run",
			`content/foundations/gradients/gd.md:9: @fig-run: no figure of the course has this label; give an image figure the id ({#fig-run}), or a landscape block id: run`},
		{"unknown citation", "[@polyak1964; @nesterov1983]", "[@polyak1964; @nesterow1983]",
			`content/foundations/gradients/momentum.md:5: @nesterow1983: unknown citation key; add it to references.bib, or write \@ for an @ sign`},
		{"locator on an equation", "@eq-step diverge", "[see @eq-step, p. 2] diverge",
			`content/foundations/gradients/gd.md:25: @eq-step: words after the key are for a citation of the bibliography, not a cross-reference; write [@eq-step] and put them outside the brackets`},
		{"a key in a locator", "[@polyak1964; @nesterov1983]", "[@polyak1964, cf. @nesterov1983]",
			`content/foundations/gradients/momentum.md:5: @nesterov1983: a citation inside the words after @polyak1964; separate citations with a semicolon ([@polyak1964; @nesterov1983]), or write \@ for an @ sign`},
		{"missing image", "](bowl.svg){#fig-bowl}", "](bowl.png){#fig-bowl}",
			`content/foundations/gradients/gd.md:11: image "bowl.png": there is no file content/foundations/gradients/bowl.png`},
		{"image outside", "](bowl.svg){#fig-bowl}", "](../../../bowl.svg){#fig-bowl}",
			`content/foundations/gradients/gd.md:11: image "../../../bowl.svg" leads outside the content folder`},
		{"duplicate id", "## The gradient, $\\nabla L$ {#sec-gradient}", "## The gradient {#sec-mse}",
			`content/foundations/loss.md:29: id: the id "sec-mse" is used at line 5 too; ids on a page must differ`},
		{"a heading of a cited entry's id", "> [!TIP]\n> Try", "## Ref polyak1964\n\n> [!TIP]\n> Try",
			`content/foundations/gradients/momentum.md:9: id: the id "ref-polyak1964" is the reference list's; give the heading another, as {#my-id}`},
		{"a heading of the reference list's id", "> [!TIP]\n> Try", "## Ref list\n\n> [!TIP]\n> Try",
			`content/foundations/gradients/momentum.md:9: id: the id "ref-list" is the reference list's; give the heading another, as {#my-id}`},
		{"a heading of a footnote's id", "> [!TIP]\n> Try", "## Notes {#fn:1}\n\n> [!TIP]\n> Try",
			`content/foundations/gradients/momentum.md:9: id: the id "fn:1" is a footnote's (fn: and fnref: are the footnotes'); choose another`},
		{"a heading of a second citation's id", "> [!TIP]\n> Try", "## Notes {#fnref2:1}\n\n> [!TIP]\n> Try",
			`content/foundations/gradients/momentum.md:9: id: the id "fnref2:1" is a footnote's (fn: and fnref: are the footnotes'); choose another`},
		{"link to a reference not cited", "[the figure](gd.md#fig-bowl)", "[the figure](#ref-kingma2015)",
			`content/foundations/gradients/momentum.md:7: link to #ref-kingma2015: the page has no heading, figure or equation with this id`},
		{"link to another page's reference list", "[the figure](gd.md#fig-bowl)", "[the figure](gd.md#ref-list)",
			`content/foundations/gradients/momentum.md:7: link to gd.md#ref-list: content/foundations/gradients/gd.md has no heading, figure or equation with this id`},
		{"link to a footnote the page lacks", "[the gradient](#eq-grad)", "[the note](#fn:2)",
			`content/foundations/loss.md:32: link to #fn:2: the page has no heading, figure or equation with this id`},
		{"link to another page's footnote it lacks", "[the figure](gd.md#fig-bowl)", "[the figure](gd.md#fn:1)",
			`content/foundations/gradients/momentum.md:7: link to gd.md#fn:1: content/foundations/gradients/gd.md has no heading, figure or equation with this id`},
		{"a javascript: link", "[the figure](gd.md#fig-bowl)", "[the figure](javascript:alert(1))",
			`content/foundations/gradients/momentum.md:7: link "javascript:alert(1)": a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address`},
		{"a javascript: autolink", "[the figure](gd.md#fig-bowl)", "<javascript:alert(1)>",
			`content/foundations/gradients/momentum.md:7: link "javascript:alert(1)": a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address`},
		{"a javascript: figure", "](bowl.svg){#fig-bowl}", "](JavaScript:alert(1)){#fig-bowl}",
			`content/foundations/gradients/gd.md:11: image "JavaScript:alert(1)": a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address`},
		{"a link that is no address", "[the figure](gd.md#fig-bowl)", "[the figure](gd%zz.md)",
			`content/foundations/gradients/momentum.md:7: link "gd%zz.md": invalid URL escape "%zz"; write a path of the course (a % as %25) or an http(s) address`},
		{"equation label without eq-", "$$ {#eq-grad}", "$$ {#grad}",
			`content/foundations/loss.md:15: {#grad}: an equation's label starts with eq-, such as {#eq-loss}`},
		{"bad bibliography entry", "  year      = 2015,\n  url", "  url",
			`content/references.bib:15: kingma2015: the entry has no year; a citation needs author (or editor), title and year`},
		{"a title's formula", "rate {$O(1/k^2)$}", "rate {$O(1/\\kay^2)$}",
			`content/references.bib:11: title: math: unknown command \kay`},
		{"bibliography missing", "bibliography: references.bib", "bibliography: refs.bib",
			`content/site.yaml:4: bibliography: cannot read content/refs.bib: file does not exist`},
		{"a lesson where the reference list goes", "-- adaptive/_index.md --", "-- references.md --\n---\ntitle: R\n---\nx\n-- adaptive/_index.md --",
			`content/references.md:1: is published at /references/index.html, as is the course's reference list (bibliography in content/site.yaml); rename or remove one of them`},
		{"link to a draft", "-- adaptive/_index.md --", "-- adaptive/soon.md --\n---\ntitle: Soon\n---\nSee [later](later.md).\n-- adaptive/later.md --\n---\ntitle: Later\ndraft: true\n---\nSoon.\n-- adaptive/_index.md --",
			`content/adaptive/soon.md:4: link to later.md: the page is a draft; build with -drafts, or remove the link`},
		{"bibliography not a .bib", "bibliography: references.bib", "bibliography: ../refs.bib",
			`content/site.yaml:4: bibliography: expected a .bib file in the content folder, such as references.bib, found "../refs.bib"`},
	}
	book := bookArchive(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(book, tt.from) {
				t.Fatalf("the book has no %q", tt.from)
			}
			_, err := build(t, strings.Replace(book, tt.from, tt.to, 1))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
			var lines []string
			for _, e := range errs {
				lines = append(lines, e.Error())
			}
			got := strings.Join(lines, "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant %s", got, tt.want)
			}
		})
	}
	_ = gd
}

// TestFootnoteLinks: a link to a footnote, or to where it is cited, of
// another page is checked against that page's notes, and kept.
func TestFootnoteLinks(t *testing.T) {
	t.Parallel()
	book := strings.Replace(bookArchive(t), "[the figure](gd.md#fig-bowl)", "[the note](../loss.md#fn:1) ([back](../loss.md#fnref:1))", 1)
	out, err := build(t, book)
	if err != nil {
		t.Fatal(err)
	}
	got := readOut(t, out, "foundations/gradients/momentum/index.html")
	for _, w := range []string{`<a href="../../../foundations/loss/#fn:1">the note</a>`, `<a href="../../../foundations/loss/#fnref:1">back</a>`} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s\n%s", w, got)
		}
	}
}

// TestFigureAltReferences: a figure's alt text reads its caption's
// references and citations as the caption does, as an image's in text does.
func TestFigureAltReferences(t *testing.T) {
	t.Parallel()
	book := strings.Replace(bookArchive(t), "![A bowl: the loss", "![By @eq-step [@polyak1964], the loss", 1)
	out, err := build(t, book)
	if err != nil {
		t.Fatal(err)
	}
	got := readOut(t, out, "foundations/gradients/gd/index.html")
	if w := `alt="By Equation (1) (Polyak, 1964), the loss x² + y² seen from above."`; !strings.Contains(got, w) {
		t.Errorf("lacks %s\n%s", w, got)
	}
}

// TestCitationAffixes: a prefix, a locator and -@ in brackets read as
// Pandoc's author-date style writes them, their words escaped.
func TestCitationAffixes(t *testing.T) {
	t.Parallel()
	tests := []struct{ cite, want string }{
		{"[@polyak1964, p. 12]", `(<a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, p. 12)`},
		{"[see @polyak1964, sec. 2; also -@nesterov1983, pp. 3–5]",
			`(see <a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, sec. 2; also <a class="citation" href="#ref-nesterov1983">1983</a>, pp. 3–5)`},
		{"[-@polyak1964]", `(<a class="citation" href="#ref-polyak1964">1964</a>)`},
		{"[<i>see</i> @polyak1964, <script>x</script>]",
			`(&lt;i&gt;see&lt;/i&gt; <a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, &lt;script&gt;x&lt;/script&gt;)`},
		{"[@polyak1964 p. 12]", `(<a class="citation" href="#ref-polyak1964">Polyak, 1964</a> p. 12)`},
		{"[see @polyak1964,\np. 12]", `(see <a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, p. 12)`},
		{"[@polyak1964, pp. 33&ndash;35 \\[sic\\]]", `(<a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, pp. 33–35 [sic])`},
		{"[@polyak1964, &lt;b&gt;]", `(<a class="citation" href="#ref-polyak1964">Polyak, 1964</a>, &lt;b&gt;)`},
		{"[@polyak1964, p.&nbsp;12]", "(<a class=\"citation\" href=\"#ref-polyak1964\">Polyak, 1964</a>, p.\u00a012)"},
		{"@polyak1964 [p. 12, <b>]", `<a class="citation" href="#ref-polyak1964">Polyak (1964, p. 12, &lt;b&gt;)</a>`},
	}
	book := bookArchive(t)
	for _, tt := range tests {
		t.Run(tt.cite, func(t *testing.T) {
			t.Parallel()
			out, err := build(t, strings.Replace(book, "[@polyak1964; @nesterov1983]", tt.cite, 1))
			if err != nil {
				t.Fatal(err)
			}
			got := readOut(t, out, "foundations/gradients/momentum/index.html")
			if !strings.Contains(got, "Momentum "+tt.want+" adds") {
				i := strings.Index(got, "Momentum ")
				t.Errorf("got %.300s\nwant Momentum %s adds", got[max(i, 0):], tt.want)
			}
			if !strings.Contains(got, `<li id="ref-polyak1964">`) {
				t.Error("the cited entry is not in the page's references")
			}
		})
	}
}

// TestXrefAffixes: Quarto's forms of a cross-reference in brackets: a
// prefix instead of the word, -@ for the number alone.
func TestXrefAffixes(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: L\n---\n$$\nx\n$$ {#eq-a}\n\n![B](b.svg){#fig-b}\n\n" +
		"A [-@eq-a] B [Eq. @eq-a] C [-@fig-b] D [Fig. <i> @fig-b] E [@eq-a] F @fig-b.\n"
	out := filepath.Join(t.TempDir(), "public")
	fsys := lessonWithFiles(map[string]string{"s/lesson.md": src, "s/b.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"})
	if _, err := Build(context.Background(), Options{Content: fsys, Out: out}); err != nil {
		t.Fatal(err)
	}
	got := readOut(t, out, "s/lesson/index.html")
	want := `A <a class="xref" href="#eq-a">(1)</a> B <a class="xref" href="#eq-a">Eq. (1)</a> C <a class="xref" href="#fig-b">1</a> D <a class="xref" href="#fig-b">Fig. &lt;i&gt; 1</a> E <a class="xref" href="#eq-a">(1)</a> F <a class="xref" href="#fig-b">Figure 1</a>.`
	if !strings.Contains(got, want) {
		i := strings.Index(got, "A <a")
		t.Errorf("got  %.400s\nwant %s", got[max(i, 0):], want)
	}
}

// TestBookRebuild: a rebuild in memory keeps the pages nothing changed for,
// and rebuilds a kept page when the anchors it refers to change (a new
// equation before the one it cites renumbers it).
func TestBookRebuild(t *testing.T) {
	t.Parallel()
	content := courseFS(bookArchive(t))
	site := &MemorySite{}
	opt := Options{Content: content, Memory: site, Cache: &Cache{}}
	read := func(rel string) string {
		t.Helper()
		b, err := fs.ReadFile(site.FS(), rel)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	momentum := "foundations/gradients/momentum/index.html"
	if !strings.Contains(read(momentum), "Equation (1) in Gradient descent") {
		t.Fatal("momentum does not cite equation 1")
	}
	// A change to the preface's text only: momentum is kept.
	pre := content["preface.md"]
	content["preface.md"] = &fstest.MapFile{Data: append(append([]byte{}, pre.Data...), "More.\n"...)}
	before := read(momentum)
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if read(momentum) != before {
		t.Error("an unrelated change rebuilt momentum differently")
	}
	gd := content["foundations/gradients/gd.md"]
	content["foundations/gradients/gd.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(gd.Data), "Gradient descent steps", "$$ a $$ {#eq-first}\n\nGradient descent steps", 1))}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if got := read(momentum); !strings.Contains(got, "Equation (2) in Gradient descent") {
		t.Error("momentum still cites the old number")
	}
}

// TestBookGolden holds the content of three of the book's pages to
// testdata/book/*.html (go test ./lesson -run TestBookGolden -update).
func TestBookGolden(t *testing.T) {
	t.Parallel()
	out, err := build(t, bookArchive(t))
	if err != nil {
		t.Fatal(err)
	}
	content := regexp.MustCompile(`(?s)<main id="main" tabindex="-1">\n(.*?)</main>`)
	for name, page := range map[string]string{"loss": "foundations/loss/", "momentum": "foundations/gradients/momentum/", "references": "references/"} {
		m := content.FindStringSubmatch(readOut(t, out, page+"index.html"))
		if m == nil {
			t.Fatalf("%s: no <main>", page)
		}
		golden := filepath.Join("testdata", "book", name+".html")
		if *update {
			if err := os.WriteFile(golden, []byte(m[1]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if m[1] != string(want) {
			t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", page, golden, m[1])
		}
	}
}

// TestOutlineReferences: a citation or cross-reference in a heading reads as
// its text in the table of contents, where it is no link (the entry is
// one), and the search index has the text of every reference, not its
// source.
func TestOutlineReferences(t *testing.T) {
	t.Parallel()
	book := strings.Replace(bookArchive(t), "## Moments $m_t$ and $v_t$", "## Moments after [@kingma2015, sec. 2] and @fig-bowl\n\n## Second heading", 1)
	out, err := build(t, book)
	if err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "adaptive/adam/index.html")
	toc := page[strings.Index(page, `<nav class="toc"`):]
	toc = toc[:strings.Index(toc, "</nav>")]
	wantTOC := `<a href="#moments-after-kingma2015-sec-2-and-fig-bowl">Moments after (Kingma and Ba, 2015, sec. 2) and Figure 1 in Gradient descent</a>`
	if !strings.Contains(toc, wantTOC) {
		t.Errorf("TOC:\n%s\nwant %s", toc, wantTOC)
	}
	index := ""
	entries, err := os.ReadDir(filepath.Join(out, "search"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		index += readOut(t, out, "search/"+e.Name())
	}
	for _, want := range []string{"Moments after (Kingma and Ba, 2015, sec. 2) and Figure 1 in Gradient descent", "Adam (Kingma and Ba, 2015) keeps", "Momentum (Polyak, 1964; Nesterov, 1983) adds"} {
		if !strings.Contains(index, want) {
			t.Errorf("the search index lacks %q", want)
		}
	}
	if strings.Contains(index, "@kingma2015") || strings.Contains(index, "@polyak1964") {
		t.Error("the search index has a reference's source")
	}
}

// TestUnicodeCitationKey: a key of letters beyond ASCII is cited in the
// text, in brackets and after a no-break space, and its entry is listed.
func TestUnicodeCitationKey(t *testing.T) {
	t.Parallel()
	book := strings.Replace(bookArchive(t), "% The papers the book cites.\n",
		"% The papers the book cites.\n@book{Müller2020, author = {Anna Müller}, title = {Über Gradienten}, year = 2020}\n", 1)
	book = strings.Replace(book, "[@polyak1964; @nesterov1983]", "after @müller2020, as in [see\u00a0@Müller2020, p.\u00a02],", 1)
	out, err := build(t, book)
	if err != nil {
		t.Fatal(err)
	}
	got := readOut(t, out, "foundations/gradients/momentum/index.html")
	for _, want := range []string{
		`after <a class="citation" href="#ref-Müller2020">Müller (2020)</a>, as in (see <a class="citation" href="#ref-Müller2020">Müller, 2020</a>, p.` + "\u00a0" + `2), adds`,
		`<li id="ref-Müller2020">`,
	} {
		if !strings.Contains(got, want) {
			i := strings.Index(got, "<p>Momentum ")
			t.Errorf("got %.400s\nwant %s", got[max(i, 0):], want)
		}
	}
}

// TestFigureLabelBesideHeading: a figure titled as a heading of its page
// keeps its title's slug as its label, though its id becomes bowl-2; two
// figures of one title are fig-bowl and fig-bowl-2.
func TestFigureLabelBesideHeading(t *testing.T) {
	t.Parallel()
	fig := "```landscape\ntitle: Bowl\nfunction: quadratic\nstart: [1, 1]\nsteps: 3\nruns: [{optimizer: gd, lr: 0.1}]\n```\n\n"
	src := "---\ntitle: L\n---\n## Bowl\n\n" + fig + fig + "See @fig-bowl and @fig-bowl-2.\n"
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: lessonWithFiles(map[string]string{"s/lesson.md": src}), Out: out}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/lesson/index.html")
	for _, want := range []string{`id="bowl-2"`, `id="bowl-3"`, `See <a class="xref" href="#bowl-2">Figure 1</a> and <a class="xref" href="#bowl-3">Figure 2</a>.`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestLayoutIDs checks that a heading or figure whose words make an id of
// the page layout's own (main, site-nav, search-input) takes another, so no
// id is on a page twice and the skip link and the search box keep theirs.
func TestLayoutIDs(t *testing.T) {
	t.Parallel()
	figure := "```landscape\nfunction: quadratic\ntitle: Site nav\nstart: [1, 1]\nsteps: 3\nruns: [{optimizer: gd, lr: 0.1}]\n```\n"
	for name, body := range map[string]string{
		"one-line headings": "## Main\n\n## Search input\n\n",
		// A heading over two lines has its ids made again, all of them.
		"a two-line heading": "## Main\n\nSite nav\nover two lines\n---\n\n## Search input\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Build(t.Context(), Options{Content: lessonCourse("---\ntitle: L\n---\n" + body + figure), Out: out}); err != nil {
				t.Fatal(err)
			}
			html := readOut(t, out, "s/lesson/index.html")
			ids := idCounts(html)
			for id, n := range ids {
				if n > 1 {
					t.Errorf("id %q is on the page %d times", id, n)
				}
			}
			for _, id := range []string{"main", "site-nav", "search-input", "main-1", "search-input-1"} {
				if ids[id] != 1 {
					t.Errorf("no element with id %q; ids %v", id, ids)
				}
			}
		})
	}
}
