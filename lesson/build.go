package lesson

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark/ast"
)

// Options configure one build. Content and Out are required.
type Options struct {
	Content    fs.FS  // the course
	ContentDir string // how error messages name the content folder, e.g. "content"
	Layouts    fs.FS  // templates and static files overriding the built-in theme; nil for none
	LayoutsDir string // how error messages name the layouts folder
	Out        string // the output folder, replaced as a whole
	Drafts     bool   // include pages with draft: true
	BaseURL    string // overrides the site file's baseURL when not empty
	LiveReload bool   // pages include the preview's reload script
	Cache      *Cache // figures kept between builds; nil for none
}

// Summary says what a build made.
type Summary struct {
	Pages         int
	Figures       int
	FiguresCached int
	Formulas      int
	Static        int
	Duration      time.Duration
}

// rendered is a page after the parse phase.
type parsed struct {
	pg      *page
	src     []byte
	doc     ast.Node
	figures []*Landscape
	toc     []TOCEntry
	math    int
}

// Build builds the course into opt.Out. On any error it returns Errors
// (every mistake found, sorted) and leaves opt.Out untouched.
func Build(ctx context.Context, opt Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	if opt.ContentDir == "" {
		opt.ContentDir = "content"
	}
	if opt.Cache == nil {
		opt.Cache = &Cache{}
	}
	theme, err := loadTheme(opt.Layouts, opt.LayoutsDir)
	if err != nil {
		return sum, err
	}
	c, errs := load(opt.Content, opt.ContentDir, opt.Drafts)
	if opt.BaseURL != "" {
		c.site.BaseURL = opt.BaseURL
	}
	if c.site.BaseURL != "" && !strings.HasSuffix(c.site.BaseURL, "/") {
		c.site.BaseURL += "/"
	}
	md := newMarkdown(c.site.UnsafeHTML)
	math := &mathRenderer{}

	// Parse every page, decode every directive and convert every formula.
	pages := c.allPages()
	parsedPages := make([]*parsed, len(pages))
	var mu sync.Mutex
	parallel(len(pages), func(i int) {
		p, perrs := parsePage(md, math, pages[i])
		parsedPages[i] = p
		mu.Lock()
		errs = append(errs, perrs...)
		mu.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return sum, err
	}

	// Compute every figure, cached by the hash of its directive.
	type job struct {
		p *parsed
		n *Landscape
	}
	var jobs []job
	for _, p := range parsedPages {
		if p == nil {
			continue
		}
		for _, n := range p.figures {
			jobs = append(jobs, job{p, n})
		}
	}
	var cached atomic.Int64
	results := make([]*FigureData, len(jobs))
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		if j.n.spec == nil {
			return
		}
		if fd, ok := opt.Cache.get(j.n.key); ok {
			results[i] = fd
			cached.Add(1)
			return
		}
		fd, err := safeCompute(j.n.spec, j.n.id, &opt.Cache.crit)
		if err != nil {
			mu.Lock()
			errs = append(errs, &Error{File: j.p.pg.name, Line: j.n.Line - 1, Key: "landscape " + quote(j.n.id), Msg: err.Error()})
			mu.Unlock()
			return
		}
		if fd.Formula == "" && j.n.spec.Catalog != nil {
			if m, err := math.render(j.n.spec.Catalog.TeX, false); err == nil {
				fd.Formula = template.HTML(m)
			}
		}
		opt.Cache.put(j.n.key, fd)
		results[i] = fd
	})
	if len(errs) > 0 {
		return sum, errs.sorted()
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	keep := map[string]bool{}
	for i, j := range jobs {
		var b bytes.Buffer
		if err := theme.figure.ExecuteTemplate(&b, "figure", results[i]); err != nil {
			return sum, Errors{templateError(theme.dir, err)}
		}
		j.n.HTML = b.Bytes()
		keep[j.n.key] = true
	}
	opt.Cache.retain(keep)

	// Render pages into a temporary folder and swap it in.
	w, err := newSiteWriter(opt.Out)
	if err != nil {
		return sum, err
	}
	defer w.abandon()
	site := c.siteData(opt.LiveReload)
	var renderErrs Errors
	parallel(len(parsedPages), func(i int) {
		if err := renderPage(w, theme, md, site, c, parsedPages[i]); err != nil {
			mu.Lock()
			renderErrs = append(renderErrs, err)
			mu.Unlock()
		}
	})
	if len(renderErrs) > 0 {
		return sum, renderErrs.sorted()
	}
	n, err := writeExtras(w, theme, opt, c, site)
	if err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := w.commit(); err != nil {
		return sum, err
	}
	sum.Pages = len(pages) + 1 // and the 404 page
	sum.Figures = len(jobs)
	sum.FiguresCached = int(cached.Load())
	sum.Static = n
	for _, p := range parsedPages {
		sum.Formulas += p.math
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// safeCompute turns a panic inside one figure into an error for that figure.
func safeCompute(s *figureSpec, id string, crit *criticalCache) (fd *FigureData, err error) {
	defer func() {
		if r := recover(); r != nil {
			fd, err = nil, fmt.Errorf("internal error while computing the figure (please report it): %v\n%s", r, firstFrames(debug.Stack()))
		}
	}()
	return computeFigure(s, id, crit)
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	return strings.Join(lines[:min(len(lines), 12)], "\n")
}

// parallel runs f(0) … f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

func (c *course) allPages() []*page {
	pages := []*page{c.home}
	for _, s := range c.sections {
		if s.file != "" || len(s.body) > 0 {
			pages = append(pages, &page{file: s.dir + "/_index.md", name: s.file, fm: s.fm, body: s.body, bodyLine: s.line, section: s, url: s.url})
		} else {
			pages = append(pages, &page{file: s.dir + "/_index.md", name: s.dir + "/_index.md", fm: s.fm, section: s, url: s.url})
		}
		pages = append(pages, s.pages...)
	}
	return pages
}
