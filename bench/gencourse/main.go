// Command gencourse writes a synthetic course for timing builds.
//
// Usage:
//
//	go run ./bench/gencourse -n N -out DIR [-sections 10] [-plain [-hugo DIR] [-nav window|section|all]]
//
// It writes N lessons spread over -sections sections into DIR, which must
// not exist or be empty of anything but an earlier course. Each lesson has
// prose, headings, a fenced code block, inline and display formulas and two
// landscape figures of 2-D catalog functions on their default domains, each
// with four runs (gd, momentum, rmsprop, adam) of 300 steps. With -plain the
// lessons are plain Markdown (no figures, no formulas) and the same pages
// are also written as a Hugo site into -hugo (default DIR-hugo), for timing
// Descent against Hugo. Its layout holds what Descent's default theme puts
// on a page. Its navigation lists, with -nav window (the default), the 40
// lessons of the current section nearest the page, as Descent's default
// theme does (lesson.NavWindow); with -nav section all of the current
// section's lessons; with -nav all every lesson of every section. The
// output is the same for the same flags.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"descent/optim"
)

func main() {
	log.SetPrefix("gencourse: ")
	log.SetFlags(0)
	n := flag.Int("n", 1000, "number of lessons")
	out := flag.String("out", "", "the course folder to write")
	sections := flag.Int("sections", 10, "number of sections")
	plain := flag.Bool("plain", false, "plain Markdown pages, and a Hugo site with the same pages")
	hugo := flag.String("hugo", "", "with -plain: the Hugo site's folder (default: -out with -hugo appended)")
	nav := flag.String("nav", "window", "with -plain: the Hugo site's navigation: the current section's nearest 40 lessons (window), all its lessons (section), or every lesson (all)")
	flag.Parse()
	if *out == "" || *n < 1 || *sections < 1 || flag.NArg() > 0 || navLessons[*nav] == "" {
		flag.Usage()
		os.Exit(2)
	}
	if *hugo == "" {
		*hugo = filepath.Clean(*out) + "-hugo"
	}
	g := &gen{n: *n, sections: min(*sections, *n), plain: *plain, nav: *nav, fns: functions2D()}
	if err := g.descent(*out); err != nil {
		log.Fatal(err)
	}
	if *plain {
		if err := g.hugo(*hugo); err != nil {
			log.Fatal(err)
		}
	}
}

type gen struct {
	n, sections int
	plain       bool
	nav         string // the Hugo site's navigation: a key of navLessons
	fns         []*optim.Function
}

// functions2D lists the catalog's functions of two variables.
func functions2D() []*optim.Function {
	var fns []*optim.Function
	for _, name := range optim.CatalogNames() {
		f, err := optim.Lookup(name, nil)
		if err != nil {
			log.Fatal(err)
		}
		if f.Dim() == 2 {
			fns = append(fns, f)
		}
	}
	return fns
}

// page is one file of the course, with its path relative to the content folder.
type page struct {
	path, title, desc string
	weight            int
	body              string
}

// pages returns the home page, the section pages and the lessons.
func (g *gen) pages() []page {
	kind := "Synthetic"
	if g.plain {
		kind = "Plain"
	}
	ps := []page{{path: "_index.md", title: kind + " course", desc: fmt.Sprintf("%d generated lessons for timing builds.", g.n),
		body: "A generated course. Every lesson is made of the same kinds of blocks as the sample course.\n"}}
	for s := range g.sections {
		ps = append(ps, page{path: sectionDir(s) + "/_index.md", title: fmt.Sprintf("Section %d", s+1), weight: s + 1,
			desc: fmt.Sprintf("Generated section %d.", s+1), body: "Lessons of one generated section.\n"})
	}
	for i := range g.n {
		s := i * g.sections / g.n
		ps = append(ps, page{path: fmt.Sprintf("%s/lesson-%05d.md", sectionDir(s), i+1),
			title: fmt.Sprintf("Lesson %d", i+1), weight: i + 1,
			desc: fmt.Sprintf("Generated lesson number %d.", i+1), body: g.lesson(i)})
	}
	return ps
}

func sectionDir(s int) string { return fmt.Sprintf("section-%02d", s+1) }

func (g *gen) descent(dir string) error {
	site := fmt.Sprintf("title: %q\ndescription: \"Generated for timing builds.\"\nbaseURL: https://example.org/bench/\n", "Bench: "+g.pages()[0].title)
	if err := write(dir, "site.yaml", site); err != nil {
		return err
	}
	for _, p := range g.pages() {
		if err := write(dir, p.path, p.frontMatter()+p.body); err != nil {
			return err
		}
	}
	return nil
}

func (p page) frontMatter() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\n", p.title, p.desc)
	if p.weight > 0 {
		fmt.Fprintf(&b, "weight: %d\n", p.weight)
	}
	b.WriteString("---\n\n")
	return b.String()
}

func write(dir, rel, text string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

var words = strings.Fields(`the gradient points uphill so every step of descent walks against it
and the learning rate sets how far a small rate crawls a large one overshoots momentum
remembers the previous steps while adaptive methods scale each coordinate by the history of
its squared gradients curvature decides how fast a valley can be crossed saddle points slow
the walk because the gradient vanishes there plateaus are wide and flat minima may be local
or global and the landscape of a loss function is rarely convex in practice`)

// lesson returns a lesson's Markdown: about 5 KB, like the sample course's.
func (g *gen) lesson(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	var b strings.Builder
	para := func() {
		n := 60 + r.IntN(40)
		for k := range n {
			w := words[r.IntN(len(words))]
			if k == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			switch {
			case k == n-1:
				b.WriteString(".\n\n")
			case r.IntN(12) == 0:
				b.WriteString(", ")
			case !g.plain && r.IntN(30) == 0:
				fmt.Fprintf(&b, " $\\theta_{%d} - \\eta \\nabla L$ ", k)
			case r.IntN(25) == 0:
				b.WriteString(" **steadily** ")
			default:
				b.WriteByte(' ')
			}
		}
	}
	para()
	para()
	b.WriteString("## The update rule\n\n")
	para()
	if !g.plain {
		b.WriteString("$$\n\\theta_{t+1} = \\theta_t - \\eta \\nabla L(\\theta_t) + \\gamma \\left( \\theta_t - \\theta_{t-1} \\right) .\n$$\n\n")
	}
	b.WriteString("In code, one step reads:\n\n```python\nfor step in range(steps):\n    g = grad(x)\n    v = momentum * v + g\n    x = x - lr * v\n    history.append(x.copy())\n```\n\n")
	para()
	if !g.plain {
		g.figure(&b, i, 0)
	}
	b.WriteString("## What the picture shows\n\n")
	para()
	para()
	b.WriteString("### A closer look\n\n")
	para()
	if !g.plain {
		b.WriteString("$$\nv_t = \\beta v_{t-1} + (1 - \\beta) g_t^2, \\qquad x_{t+1} = x_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} g_t\n$$\n\n")
		g.figure(&b, i, 1)
	}
	b.WriteString("## Summary\n\n- Gradient descent follows the slope.\n- Momentum adds velocity.\n- Adaptive methods rescale each coordinate.\n\n")
	para()
	return b.String()
}

// rates holds a stable plain gradient-descent learning rate per function;
// momentum uses a tenth of it, as a heavy ball with momentum 0.9 moves about
// ten times as far.
var rates = map[string]float64{
	"quadratic": 0.05, "saddle": 0.05, "monkey-saddle": 0.01, "rosenbrock": 0.001,
	"himmelblau": 0.01, "beale": 0.001, "booth": 0.02, "matyas": 0.1,
	"goldstein-price": 1e-5, "rastrigin": 0.002, "ackley": 0.05, "three-hump-camel": 0.01,
	"six-hump-camel": 0.01, "styblinski-tang": 0.01, "levi": 0.002, "mccormick": 0.05,
	"easom": 0.1, "plateau": 0.5, "sine-bowl": 0.1,
}

// figure writes landscape figure k of lesson i: a catalog function on its
// default domain, a start inside it that varies between lessons, and four runs.
func (g *gen) figure(b *strings.Builder, i, k int) {
	f := g.fns[(2*i+k)%len(g.fns)]
	d := f.Domain
	r := rand.New(rand.NewPCG(uint64(i), uint64(k)))
	at := func(iv [2]float64) float64 {
		v := iv[0] + (0.15+0.7*r.Float64())*(iv[1]-iv[0])
		return float64(int(v*100)) / 100
	}
	lr, ok := rates[f.Name]
	if !ok {
		lr = 0.01
	}
	size := max(d.X[1]-d.X[0], d.Y[1]-d.Y[0])
	fmt.Fprintf(b, "```landscape\ntitle: Lesson %d, figure %d on %s\nfunction: %s\nstart: [%g, %g]\nsteps: 300\nruns:\n", i+1, k+1, f.Name, f.Name, at(d.X), at(d.Y))
	fmt.Fprintf(b, "  - optimizer: gd\n    lr: %g\n", lr)
	fmt.Fprintf(b, "  - optimizer: momentum\n    lr: %g\n    momentum: 0.9\n", lr/10)
	fmt.Fprintf(b, "  - optimizer: rmsprop\n    lr: %g\n", round2(size/200))
	fmt.Fprintf(b, "  - optimizer: adam\n    lr: %g\n", round2(size/50))
	b.WriteString("```\n\n")
}

// round2 keeps two significant digits.
func round2(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 2, 64), 64)
	return r
}

// hugo writes the same pages as a Hugo site whose layout holds what
// Descent's default theme puts on a page: the navigation of every section
// and lesson, the title and description, a table of contents, the content,
// and links to the previous and next lesson.
func (g *gen) hugo(dir string) error {
	files := map[string]string{
		"hugo.toml":                    hugoConfig,
		"layouts/_default/baseof.html": strings.Replace(hugoBase, "{{navLessons}}", navLessons[g.nav], 1),
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/404.html":             hugo404,
		"static/style.css":             "body { font-family: system-ui, sans-serif; }\n",
	}
	for rel, text := range files {
		if err := write(dir, rel, text); err != nil {
			return err
		}
	}
	for _, p := range g.pages() {
		if err := write(dir, "content/"+p.path, p.frontMatter()+p.body); err != nil {
			return err
		}
	}
	return nil
}

const hugoConfig = `baseURL = "https://example.org/bench/"
title = "Bench: Plain course"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false
[markup.highlight]
  noClasses = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
`

const hugoBase = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if not .IsHome}}{{.Title}} — {{end}}{{.Site.Title}}</title>
{{with or .Description .Site.Params.description}}<meta name="description" content="{{.}}">{{end}}
<link rel="canonical" href="{{.Permalink}}">
<link rel="stylesheet" href="{{"style.css" | relURL}}">
</head>
<body class="kind-{{.Kind}}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="site-title" href="{{"" | relURL}}">{{.Site.Title}}</a></header>
<div class="layout">
<nav class="site-nav" aria-label="Lessons">
<ol class="nav-sections">
{{- $cur := .}}
{{- range .Site.Sections.ByWeight}}
<li class="nav-section{{if or (eq $cur .) ($cur.IsDescendant .)}} current{{end}}">
<a class="nav-section-title" href="{{.RelPermalink}}">{{.Title}}</a>
{{navLessons}}
</li>
{{- end}}
</ol>
</nav>
<main id="main" tabindex="-1">
{{block "main" .}}{{end}}
</main>
</div>
<footer class="site-footer"><p><a href="{{"" | relURL}}">{{.Site.Title}}</a></p><p class="built-with">Built with Hugo.</p></footer>
</body>
</html>
`

// navLessons lists a section's lessons in the navigation: every section's
// (all), only the current one's (section), or the current one's 40 nearest
// the page, with links to the section for the rest (window).
var navLessons = map[string]string{
	"all":     navList,
	"section": "{{if or (eq $cur .) ($cur.IsDescendant .)}}" + navList + "{{end}}",
	"window": `{{if or (eq $cur .) ($cur.IsDescendant .)}}
{{- $pages := .Pages.ByWeight}}{{$n := len $pages}}{{$at := 0}}
{{- range $i, $p := $pages}}{{if eq $p $cur}}{{$at = $i}}{{end}}{{end}}
{{- $lo := 0}}{{if gt $n 40}}{{$lo = int (math.Min (math.Max (sub $at 20) 0) (sub $n 40))}}{{end}}
{{- $sec := .}}
<ol class="nav-lessons">
{{- if gt $lo 0}}
<li class="nav-more"><a href="{{$sec.RelPermalink}}">… all {{$n}} lessons</a></li>
{{- end}}
{{- range first 40 (after $lo $pages)}}
<li><a href="{{.RelPermalink}}"{{if eq $cur .}} aria-current="page"{{end}}>{{.Title}}</a></li>
{{- end}}
{{- if lt (add $lo 40) $n}}
<li class="nav-more"><a href="{{$sec.RelPermalink}}">… all {{$n}} lessons</a></li>
{{- end}}
</ol>{{end}}`,
}

const navList = `<ol class="nav-lessons">
{{- range .Pages.ByWeight}}
<li><a href="{{.RelPermalink}}"{{if eq $cur .}} aria-current="page"{{end}}>{{.Title}}</a></li>
{{- end}}
</ol>`

const hugoSingle = `{{define "main"}}
<article class="lesson">
<header class="page-header">
{{with .Parent}}<p class="breadcrumb"><a href="{{.RelPermalink}}">{{.Title}}</a></p>{{end}}
<h1>{{.Title}}</h1>
{{with .Description}}<p class="lead">{{.}}</p>{{end}}
</header>
<nav class="toc" aria-label="On this page"><h2 class="toc-title">On this page</h2>{{.TableOfContents}}</nav>
<div class="content">
{{.Content}}
</div>
</article>
<nav class="pager" aria-label="Previous and next lesson">
{{with .NextInSection}}<a class="pager-prev" rel="prev" href="{{.RelPermalink}}">Previous {{.Title}}</a>{{end}}
{{with .PrevInSection}}<a class="pager-next" rel="next" href="{{.RelPermalink}}">Next {{.Title}}</a>{{end}}
</nav>
{{end}}
`

const hugoList = `{{define "main"}}
<article class="section">
<h1>{{.Title}}</h1>
{{with .Description}}<p class="lead">{{.}}</p>{{end}}
{{.Content}}
<ul>
{{- range .Pages.ByWeight}}
<li><a href="{{.RelPermalink}}">{{.Title}}</a>{{with .Description}} {{.}}{{end}}</li>
{{- end}}
</ul>
</article>
{{end}}
`

const hugo404 = `{{define "main"}}<h1>Page not found</h1>{{end}}
`
