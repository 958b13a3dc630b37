package lesson

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark/ast"
)

// Options configure one build. Content is required, and Out or Memory.
type Options struct {
	Content    fs.FS       // the course
	ContentDir string      // how error messages name the content folder, e.g. "content"
	Layouts    fs.FS       // templates and static files overriding the built-in theme; nil for none
	LayoutsDir string      // how error messages name the layouts folder
	Out        string      // the output folder, replaced as a whole
	Memory     *MemorySite // with Out empty: where the site goes instead of a folder
	Drafts     bool        // include pages with draft: true
	BaseURL    string      // overrides the site file's baseURL when not empty
	LiveReload bool        // pages include the preview's reload script
	Cache      *Cache      // figures and pages kept between builds; nil for none
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

// Build builds the course into opt.Out (or opt.Memory). On any error it
// returns Errors (every mistake found, sorted) and leaves the previous site
// untouched.
func Build(ctx context.Context, opt Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	if (opt.Out == "") == (opt.Memory == nil) {
		return sum, errors.New("lesson: Options needs either Out or Memory")
	}
	if opt.ContentDir == "" {
		opt.ContentDir = "content"
	}
	if opt.Cache == nil {
		opt.Cache = &Cache{none: true}
	}
	defer opt.Cache.flush()
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
	site := c.siteData(opt.LiveReload)

	// Pages unchanged since the last build into the same place are taken
	// from it.
	pages := c.allPages()
	keys := make([]string, len(pages))
	if !opt.Cache.none || opt.Memory != nil {
		keys = pageKeys(pages, theme, site, c.site)
	}
	var last siteRecord
	reusable := func(rel, key string) bool { _, ok := last.reusable(opt.Out, rel, key); return ok }
	if opt.Memory != nil {
		last, reusable = opt.Memory.records(), opt.Memory.reusable
	} else {
		last = opt.Cache.site(opt.Out)
	}
	reused := make([]bool, len(pages))
	for i, pg := range pages {
		reused[i] = reusable(pageFile(pg), keys[i])
	}

	// Parse every other page, decode every directive and convert every formula.
	parsedPages := make([]*parsed, len(pages))
	var mu sync.Mutex
	parallel(len(pages), func(i int) {
		if reused[i] {
			return
		}
		p, perrs := parsePage(md, math, pages[i])
		parsedPages[i] = p
		mu.Lock()
		errs = append(errs, perrs...)
		mu.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return sum, err
	}

	// Compute every figure, cached by the hash of its directive, and render
	// each page into a temporary folder as soon as its figures are ready, so
	// that a figure's HTML is held only until its page is written. After the
	// first error nothing more is rendered, but every figure is still
	// computed, to report every mistake.
	var w output
	if len(errs) == 0 {
		if opt.Memory != nil {
			w = opt.Memory.writer()
		} else if w, err = newSiteWriter(opt.Out, opt.Cache); err != nil {
			return sum, err
		}
		defer w.abandon()
	}
	type job struct {
		page int
		n    *Landscape
	}
	var jobs []job
	pending := make([]atomic.Int32, len(pages))
	for i, p := range parsedPages {
		if p == nil {
			continue
		}
		for _, n := range p.figures {
			jobs = append(jobs, job{i, n})
		}
		pending[i].Store(int32(len(p.figures)))
	}
	var failed atomic.Bool
	failed.Store(len(errs) > 0)
	fail := func(e *Error) {
		failed.Store(true)
		mu.Lock()
		errs = append(errs, e)
		mu.Unlock()
	}
	render := func(i int) {
		if failed.Load() {
			return
		}
		if reused[i] {
			if err := w.reuse(pageFile(pages[i])); err != nil {
				fail(&Error{File: w.name(), Msg: err.Error()})
			}
			return
		}
		p := parsedPages[i]
		if err := renderPage(w, theme, md, site, c, p); err != nil {
			fail(err)
		}
		p.doc = nil
		for _, n := range p.figures {
			n.HTML = nil
		}
	}
	var cached atomic.Int64
	var layers layerCache
	parallel(len(jobs)+len(pages), func(t int) {
		if t >= len(jobs) { // a page without figures
			if i := t - len(jobs); parsedPages[i] == nil || len(parsedPages[i].figures) == 0 {
				render(i)
			}
			return
		}
		j := jobs[t]
		if j.n.spec == nil {
			return
		}
		fd, ok := opt.Cache.get(j.n.key)
		if ok {
			cached.Add(1)
		} else {
			var err error
			fd, err = safeCompute(j.n.spec, j.n.id, &opt.Cache.crit, &layers)
			if err != nil {
				fail(&Error{File: pages[j.page].name, Line: j.n.Line - 1, Key: "landscape " + quote(j.n.id), Msg: err.Error()})
				return
			}
			if fd.Formula == "" && j.n.spec.Catalog != nil {
				if m, err := math.render(j.n.spec.Catalog.TeX, false); err == nil {
					fd.Formula = template.HTML(m)
				}
			}
			opt.Cache.put(j.n.key, fd)
		}
		var b bytes.Buffer
		b.Grow(len(fd.Main) + len(fd.Loss) + len(fd.JSON) + 16384)
		if err := theme.figure.ExecuteTemplate(&b, "figure", fd); err != nil {
			fail(templateError(theme.dir, err))
			return
		}
		j.n.HTML = b.Bytes()
		if pending[j.page].Add(-1) == 0 {
			render(j.page)
		}
	})
	if len(errs) > 0 {
		return sum, errs.sorted()
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}

	// Remember what each page was made of, for the cache and the next build.
	keep := map[string]bool{}
	next := siteRecord{}
	for i, pg := range pages {
		rec := last[pageFile(pg)]
		if !reused[i] {
			p := parsedPages[i]
			rec = pageRecord{Key: keys[i], Formulas: p.math}
			for _, n := range p.figures {
				rec.Figures = append(rec.Figures, n.key)
			}
		} else {
			sum.FiguresCached += len(rec.Figures)
		}
		for _, k := range rec.Figures {
			keep[k] = true
		}
		sum.Figures += len(rec.Figures)
		sum.Formulas += rec.Formulas
		next[pageFile(pg)] = rec
	}
	opt.Cache.retain(keep)
	n, err := writeExtras(w, theme, opt, c, site)
	if err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := w.commit(next); err != nil {
		return sum, err
	}
	sum.Pages = len(pages) + 1 // and the 404 page
	sum.FiguresCached += int(cached.Load())
	sum.Static = n
	sum.Duration = time.Since(start)
	return sum, nil
}

// safeCompute turns a panic inside one figure into an error for that figure.
func safeCompute(s *figureSpec, id string, crit *criticalCache, layers *layerCache) (fd *FigureData, err error) {
	defer func() {
		if r := recover(); r != nil {
			fd, err = nil, fmt.Errorf("internal error while computing the figure (please report it): %v\n%s", r, firstFrames(debug.Stack()))
		}
	}()
	return computeFigure(s, id, crit, layers)
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

// pageFile is where a page is written in the site.
func pageFile(pg *page) string { return path.Join(pg.url, "index.html") }

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
