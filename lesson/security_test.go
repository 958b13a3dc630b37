package lesson

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"descent/optim"

	"gonum.org/v1/gonum/mat"
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

// panicky is an objective that fails the way a bug would.
type panicky struct{ optim.Objective }

func (panicky) Grad(grad, x []float64) { panic("boom") }

func (p panicky) Hess(dst *mat.SymDense, x []float64) { p.Objective.Hess(dst, x) }

// TestPanicInFigure checks that a panic while computing one figure becomes
// an error naming that figure.
func TestPanicInFigure(t *testing.T) {
	t.Parallel()
	f, _ := optim.Lookup("quadratic", nil)
	m, _ := optim.LookupMethod("gd")
	spec := &figureSpec{Function: "quadratic", Obj: panicky{f}, Dim: 2, Domain: f.Domain,
		Starts: [][]float64{{1, 1}}, Steps: 3, Runs: []runSpec{{Method: m, Given: map[string]float64{"lr": 0.1}}}}
	_, err := safeCompute(spec, "fig", &criticalCache{}, &layerCache{})
	if err == nil || !strings.HasPrefix(err.Error(), "internal error while computing the figure (please report it): boom") {
		t.Errorf("got %v", err)
	}
}

// watchdog crashes the fuzzing worker if one input takes more than ten
// seconds, so that the fuzzer keeps the input as a failure: a hang is a bug.
func watchdog(src []byte) (stop func()) {
	t := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("input hangs: %q", src))
	})
	return func() { t.Stop() }
}

// FuzzDirective checks that no directive, however malformed, panics or
// hangs the decoder, and that what decodes computes.
func FuzzDirective(f *testing.F) {
	for _, s := range []string{good, "function: \"x^2\"\nstart: [1, -1]\nruns: [{optimizer: adam, lr: [0.1, 0.2]}]\n",
		"function: {linear-regression: {n: 20}}\nstart: [0, 0]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.1, batch: 4}]\n",
		"function: himmelblau\nstart: [[-4, 4], [0, 0]]\ncontours: {levels: [1, 10, 100], scale: log}\nruns:\n  - optimizer: nadam\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer watchdog(src)()
		l := &errorList{file: "f.md"}
		spec, ok := decodeFigure(src, 0, l)
		if !ok {
			if len(l.errs) == 0 {
				t.Fatalf("rejected without an error: %q", src)
			}
			return
		}
		for _, r := range spec.Runs {
			if r.Steps > 200 || spec.Steps > 200 || spec.Levels.Count > 60 {
				return // valid but slow; computing is covered by other tests
			}
		}
		if _, err := safeCompute(spec, "f", &criticalCache{}, &layerCache{}); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("%q: %v", src, err)
		}
	})
}

// FuzzLesson feeds whole lesson files through loading and parsing.
func FuzzLesson(f *testing.F) {
	f.Add([]byte(figureLesson(good)))
	f.Add([]byte("---\ntitle: T\nweight: 2\n---\n# H\n\n$x^2$ and $$\\frac{a}{b}$$\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	if b, err := os.ReadFile("../content/concepts/saddle-points.md"); err == nil {
		f.Add(b)
	}
	md := newMarkdown(false)
	m := &mathRenderer{}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer watchdog(src)()
		pg, errs := loadPage(src, "s/l.md", "s/l.md")
		if pg == nil {
			if len(errs) == 0 {
				t.Fatalf("rejected without an error: %q", src)
			}
			return
		}
		parsePage(md, m, pg)
	})
}
