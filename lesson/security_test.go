package lesson

import (
	"descent/internal/watchdog"

	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"descent/markup"
)

// TestAuthorTextEscaped puts <script> in a page title, a figure caption and
// a run label, and checks that none reaches the page as markup, in HTML or
// in the inline SVG.
func TestAuthorTextEscaped(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: \"<script>alert(1)</script> Title\"\ndescription: \"<script>d</script>\"\n---\nText.\n\n" +
		"```landscape\ntitle: \"<script>alert(2)</script> caption\"\nfunction: quadratic\nstart: [1, 1]\nsteps: 3\nruns:\n" +
		"  - optimizer: gd\n    lr: 0.1\n    label: \"<script>alert(3)</script> & co\"\n```\n"
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: lessonCourse(src), Out: out}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/lesson/index.html")
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<script>d") {
		t.Errorf("author text reached the page unescaped")
	}
	for _, want := range []string{"&lt;script&gt;alert(1)", "&lt;script&gt;alert(2)", "&lt;script&gt;alert(3)&lt;/script&gt; &amp; co"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped %q", want)
		}
	}
	// Every other page lists the lesson in its navigation.
	if home := readOut(t, out, "index.html"); strings.Contains(home, "<script>alert") {
		t.Error("the home page's navigation carries the title unescaped")
	}
}

// TestEquationTagEscaped: an equation's own label, \tag{…}, is the author's
// text; a reference to it printed it as HTML, so \tag{<img onerror=…>}
// reached the page live, on this page and on every page that cites it.
func TestEquationTagEscaped(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"s/lesson.md": "---\ntitle: L\n---\n$$\nx \\tag{<img src=x onerror=alert(1)>&}\n$$ {#eq-x}\n\nSee @eq-x and [@eq-x].\n",
		"s/other.md":  "---\ntitle: O\n---\nAs @eq-x shows.\n",
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: lessonWithFiles(files), Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"s/lesson/index.html", "s/other/index.html"} {
		got := readOut(t, out, page)
		if strings.Contains(got, "<img") {
			t.Errorf("%s: the tag reached the page as markup", page)
		}
		if !strings.Contains(got, "Equation (&lt;img src=x onerror=alert(1)&gt;&amp;)") {
			t.Errorf("%s lacks the escaped label", page)
		}
	}
}

// TestRawHTML checks that raw HTML in Markdown is dropped unless the site
// file turns it on.
func TestRawHTML(t *testing.T) {
	t.Parallel()
	lesson := "---\ntitle: L\n---\nBefore <b onclick=\"x()\">bold</b>.\n\n<iframe src=\"https://example.com\"></iframe>\n"
	for _, unsafe := range []bool{false, true} {
		fsys := lessonCourse(lesson)
		if unsafe {
			fsys = lessonWithFiles(map[string]string{"site.yaml": "title: T\nunsafe_html: true\n", "s/lesson.md": lesson})
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Content: fsys, Out: out}); err != nil {
			t.Fatal(err)
		}
		page := readOut(t, out, "s/lesson/index.html")
		if got := strings.Contains(page, "<iframe") || strings.Contains(page, "onclick"); got != unsafe {
			t.Errorf("unsafe_html %v: raw HTML on the page = %v", unsafe, got)
		}
	}
}

// FuzzLesson feeds whole lesson files through loading and parsing.
func FuzzLesson(f *testing.F) {
	f.Add([]byte(figureLesson(good)))
	f.Add([]byte("---\ntitle: T\nweight: 2\n---\n# H\n\n$x^2$ and $$\\frac{a}{b}$$\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	if b, err := os.ReadFile("../content/concepts/saddle-points.md"); err == nil {
		f.Add(b)
	}
	conv := markup.New(false)
	f.Fuzz(func(t *testing.T, src []byte) {
		defer watchdog.Start(src)()
		pg, errs := loadPage(src, "s/l.md", "s/l.md", nil)
		if pg == nil {
			if len(errs) == 0 {
				t.Fatalf("rejected without an error: %q", src)
			}
			return
		}
		parsePage(conv, pg)
	})
}

// TestNoLiveMarkup builds testdata/inject.txtar, where every string an
// author controls (site, front matter, headings, links, images, captions,
// \tag, \text, citations and their words, the bibliography, footnotes,
// alerts, code, tables, a figure and a quiz) holds an <img onerror>, and
// finds the tag in no file of the site.
func TestNoLiveMarkup(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/inject.txtar")
	if err != nil {
		t.Fatal(err)
	}
	out, err := build(t, string(b))
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		if i := strings.Index(string(data), "<img src=x"); i >= 0 {
			rel, _ := filepath.Rel(out, p)
			t.Errorf("%s: live markup: %.120s", rel, string(data[max(i-60, 0):]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 4 {
		t.Errorf("%d pages built, want the home, section, lesson and 404 pages at least", pages)
	}
}

// FuzzNoLiveMarkup builds a course whose lesson is the input, beside a
// bibliography and a second lesson, in memory, and checks that no file of
// the site holds "<zq": neither the theme nor any renderer writes such a
// tag, so one in the site is author text that reached the reader as markup.
// The seeds hold <zq> wherever an author writes text.
func FuzzNoLiveMarkup(f *testing.F) {
	b, err := os.ReadFile("testdata/inject.txtar")
	if err != nil {
		f.Fatal(err)
	}
	course := courseFS(strings.ReplaceAll(string(b), "<img src=x onerror=alert(1)>", "<zq>"))
	f.Add(course["s/l.md"].Data)
	f.Add([]byte("---\ntitle: L\n---\n$$\nx \\tag{<zq>}\n$$ {#eq-x}\n\n@eq-x [see <zq> @k1, p. <zq>] [-@k1]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// One figure at most, so that a build, instrumented for fuzzing on a
		// busy machine, stays well under the watchdog's ten seconds.
		if len(src) > 4096 || bytes.Count(src, []byte("landscape")) > 1 {
			return
		}
		defer watchdog.Start(src)()
		fsys := maps.Clone(course)
		fsys["s/l.md"] = &fstest.MapFile{Data: src}
		site := &MemorySite{}
		if _, err := Build(context.Background(), Options{Content: fsys, Memory: site}); err != nil {
			return // a broken lesson is reported, not built
		}
		err := fs.WalkDir(site.FS(), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(site.FS(), p)
			if err != nil {
				return err
			}
			if i := bytes.Index(data, []byte("<zq")); i >= 0 {
				t.Fatalf("%s: live markup: %.120s", p, data[max(i-60, 0):])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
