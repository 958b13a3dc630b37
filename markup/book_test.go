package markup

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"descent/diag"
)

func renderDoc(t *testing.T, src string) (string, *Doc, []string) {
	t.Helper()
	c := New(false)
	l := &diag.List{File: "l.md"}
	d := c.Parse([]byte(src), 1, l)
	var b bytes.Buffer
	if err := c.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, e := range l.Errs {
		errs = append(errs, e.Error())
	}
	return b.String(), d, errs
}

// TestRefs: which text is a reference, with which keys.
func TestRefs(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, keys string }{
		{"See @eq-a.", "eq-a"},
		{"See @eq-a, then @fig-b: done", "eq-a|fig-b"},
		{"As [@kingma2015] shows", "kingma2015"},
		{"Both [@a; @b2:x]", "a;b2:x"},
		{"Mail me at a@b.org", ""},
		{"A literal \\@sign", ""},
		{"A link [@x](y.md)", ""},
		{"A reference link [@x][y]\n\n[y]: z.md", ""},
		{"With a locator [@a, p. 3]", "a"},
		{"Code `@x` stays", ""},
		{"With a prefix [see @x]", "x"},
		{"Lone @ sign", ""},
		{"(@eq-a)", "eq-a"},
		// Keys are Unicode, as Pandoc's and biblatex's are.
		{"After @müller2020 and [@Łukasz-1, p. 2]", "müller2020|Łukasz-1"},
		{"@Mu\u0308ller2020 and @हिन्दी2020", "Mu\u0308ller2020|हिन्दी2020"},
		{"e\u0301@x", ""},
		// Chinese and Japanese have no spaces: their characters end a key
		// and may come before its @.
		{"参见@polyak1964。@polyak1964提出了 [参见@a，第3页]", "polyak1964|polyak1964|a"},
		{"[@日本語2021]", ""},
		{"Ends with a dot: @müller2020.", "müller2020"},
		// A word's letters before an @, ASCII or not, make it no reference.
		{"naïve@müller2020 é@x", ""},
		// A no-break space is a space: before an @, in a bracket or not.
		{"see\u00a0@a, [see\u00a0@b, p.\u00a03]", "a|b"},
		// A key ends at a character that is neither letter, digit nor its
		// punctuation: a no-break space, an em dash, a curly quote.
		{"@a\u00a0b @c—d “@e”", "a|c|e"},
	}
	for _, tt := range tests {
		_, d, _ := renderDoc(t, tt.src)
		var got []string
		for _, r := range d.Refs {
			got = append(got, strings.Join(r.Keys, ";"))
		}
		if strings.Join(got, "|") != tt.keys {
			t.Errorf("%q: refs %q, want %q", tt.src, got, tt.keys)
		}
	}
}

// TestRefAffixes: what Pandoc allows around a key in brackets, and what
// is not a bracket reference (its @key, if any, stays a reference of its
// own, in Keys with no Affixes). "!" marks a bracket with a problem.
func TestRefAffixes(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"[@a]", "[a]"},
		{"[@a, p. 33]", "[a|, p. 33]"},
		{"[see @a, pp. 33–35; also @b, chap. 1]", "[see|a|, pp. 33–35;also|b|, chap. 1]"},
		{"[-@a]", "[-a]"},
		{"[see -@a, p. 3]", "[see|-a|, p. 3]"},
		{"[  @a ,  p. 3  ]", "[a|, p. 3]"},
		{"[@a, <b>&]", "[a|, <b>&]"},
		{"[@a p. 3]", "[a|p. 3]"},            // Pandoc's suffix without a comma
		{"[see @a. Then]", "[see|a|. Then]"}, // the key ends before the dot
		{"[@a,]", "[a|,]"},
		{"[- @a]", "[-|a]"},                // a minus sign apart is a prefix
		{"[@eq-a, p. 3]", "[eq-a|, p. 3]"}, // the site refuses it, with a line
		// Over lines, nested, escaped, with entities.
		{"A [see @a,\np. 12] B", "[see|a|, p. 12]"},
		{"[@a;\n@b]", "[a;b]"},
		{"[@a, p. [12]] B", "[a|, p. [12]]"},
		{"[@a, p. 1\\] more] B", "[a|, p. 1] more]"},
		{"[@a, x\\; y; @b]", "[a|, x; y;b]"},
		{"[@a, pp. 33&ndash;35]", "[a|, pp. 33–35]"},
		{"[@a, p. 3 &amp; 4; @b]", "[a|, p. 3 & 4;b]"},
		// Not bracket references.
		{"[x@a]", ""},                 // an @ inside a word
		{"[see@a]", ""},               // the prefix ends in a space
		{"[see @a](x.md)", ""},        // a link, whose text has no references
		{"[@a; b]", "a"},              // every part has a key
		{"[@a;]", "a"},                // even the last
		{"[@a, sec. `x]y`] B", "a"},   // a code span: its ] is code
		{"[@a, p. 3", "a"},            // never closed
		{"[write to bob @ home]", ""}, // no key
		// Pandoc's locator of a citation in the text.
		{"@a [p. 33] says", "a|p. 33"},
		{"@a [p. <b>&amp;] says", "a|p. <b>&"},
		{"@a [p. 3](x.md)", "a"},    // a link
		{"@a [^1]\n\n[^1]: n", "a"}, // a footnote
		{"@a [@b]", "a [b]"},        // a citation of its own
		{"@a [ ]", "a"},             // no words
		{"@a  [p. 3]", "a"},         // one space, as in Pandoc
		{"@eq-a [p. 3]", "eq-a"},    // a cross-reference takes none
		// A key in another's words: a problem, not a silent citation.
		{"[@a, cf. @b]", "!@b: a citation inside the words after @a; separate citations with a semicolon ([@a; @b]), or write \\@ for an @ sign"},
		{"[@a, cf. \\@b]", "[a|, cf. @b]"},
	}
	for _, tt := range tests {
		_, d, _ := renderDoc(t, tt.src)
		var got []string
		for _, r := range d.Refs {
			if r.Problem != "" {
				got = append(got, "!"+r.Problem)
				continue
			}
			if !r.Bracket {
				k := strings.Join(r.Keys, ";")
				if r.Affixes != nil {
					k += "|" + r.Affixes[0].Suffix // a locator in the text
				}
				got = append(got, k)
				continue
			}
			var parts []string
			for k, key := range r.Keys {
				a := r.Affixes[k]
				p := key
				if a.NoAuthor {
					p = "-" + p
				}
				if a.Prefix != "" {
					p = a.Prefix + "|" + p
				}
				if a.Suffix != "" {
					p += "|" + a.Suffix
				}
				parts = append(parts, p)
			}
			got = append(got, "["+strings.Join(parts, ";")+"]")
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: %q, want %q", tt.src, g, tt.want)
		}
	}
}

// TestRefManyBrackets: a line of tens of thousands of brackets parses, each
// @a a reference of its own. The search for a bracket's end is bounded: an
// unbounded one took 17 s on these 250 KB (BenchmarkRefManyBrackets).
func TestRefManyBrackets(t *testing.T) {
	t.Parallel()
	src := strings.Repeat("[@a; ", 50000) + "x]"
	c := New(false)
	l := &diag.List{File: "f.md"}
	d := c.Parse([]byte(src), 1, l)
	if len(d.Refs) != 50000 {
		t.Errorf("%d references, want 50000 (each @a of its own)", len(d.Refs))
	}
}

func BenchmarkRefManyBrackets(b *testing.B) {
	src := []byte(strings.Repeat("[@a; ", 50000) + "x]")
	c := New(false)
	for b.Loop() {
		c.Parse(src, 1, &diag.List{File: "f.md"})
	}
}

// TestCallouts: GitHub's five kinds become callouts; [!EXERCISE] is the
// exercise code's, and any other kind stays a block quote with its marker.
func TestCallouts(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"> [!NOTE]\n> Read this.", "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>Read this.</p>\n</div>\n"},
		{"> [!tip]\n> Lower case.", "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>Lower case.</p>\n</div>\n"},
		{"> [!WARNING]\n>\n> A paragraph.\n>\n> Another.", "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>A paragraph.</p>\n<p>Another.</p>\n</div>\n"},
		{"> [!CAUTION]\n> Math $x$ too.", "<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Caution</p>\n<p>Math <math display=\"inline\"><mrow><mi>x</mi></mrow></math> too.</p>\n</div>\n"},
		{"> [!QUESTION]\n> Left alone.", "<blockquote>\n<p>[!QUESTION]\nLeft alone.</p>\n</blockquote>\n"},
		{"> [!EXERCISE]\n> The exercise code's.", "<section class=\"exercise\" id=\"ex-1\" aria-labelledby=\"ex-1-title\">\n<p class=\"exercise-title\" id=\"ex-1-title\"><a href=\"#ex-1\">Exercise 1</a></p>\n<p>The exercise code's.</p>\n</section>\n"},
		{"> [!NOTE] on one line", "<blockquote>\n<p>[!NOTE] on one line</p>\n</blockquote>\n"},
		{"> Just a quote.", "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"},
	}
	for _, tt := range tests {
		got, _, errs := renderDoc(t, tt.src)
		if got != tt.want || errs != nil {
			t.Errorf("%q:\n%s\nwant\n%s (errors %v)", tt.src, got, tt.want, errs)
		}
	}
}

// TestFigures: lone images are figures, numbered with an id, in one
// sequence with landscape blocks; equations with eq- labels are numbered.
func TestFigures(t *testing.T) {
	t.Parallel()
	src := "![A](a.png){#fig-a}\n\n```landscape\nfunction: quadratic\n```\n\n![Unnumbered](b.png)\n\nInline ![c](c.png) image.\n\n$$ x $$ {#eq-x}\n\n$$ y \\tag{A} $$ {#eq-y}\n\n$$ z $$\n"
	got, d, errs := renderDoc(t, src)
	if errs != nil {
		t.Fatal(errs)
	}
	for _, w := range []string{
		"<figure class=\"image\" id=\"fig-a\">\n<img src=\"a.png\" alt=\"A\" loading=\"lazy\">\n<figcaption><span class=\"figure-number\">Figure 1</span> A</figcaption>\n</figure>",
		"<figure class=\"image\">\n<img src=\"b.png\" alt=\"Unnumbered\" loading=\"lazy\">\n<figcaption>Unnumbered</figcaption>",
		`<p>Inline <img src="c.png" alt="c"> image.</p>`,
		`<div class="math-display" id="eq-x">`, `<mtext>(1)</mtext>`, `<mtext>(A)</mtext>`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s\n%s", w, got)
		}
	}
	if d.Figures[0].Number != 2 {
		t.Errorf("landscape number %d, want 2", d.Figures[0].Number)
	}
	var anchors []string
	for _, a := range d.Anchors {
		anchors = append(anchors, a.Kind+":"+a.ID+":"+a.Number)
	}
	if strings.Join(anchors, " ") != "equation:eq-x:1 equation:eq-y:A figure:fig-a:1" {
		t.Errorf("anchors %v", anchors)
	}
	if len(d.Links) != 3 || d.Links[0].Dest != "a.png" || !d.Links[2].Image || d.Links[2].Line != 9 {
		t.Errorf("links %+v", d.Links)
	}
}

// An image's alt text and title hold their formulas as Unicode text,
// inside text and in a figure: an attribute cannot hold MathML. A title's
// backslash escapes and entities are undone, in a figure too, outside its
// formulas: \$ and &#36; are dollar signs. A title's formula that does
// not convert is an error.
func TestAltTextMath(t *testing.T) {
	t.Parallel()
	got, _, errs := renderDoc(t, "![The path at $\\beta = 0.9$](a.png \"Its \\\"title\\\" $\\eta$\")\n\nInline ![a $\\gamma_t$ \"quoted\" <b>](c.png \"T &amp; $x$ \\\"q\\\"\") image ![d](d.png \"costs \\$5, &amp; &#36;x&#36; is text\").\n\nSee [a](https://e.org \"rate $O(1/k^2)$\") and [b](https://e.org \"it's &amp; <q>\") and [c](u \"costs $5 \\&amp; a $\\!$ b\").\n")
	if errs != nil {
		t.Fatal(errs)
	}
	for _, w := range []string{
		`<img src="a.png" alt="The path at β = 0.9" title="Its &#34;title&#34; η" loading="lazy">`,
		`<img src="d.png" alt="d" title="costs $5, &amp; $x$ is text">`,
		`<p>Inline <img src="c.png" alt="a γₜ &#34;quoted&#34; " title="T &amp; x &#34;q&#34;"> image <img`, // raw HTML is no text
		`<a href="https://e.org" title="rate O(1/k²)">a</a>`,
		`<a href="https://e.org" title="it's &amp; &lt;q&gt;">b</a>`, // as goldmark writes it
		`<a href="u" title="costs $5 &amp;amp; a b">c</a>`,           // \&amp; is the text "&amp;", as goldmark reads it
	} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s\n%s", w, got)
		}
	}
	for src, want := range map[string]string{
		"Inline ![a](p.png \"t $\\lamda$\") image.\n": `l.md:1: image title: math: unknown command \lamda (write \lambda)`,
		"Text.\n\n![Cap](p.png \"t $x^{$\")\n":        `l.md:3: image title: math: { without }`,
		"A [link](https://e.org \"t $\\lamda$\").\n":  `l.md:1: link title: math: unknown command \lamda (write \lambda)`,
		"A [link](https://e.org \"$\\,$\").\n":        `l.md:1: link title: "$\\,$" shows no text; write it in words, or leave the title out`,
	} {
		if _, _, errs := renderDoc(t, src); len(errs) != 1 || errs[0] != want {
			t.Errorf("%q: errors %q, want %q", src, errs, want)
		}
	}
}

// FuzzRefs: any page parses and renders; every reference's keys are whole
// keys, every anchor has an id, and links have a line inside the page.
func FuzzRefs(f *testing.F) {
	for _, s := range []string{"See @eq-a and [@k1; @k2].", "[see -@a, p. 3; @b , x] and [@c,] and @d [p. 4]", "## T {#x}\n\n$$ x $$ {#eq-x}\n\n![C](c.png){#fig-c}\n", "> [!NOTE]\n> [@a](b.md) @c\n", "Text[^1].\n\n[^1]: note @x\n\nTerm\n: def\n", "[@a, p.\u00a012] @Mu\u0308ller 参见@b。"} {
		f.Add(s)
	}
	c := New(false)
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || len(src) > 4096 {
			return
		}
		l := &diag.List{File: "f.md"}
		d := c.Parse([]byte(src), 1, l)
		var b bytes.Buffer
		if err := c.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		lines := 1 + strings.Count(src, "\n")
		for _, r := range d.Refs {
			for _, k := range r.Keys {
				if scanKey([]byte(k)) != len(k) {
					t.Fatalf("key %q is not a whole key", k)
				}
			}
			if r.Affixes != nil && len(r.Affixes) != len(r.Keys) {
				t.Fatalf("%d affixes for %d keys", len(r.Affixes), len(r.Keys))
			}
			if !r.Bracket && r.Affixes != nil && (r.Affixes[0].Prefix != "" || r.Affixes[0].NoAuthor || r.Affixes[0].Suffix == "") {
				t.Fatalf("a citation in the text with affix %+v", r.Affixes[0])
			}
			if r.Problem != "" && (r.Keys != nil || r.Affixes != nil) {
				t.Fatalf("a reference with a problem has keys %q", r.Keys)
			}
			for _, a := range r.Affixes {
				// Only ASCII spaces run together; a no-break space stays.
				ascii := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }
				if w := strings.Join(strings.FieldsFunc(a.Prefix+" "+a.Suffix, ascii), " "); w != strings.TrimFunc(a.Prefix+" "+a.Suffix, ascii) {
					t.Fatalf("affix %+v: spaces not run together", a)
				}
			}
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("ref at line %d of %d", r.Line, lines)
			}
		}
		for _, a := range d.Anchors {
			if a.ID == "" || a.Line < 1 || a.Line > lines {
				t.Fatalf("anchor %+v", a)
			}
		}
		for _, ln := range d.Links {
			if ln.Line < 1 || ln.Line > lines {
				t.Fatalf("link %+v at line %d of %d", ln, ln.Line, lines)
			}
		}
	})
}

// TestBookMistakes: the mistakes markup itself sees, at their lines.
func TestBookMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"Text[^1] here.\n", `l.md:1: [^1]: has no note; write it on a line of its own: [^1]: the note`},
		{"One.\n\nTwo [^note].\n\n[^other]: x\n", `l.md:3: [^note]: has no note; write it on a line of its own: [^note]: the note`},
		{"![Plot](p.png){#plot}\n", `l.md:1: {#plot}: a figure's label starts with fig-, such as {#fig-plot}`},
		{"$$ x $$ {#x}\n", `l.md:1: {#x}: an equation's label starts with eq-, such as {#eq-loss}`},
	}
	for _, tt := range tests {
		_, _, errs := renderDoc(t, tt.src)
		if len(errs) != 1 || errs[0] != tt.want {
			t.Errorf("%q: %v, want %s", tt.src, errs, tt.want)
		}
	}
	if _, _, errs := renderDoc(t, "Fine[^1] and `[^x]` in code.\n\n[^1]: a note\n"); errs != nil {
		t.Errorf("a kept footnote: %v", errs)
	}
}

// TestEmptyLinkText: a link that would show nothing is an error at its
// line, and so is one that is only an image without alt text; one with
// words, an image with alt text, code or a formula is not.
func TestEmptyLinkText(t *testing.T) {
	t.Parallel()
	const empty = `l.md:%d: link: the link to "%s" has no text to show; write what it leads to between its brackets`
	const raw = "; raw HTML is left out unless site.yaml sets unsafe_html"
	tests := []struct{ src, want string }{
		{"See [](m.md).\n", fmt.Sprintf(empty, 1, "m.md")},
		{"One\n\ntwo [ ](https://ex.org/) three.\n", fmt.Sprintf(empty, 3, "https://ex.org/")},
		{"See [<img src=\"x.png\">](m.md).\n", fmt.Sprintf(empty, 1, "m.md") + raw},
		{"See [*<b></b>*](m.md#x).\n", fmt.Sprintf(empty, 1, "m.md#x") + raw},
		{"[](<a b.md>)\n", fmt.Sprintf(empty, 1, "a b.md")},
		{"A [![](p.png)](m.md) link.\n", `l.md:1: link: the link to "m.md" is an image without alt text, which a screen reader cannot name; write what the image shows between its brackets: ![a plot of the loss](…)`},
		{"A [![ ](p.png) ](m.md) link.\n", `l.md:1: link: the link to "m.md" is an image without alt text, which a screen reader cannot name; write what the image shows between its brackets: ![a plot of the loss](…)`},
		{"See [&nbsp;&#32;](m.md).\n", fmt.Sprintf(empty, 1, "m.md")},
		{"See [\u200b&#x2060;\ufeff](m.md).\n", fmt.Sprintf(empty, 1, "m.md")},
		{"First line\nthen [](m.md) here.\n", fmt.Sprintf(empty, 2, "m.md")},
		{"Intro.\n\nSee $x$ and\nthen [](m.md).\n", fmt.Sprintf(empty, 4, "m.md")},
		{"> [!EXERCISE]\n> One\n> two [<br>](m.md)\n", fmt.Sprintf(empty, 3, "m.md") + raw},
	}
	for _, tt := range tests {
		_, _, errs := renderDoc(t, tt.src)
		if len(errs) != 1 || errs[0] != tt.want {
			t.Errorf("%q: %v, want %s", tt.src, errs, tt.want)
		}
	}
	for _, src := range []string{"[words](m.md)", "[<b>bold</b>](m.md)", "[![alt](p.png)](m.md)", "[![](p.png) words](m.md)", "[![*a* plot](p.png)](m.md)",
		"[`code`](m.md)", "[$x^2$](m.md)", "[*em*](m.md)", "[&amp;](m.md)", "<https://ex.org/>", "[@kingma2015](m.md)"} {
		if _, _, errs := renderDoc(t, src+"\n"); errs != nil {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// A Setext heading over several lines takes its id from all of them, and
// repeats are numbered in page order, as goldmark numbers them; an id
// written on a heading stays.
func TestSetextHeadingIDs(t *testing.T) {
	t.Parallel()
	src := "Gradient\ndescent\n=======\n\nFoo\nbar\n---\n\n## Foo bar\n\nOne\ntwo {#x}\n---\n\n## x\n\n" +
		"## Gradient descent {.unnumbered}\n\nA\nb {.c}\n===\n\n#\n\n## heading\n\n## y {#a-b-1}\n"
	html, d, errs := renderDoc(t, src)
	var got []string
	for _, a := range d.Anchors {
		got = append(got, a.ID)
	}
	// From a review: a class is no written id, an empty heading has one,
	// and a written id is not given to an earlier heading.
	want := []string{"gradient-descent", "foo-bar", "foo-bar-1", "x", "x-1", "gradient-descent-1", "a-b", "heading", "heading-1", "a-b-1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids %q, want %q", got, want)
	}
	if !strings.Contains(html, `<h1 id="gradient-descent">Gradient
descent</h1>`) || len(errs) > 0 {
		t.Errorf("HTML %s, errors %v", html, errs)
	}
}
