package lesson

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// courseFS turns a txtar archive into a content folder.
func courseFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func build(t *testing.T, archive string) (string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), Options{Content: courseFS(archive), Out: out})
	return out, err
}

func readOut(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// idCounts counts the elements of a built page by id.
func idCounts(html string) map[string]int {
	ids := map[string]int{}
	for _, m := range idRE.FindAllStringSubmatch(html, -1) {
		ids[m[1]]++
	}
	return ids
}

var idRE = regexp.MustCompile(`\sid="([^"]*)"`)

var dataRE = regexp.MustCompile(`(?s)<script type="application/json" class="landscape-data">(.*?)</script>`)

// figures returns the JSON of every figure on a built page.
func figures(t *testing.T, html string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range dataRE.FindAllStringSubmatch(html, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatalf("figure JSON: %v\n%s", err, m[1])
		}
		out = append(out, v)
	}
	return out
}

const smallCourse = `
-- site.yaml --
title: Test course
baseURL: https://example.org/course/
-- _index.md --
---
title: Home
---
Welcome.
-- basics/_index.md --
---
title: Basics
weight: 1
---
The basics.
-- basics/valley.md --
---
title: The valley
description: Momentum in a valley.
weight: 2
---
## Setting

Rosenbrock's function is $(a-x)^2 + b(y-x^2)^2$.

$$
f(x, y) = (1 - x)^2 + 100 (y - x^2)^2
$$

` + "```landscape" + `
title: Momentum on Rosenbrock
function: rosenbrock
domain: {x: [-2, 2], y: [-1, 3]}
start: [-1.5, 2.5]
steps: 50
runs:
  - optimizer: gd
    lr: 1e-3
  - optimizer: momentum
    lr: 0.001
    label: heavy ball
  - optimizer: adam
    lr: [0.01, 0.05]
` + "```" + `

## Too far

` + "```landscape" + `
function: rosenbrock
start: [-0.5, 1.5]
steps: 100
runs:
  - optimizer: gd
    lr: 0.01
` + "```" + `
-- basics/first.md --
---
title: First steps
weight: 1
---
Gradient descent on a curve.

` + "```landscape" + `
function: "x^2"
domain: {x: [-2, 2]}
start: [1.5, -1]
steps: 10
runs:
  - optimizer: gd
    lr: 0.1
` + "```" + `
-- basics/draft.md --
---
title: Not yet
draft: true
---
Hidden.
-- basics/diagram.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
`

func TestBuildSite(t *testing.T) {
	t.Parallel()
	out, err := build(t, smallCourse)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "basics/index.html", "basics/valley/index.html", "basics/first/index.html",
		"404.html", "sitemap.xml", "style.css", "landscape.js", "basics/diagram.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "basics/not-yet")); err == nil {
		t.Error("a draft was built")
	}
	page := readOut(t, out, "basics/valley/index.html")
	for _, want := range []string{`<figure class="landscape landscape-dim2 landscape-withloss" id="momentum-on-rosenbrock"`, `<math`, `display="block"`, `id="setting"`} {
		if !strings.Contains(page, want) {
			t.Errorf("valley page lacks %s", want)
		}
	}
	figs := figures(t, page)
	if len(figs) != 2 {
		t.Fatalf("%d figures, want 2", len(figs))
	}
	f := figs[0]
	if f["id"] != "momentum-on-rosenbrock" || f["function"] != "rosenbrock" {
		t.Errorf("figure id/function: %v %v", f["id"], f["function"])
	}
	runs := f["runs"].([]any)
	if len(runs) != 4 {
		t.Fatalf("%d runs, want 4 (gd, momentum, and adam swept over two rates)", len(runs))
	}
	gd := runs[0].(map[string]any)
	if gd["label"] != "gd, lr=0.001" || len(gd["points"].([]any)) != 51 || gd["stopped_at"] != nil || gd["diverged"] != false {
		t.Errorf("gd run: label %v, %d points, stopped_at %v", gd["label"], len(gd["points"].([]any)), gd["stopped_at"])
	}
	mom := runs[1].(map[string]any)
	params := mom["params"].(map[string]any)
	if mom["label"] != "heavy ball" || params["momentum"] != 0.9 || params["dampening"] != 0.0 || params["lr"] != 0.001 {
		t.Errorf("momentum run: %v %v", mom["label"], params)
	}
	adam := runs[3].(map[string]any)
	if adam["label"] != "adam, lr=0.05" || adam["params"].(map[string]any)["amsgrad"] != false {
		t.Errorf("adam sweep run: %v %v", adam["label"], adam["params"])
	}
	sweeps := f["sweeps"].([]any)
	if len(sweeps) != 1 || sweeps[0].(map[string]any)["setting"] != "lr" {
		t.Errorf("sweeps: %v", sweeps)
	}
	cps := f["critical_points"].([]any)
	if len(cps) != 1 || cps[0].(map[string]any)["kind"] != "minimum" || cps[0].(map[string]any)["x"] != 1.0 {
		t.Errorf("critical points: %v", cps)
	}
	// The second figure diverges, as the seed's largest learning rate does.
	div := figs[1]["runs"].([]any)[0].(map[string]any)
	if div["diverged"] != true || div["stopped_at"] == nil {
		t.Errorf("lr 0.01 on Rosenbrock from (-0.5, 1.5) should diverge: %v", div["stopped_at"])
	}
	if got := len(div["points"].([]any)); float64(got) != div["stopped_at"].(float64) {
		t.Errorf("a diverged run keeps steps 0…stopped_at−1: %d points, stopped at %v", got, div["stopped_at"])
	}
	first := figures(t, readOut(t, out, "basics/first/index.html"))[0]
	if first["dim"] != 1.0 || len(first["runs"].([]any)) != 2 {
		t.Errorf("1-D figure: dim %v, %d runs", first["dim"], len(first["runs"].([]any)))
	}
	if p := first["runs"].([]any)[0].(map[string]any)["points"].([]any)[0].([]any); len(p) != 1 {
		t.Errorf("a 1-D point is [x], got %v", p)
	}
	sm := readOut(t, out, "sitemap.xml")
	if !strings.Contains(sm, "<loc>https://example.org/course/basics/valley/</loc>") {
		t.Errorf("sitemap:\n%s", sm)
	}
	// Previous/next links follow weights: first steps, then the valley.
	if !strings.Contains(page, "first/") {
		t.Error("the valley page has no link back to First steps")
	}
}

// TestFailedBuildKeepsOutput checks that a failed build leaves the previous
// site byte for byte.
func TestFailedBuildKeepsOutput(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: courseFS(smallCourse), Out: out}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	broken := strings.Replace(smallCourse, "lr: 1e-3", "lr: fast", 1)
	_, err := Build(context.Background(), Options{Content: courseFS(broken), Out: out})
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	if after := snapshot(t, out); !equalMaps(before, after) {
		t.Error("a failed build changed the output")
	}
	// The lock file stays, by design (store.NewFolder); nothing else may.
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*"))
	leftovers = slices.DeleteFunc(leftovers, func(p string) bool { return filepath.Base(p) == ".public.descent-lock" })
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return nil
	})
	return m
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A large section's navigation lists the NavWindow lessons nearest the page
// and links to the section for the rest.
func TestNavWindow(t *testing.T) {
	t.Parallel()
	const n = NavWindow + 10
	content := fstest.MapFS{
		"site.yaml":     {Data: []byte("title: Big\n")},
		"big/_index.md": {Data: []byte("---\ntitle: Big section\n---\n")},
	}
	for i := 1; i <= n; i++ {
		content[fmt.Sprintf("big/l%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Lesson %d\nweight: %d\n---\n\nText.\n", i, i))}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
		t.Fatal(err)
	}
	nav := func(page string) string {
		b, err := os.ReadFile(filepath.Join(out, page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		return s[strings.Index(s, `<nav class="site-nav"`):strings.Index(s, "</nav>")]
	}
	tests := []struct {
		page          string
		first, last   int
		before, after bool
	}{
		{"big", 1, NavWindow, false, true},
		{"big/l01", 1, NavWindow, false, true},
		{"big/l30", 30 - NavWindow/2, 30 + NavWindow/2 - 1, true, true},
		{fmt.Sprintf("big/l%02d", n), n - NavWindow + 1, n, true, false},
	}
	for _, tt := range tests {
		got := nav(tt.page)
		if c := strings.Count(got, `<li><a href=`); c != NavWindow {
			t.Errorf("%s: %d lessons listed, want %d", tt.page, c, NavWindow)
		}
		if !strings.Contains(got, fmt.Sprintf(">Lesson %d<", tt.first)) || !strings.Contains(got, fmt.Sprintf(">Lesson %d<", tt.last)) ||
			strings.Contains(got, fmt.Sprintf(">Lesson %d<", tt.first-1)) || strings.Contains(got, fmt.Sprintf(">Lesson %d<", tt.last+1)) {
			t.Errorf("%s: want lessons %d to %d listed:\n%s", tt.page, tt.first, tt.last, got)
		}
		more := fmt.Sprintf("… all %d lessons", n)
		if i := strings.Index(got, more); (i >= 0 && i < strings.Index(got, ">Lesson ")) != tt.before {
			t.Errorf("%s: a link to the rest before: %v, want %v", tt.page, !tt.before, tt.before)
		}
		if got, want := strings.Count(got, more), btoi(tt.before)+btoi(tt.after); got != want {
			t.Errorf("%s: %d links to the rest, want %d", tt.page, got, want)
		}
		if tt.page != "big" && !strings.Contains(got, `aria-current="page">Lesson`) {
			t.Errorf("%s: the current lesson is not marked", tt.page)
		}
	}
}

// A sidebar link, made once for all the pages that list it (navLinks), is
// what the theme wrote when it made the link itself on every page: the
// same escaping, and aria-current on the current page's only.
func TestNavLinks(t *testing.T) {
	t.Parallel()
	titles := []string{`A & B + "C" <d> 'e'`, "Ünïcode — x²", "plain"}
	content := fstest.MapFS{"s/_index.md": {Data: []byte("---\ntitle: S\n---\n")}}
	for i, title := range titles {
		content[fmt.Sprintf("s/l%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\nweight: %d\n---\n\nText.\n", title, i))}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
		t.Fatal(err)
	}
	inline := template.Must(template.New("").Parse(`<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a></li>`))
	for page := range titles {
		html := readOut(t, out, fmt.Sprintf("s/l%d/index.html", page))
		nav := html[strings.Index(html, `<nav class="site-nav"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		for i, title := range titles {
			var want strings.Builder
			if err := inline.Execute(&want, NavItem{Title: title, Href: fmt.Sprintf("../../s/l%d/", i), Current: i == page}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(nav, want.String()) {
				t.Errorf("page l%d: the sidebar lacks %s:\n%s", page, want.String(), nav)
			}
		}
		if n := strings.Count(nav, `aria-current="page"`); n != 1 {
			t.Errorf("page l%d: %d links marked current, want 1", page, n)
		}
	}
	if html := readOut(t, out, "s/l0/index.html"); !strings.Contains(html, `<li><a href="../../s/l0/" aria-current="page">A &amp; B &#43; &#34;C&#34; &lt;d&gt; &#39;e&#39;</a></li>`) {
		t.Errorf("the first lesson's own link is not escaped as html/template escapes it")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A course of many sections lists the NavWindow sections nearest the page
// and links to the home page, which lists them all.
func TestNavSectionsWindow(t *testing.T) {
	t.Parallel()
	const n = NavWindow + 10
	content := fstest.MapFS{"site.yaml": {Data: []byte("title: Wide\n")}}
	for i := 1; i <= n; i++ {
		content[fmt.Sprintf("s%02d/_index.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Section %d\nweight: %d\n---\n", i, i))}
		content[fmt.Sprintf("s%02d/l.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Lesson of %d\n---\n\nText.\n", i))}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page          string
		first, last   int
		before, after bool
	}{
		{"", 1, NavWindow, false, true},
		{"404.html", 1, NavWindow, false, true},
		{"s30/l", 30 - NavWindow/2, 30 + NavWindow/2 - 1, true, true},
		{fmt.Sprintf("s%02d", n), n - NavWindow + 1, n, true, false},
	}
	for _, tt := range tests {
		file := filepath.Join(out, tt.page, "index.html")
		if strings.HasSuffix(tt.page, ".html") {
			file = filepath.Join(out, tt.page)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		nav := string(b)
		nav = nav[strings.Index(nav, `<nav class="site-nav"`):strings.Index(nav, "</nav>")]
		if c := strings.Count(nav, `class="nav-section-title"`); c != NavWindow {
			t.Errorf("%s: %d sections listed, want %d", tt.page, c, NavWindow)
		}
		for _, i := range []int{tt.first, tt.last} {
			if !strings.Contains(nav, fmt.Sprintf(">Section %d<", i)) {
				t.Errorf("%s: section %d not listed", tt.page, i)
			}
		}
		for _, i := range []int{tt.first - 1, tt.last + 1} {
			if strings.Contains(nav, fmt.Sprintf(">Section %d<", i)) {
				t.Errorf("%s: section %d listed", tt.page, i)
			}
		}
		more := fmt.Sprintf("… all %d sections", n)
		if got, want := strings.Count(nav, more), btoi(tt.before)+btoi(tt.after); got != want {
			t.Errorf("%s: %d links to all sections, want %d", tt.page, got, want)
		}
		if tt.before && strings.Index(nav, more) > strings.Index(nav, "nav-section-title") {
			t.Errorf("%s: the link to the sections before comes after the first section", tt.page)
		}
	}
}
