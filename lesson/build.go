package lesson

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"descent/diag"
	"descent/figure"
	"descent/markup"
	"descent/store"
)

// Options configure one build. Content is required, and Out or Memory.
type Options struct {
	Content    fs.FS         // the course; read from several goroutines at once
	ContentDir string        // how error messages name the content folder, e.g. "content"
	Layouts    fs.FS         // templates and static files overriding the built-in theme; nil for none
	LayoutsDir string        // how error messages name the layouts folder
	Out        string        // the output folder, replaced as a whole
	Memory     *MemorySite   // with Out empty: where the site goes instead of a folder
	Drafts     bool          // include pages with draft: true
	BaseURL    string        // overrides the site file's baseURL when not empty
	LiveReload bool          // pages include the preview's reload script
	Cache      *Cache        // figures and pages kept between builds; nil for none
	Memo       *figure.Memo  // critical points shared by the builds of one process; nil for none
	TextMemo   *TextMemo     // front matter and link tables, the same; nil for none
	PageBytes  int           // the most a page's template may write; 0 for 64 MiB
	PageTime   time.Duration // the longest a page's template may run; 0 for 10 s
	// Ready, if set, is told as soon as the new pages are in place. With
	// Memory, the search index of the new text is then made in a second
	// swap, before Build returns: the preview announces an edit without
	// waiting for the index (a third of a rebuild on 1,000 lessons). The
	// first build, with no index to keep meanwhile, makes it first.
	Ready func(Summary)
}

// Cache keeps computed figures and the records of built sites between
// builds (package store): its zero value in memory, OpenCache in a folder.
type Cache = store.Cache[*figure.Data]

// MemorySite keeps a built site in memory instead of a folder (package
// store): cmd/serve's preview.
type MemorySite = store.MemorySite

// OpenCache returns a cache that keeps figures in dir between runs of the
// same executable; builds may share dir, concurrently too.
func OpenCache(dir string) (*Cache, error) { return store.Open[*figure.Data](dir) }

// A figure gives its SVGs and JSON apart to the cache folder; were the
// methods to drift, the cache would fall back to copying them, silently.
var _ store.Blobs[*figure.Data] = (*figure.Data)(nil)

// DefaultCacheDir is where the commands keep figures unless told otherwise:
// descent in the user's cache folder, or "" if there is none.
func DefaultCacheDir() string { return store.DefaultDir() }

// Summary says what a build made.
type Summary struct {
	Pages         int
	Figures       int
	FiguresCached int
	Formulas      int
	Static        int
	Duration      time.Duration
}

// builder is one run of Build: the course, what is known of the previous
// site, and each page's progress through the phases.
type builder struct {
	start time.Time
	ctx   context.Context
	lim   execLimits
	opt   Options
	theme *theme
	// themeRead is closed once theme (nil if it has mistakes) and
	// themeErr are set: the theme is read while the course is loaded
	// and parsed, which need nothing of it.
	themeRead chan struct{}
	themeErr  error
	themeSeen bool // awaitTheme has added the theme's mistakes
	course    *course
	conv      *markup.Converter
	site      SiteData
	memo      *figure.Memo

	pages  []*page
	keys   []string // each page's key (pageKeys)
	global string   // the key of what every page depends on (pageKeys)
	reused []bool   // the page is taken from the previous site
	last   store.SiteRecord
	parsed []*parsed    // nil for reused pages
	sites  *siteIndex   // every page's anchors, the course's files and bibliography
	out    store.Output // nil if the course has mistakes
	static *background  // the static files being written, with out
	extras *background  // the 404 page, the sitemap and (unless Ready defers it) the search index
	next   store.SiteRecord
	keep   map[string]bool // the figures the pages use
	counts Summary         // what records counted

	mu   sync.Mutex
	errs Errors
	// ahead bounds the figures computed and not yet rendered (precompute):
	// the data of one runs to hundreds of kilobytes.
	ahead  chan struct{}
	failed atomic.Bool  // nothing more is rendered
	cached atomic.Int64 // figures taken from the cache
}

// parsed is a page after the parse phase.
type parsed struct {
	pg      *page
	doc     *markup.Doc
	figures []*pageFigure
	pending atomic.Int32        // figures not yet rendered
	work    int                 // trajectory steps of its figures (figureWork)
	text    []store.TextSection // the text and terms for the search index (searchText)

	titleHTML, descriptionHTML template.HTML // the front matter's, when it holds formulas

	references string // the reference list's HTML, written after the page's text
	table      string // the table of exports its references to other pages were resolved against
}

// Limits on the work of one lesson and of one build, so that no course can
// exhaust the machine: a lesson of 60 figures at the figure limits took
// 3.7 GB. Work is counted in trajectory steps; a figure at its own limits
// is 24 × 5,000 = 120,000. The sample course's largest lesson is under
// 20,000.
const (
	maxFiguresPerPage  = 16
	maxWorkPerPage     = 400_000
	maxFiguresPerBuild = 5_000
	maxWorkPerBuild    = 20_000_000
)

// figureWork is how many optimizer steps a figure takes: each run's starts
// × sweep values × steps.
func figureWork(s *figure.Spec) int {
	work := 0
	for _, r := range s.Runs {
		starts, steps := len(s.Starts), s.Steps
		if r.Starts != nil {
			starts = len(r.Starts)
		}
		if r.Steps > 0 {
			steps = r.Steps
		}
		work += max(1, starts) * max(1, len(r.Values)) * steps
	}
	return work
}

// pageFigure is one landscape directive of a page.
type pageFigure struct {
	node *markup.Landscape
	spec *figure.Spec // nil if the directive has mistakes
	id   string
	// label names the figure for @fig-…: its id: or its title's slug, told
	// apart from the page's other figures only. A heading of the same
	// words takes the id (the figure's becomes bowl-2), not the label.
	label string
	key   string
	buf   *bytes.Buffer // node.HTML's buffer, back to pageBuffers once the page is written
	// ready is closed once precompute has set data and err (the figure
	// computed, or taken from the cache) or has stopped without it.
	ready chan struct{}
	data  *figure.Data
	err   error
	held  bool // the figure holds a place in builder.ahead until figure takes its data
}

// Build builds the course into opt.Out (or opt.Memory). On any error it
// returns Errors (every mistake found, sorted) and leaves the previous site
// untouched. It runs in phases: load, plan, parse, compute and render, write.
func Build(ctx context.Context, opt Options) (Summary, error) {
	start := time.Now()
	if (opt.Out == "") == (opt.Memory == nil) {
		return Summary{}, errors.New("lesson: Options needs either Out or Memory")
	}
	defer opt.Cache.Flush()
	b, err := load(opt)
	if err != nil {
		return Summary{}, err
	}
	b.ctx, b.lim, b.start = ctx, opt.execLimits(), start
	if err := b.plan(); err != nil {
		return Summary{}, err
	}
	b.parse()
	// Not a figure is computed if the course is over the limit of what
	// one build does: computing it all only to report other mistakes
	// would be the exhaustion the limit prevents.
	over := b.checkBuildWork()
	if !over {
		defer b.precompute()()
	}
	b.resolve()
	if err := b.awaitTheme(); err != nil {
		return Summary{}, err
	}
	if b.theme == nil || over { // the theme's errors, or the limit's, are in b.errs
		return Summary{}, b.errs.Sorted()
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	if len(b.errs) == 0 {
		if b.out, err = b.open(); err != nil {
			return Summary{}, err
		}
		defer b.out.Abandon()
		// The static files, the 404 page, the sitemap and the search
		// index depend on nothing the figures make: they are written
		// while the figures are computed.
		b.static = inBackground(func() (int, error) { return writeStatic(b.out, b.theme, b.opt, b.course) })
		defer b.static.wait()
		b.records()
		b.extras = inBackground(func() (int, error) {
			if err := writeExtras(ctx, b.lim, b.out, b.theme, b.course, b.site, b.opt.TextMemo, b.global); err != nil {
				return 0, err
			}
			if b.searchLater() {
				return 0, nil
			}
			return 0, writeSearch(b.out, b.pages, b.next)
		})
		defer b.extras.wait()
	}
	if err := b.computeAndRender(); err != nil {
		if ctx.Err() != nil {
			return Summary{}, ctx.Err() // the errors say only "stopped"
		}
		return Summary{}, err
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	sum, err := b.write(ctx)
	sum.Duration = time.Since(start)
	return sum, err
}

// load reads the course, and starts reading the theme (awaitTheme).
func load(opt Options) (*builder, error) {
	if opt.ContentDir == "" {
		opt.ContentDir = "content"
	}
	b := &builder{opt: opt, themeRead: make(chan struct{})}
	// A preview's rebuild renders the few pages that changed: it leaves
	// the templates to be escaped by the kinds it renders.
	escape := opt.Memory == nil || len(opt.Memory.Records()) == 0
	go func() {
		func() {
			defer close(b.themeRead)
			b.theme, b.themeErr = loadTheme(opt.Layouts, opt.LayoutsDir)
		}()
		if escape {
			b.theme.escape()
		}
	}()
	opt.TextMemo.begin()
	c, errs := loadCourse(opt.Content, opt.ContentDir, opt.Drafts, opt.TextMemo)
	if opt.BaseURL != "" {
		c.site.BaseURL = opt.BaseURL
	}
	if c.site.BaseURL != "" && !strings.HasSuffix(c.site.BaseURL, "/") {
		c.site.BaseURL += "/"
	}
	memo := &figure.Memo{}
	if opt.Memo != nil {
		memo = opt.Memo.Renew()
	}
	conv := markup.New(c.site.UnsafeHTML, layoutIDs(opt.Layouts)...)
	errs = append(errs, c.checkBibMath(inlineFormula(conv))...)
	b.course, b.conv, b.site, b.memo, b.errs = c, conv, c.siteData(b.opt.LiveReload), memo, errs
	return b, nil
}

// awaitTheme waits for the theme and adds its mistakes, and those of the
// course's addresses against it, to b.errs. A broken theme does not hide
// the course's mistakes: both are read, and the course is parsed, before
// the build stops. The error is one that is not a mistake of the course
// or the theme.
func (b *builder) awaitTheme() error {
	<-b.themeRead
	var errs Errors
	if b.themeErr != nil && !errors.As(b.themeErr, &errs) {
		return b.themeErr
	}
	if b.themeSeen {
		return nil
	}
	b.themeSeen = true
	b.errs = append(b.errs, errs...)
	if b.theme != nil {
		b.errs = append(b.errs, checkAddresses(b.course, b.theme, b.opt.ContentDir)...)
	}
	return nil
}

// inlineFormula converts an inline formula with conv, as bib takes it.
func inlineFormula(conv *markup.Converter) func(string) (string, error) {
	return func(tex string) (string, error) { return conv.Formula(tex, false) }
}

// checkBibMath converts the formulas of every title in the bibliography,
// cited or not, so that one that fails is an error at its entry.
func (c *course) checkBibMath(formula func(string) (string, error)) Errors {
	var errs Errors
	for _, e := range c.bib {
		if !strings.Contains(e.Fields["title"], "$") {
			continue
		}
		if _, err := e.TitleHTML(formula); err != nil {
			errs = append(errs, &Error{File: c.bibName, Line: e.TitleLine, Key: "title", Msg: err.Error()})
		}
	}
	return errs
}

// plan finds the pages unchanged since the last build into the same place:
// they are taken from it. Only then does it wait for the theme, which the
// pages' keys depend on; without a theme, none is taken.
func (b *builder) plan() error {
	b.pages = b.course.allPages()
	b.keys = make([]string, len(b.pages))
	b.reused = make([]bool, len(b.pages))
	if b.opt.Cache == nil && b.opt.Memory == nil {
		return nil
	}
	if err := b.awaitTheme(); err != nil || b.theme == nil {
		return err
	}
	b.keys, b.global = pageKeys(b.pages, b.theme, b.site, b.course, b.opt.TextMemo)
	reusable := func(rel, key string) bool { _, ok := b.last.Reusable(b.opt.Out, rel, key); return ok }
	if b.opt.Memory != nil {
		b.last, reusable = b.opt.Memory.Records(), b.opt.Memory.Reusable
	} else {
		b.last = b.opt.Cache.Site(b.opt.Out)
	}
	for i, pg := range b.pages {
		b.reused[i] = reusable(pageFile(pg), b.keys[i])
	}
	return nil
}

// parse parses every other page, decodes every directive and converts every
// formula.
func (b *builder) parse() {
	b.parsed = make([]*parsed, len(b.pages))
	parallel(len(b.pages), func(i int) {
		if b.reused[i] {
			return
		}
		p, errs := b.parsePage(b.pages[i])
		b.parsed[i] = p
		b.mu.Lock()
		b.errs = append(b.errs, errs...)
		b.mu.Unlock()
	})
}

// frontMatterMath converts the formulas of a title or description, tex,
// reporting a mistake at its key's line.
func frontMatterMath(conv *markup.Converter, tex string, line int, key string, l *diag.List) template.HTML {
	if tex == "" {
		return ""
	}
	h, err := mathText(conv, tex)
	if err != nil {
		l.Add(line, key, "%v", err)
	}
	return h
}

// checkBuildWork reports the figure at which the course goes over the
// limits of one build, in reading order, and whether it does.
func (b *builder) checkBuildWork() bool {
	figures, work := 0, 0
	for _, p := range b.parsed {
		if p == nil {
			continue
		}
		for _, f := range p.figures {
			if f.spec == nil {
				continue
			}
			figures++
			work += figureWork(f.spec)
			msg := ""
			switch {
			case figures > maxFiguresPerBuild:
				msg = fmt.Sprintf("the course's figure %d is over the limit of %d figures per build; build the course in parts", figures, maxFiguresPerBuild)
			case work > maxWorkPerBuild:
				msg = fmt.Sprintf("this figure brings the course's work to %d trajectory steps, over the limit of %d per build; take fewer steps or build the course in parts", work, maxWorkPerBuild)
			}
			if msg != "" {
				b.errs = append(b.errs, &Error{File: p.pg.name, Line: f.node.Line - 1, Key: "landscape", Msg: msg})
				return true
			}
		}
	}
	return false
}

// parsePage parses a page and decodes its directives, giving each figure an
// id unique on the page.
func parsePage(conv *markup.Converter, pg *page) (*parsed, Errors) {
	l := &diag.List{File: pg.name}
	p := &parsed{pg: pg, doc: conv.Parse(pg.body, pg.bodyLine, l)}
	p.titleHTML = frontMatterMath(conv, pg.fm.TitleTeX, pg.fm.TitleLine, "title", l)
	p.descriptionHTML = frontMatterMath(conv, pg.fm.DescriptionTeX, pg.fm.DescriptionLine, "description", l)
	used, labels := map[string]bool{}, map[string]bool{} // ids on the page; figures' labels
	for _, id := range conv.Reserved() {
		used[id] = true
	}
	for _, h := range p.doc.TOC {
		used[h.ID] = true
	}
	for i, n := range p.doc.Figures {
		f := &pageFigure{node: n}
		p.figures = append(p.figures, f)
		if i >= maxFiguresPerPage {
			// Reported once; the figures past the limit are not even
			// decoded, so none of them is computed.
			if i == maxFiguresPerPage {
				l.Add(n.Line-1, "landscape", "the lesson's figure %d is over the limit of %d figures per lesson; split the lesson", i+1, maxFiguresPerPage)
			}
			continue
		}
		if p.work > maxWorkPerPage {
			continue // over the limit already, and said so once
		}
		spec, ok := figure.Decode(n.Source, n.Line-1, l)
		if !ok {
			continue
		}
		p.work += figureWork(spec)
		if p.work > maxWorkPerPage {
			l.Add(n.Line-1, "landscape", "this figure brings the lesson's work to %d trajectory steps (starts × sweep values × steps), over the limit of %d per lesson; split the lesson or take fewer steps", p.work, maxWorkPerPage)
			continue
		}
		id := spec.ID
		if slices.Contains(conv.Reserved(), id) {
			l.Add(spec.IDLine, "id", "the id %q is the page layout's own (base.html, or a page template); choose another", id)
			continue
		}
		if id != "" && used[id] {
			l.Add(spec.IDLine, "id", "%q is taken by another figure or heading on this page; choose another", id)
			continue
		}
		if id == "" {
			id = slugify(spec.Title)
		}
		if id == "" {
			id = fmt.Sprintf("figure-%d", i+1)
		}
		label := id
		for base, k := label, 2; labels[label]; k++ {
			label = fmt.Sprintf("%s-%d", base, k)
		}
		labels[label] = true
		for base, k := id, 2; used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base, k)
		}
		used[id] = true
		f.spec, f.id, f.label, f.key = spec, id, label, figure.Key(id, n.Source)
	}
	for i, n := range p.doc.Quizzes {
		if i >= maxQuizzesPerPage {
			l.Add(n.Line-1, "quiz", "the lesson's quiz %d is over the limit of %d quizzes per lesson; split the lesson", i+1, maxQuizzesPerPage)
			break
		}
		id := fmt.Sprintf("quiz-%d", i+1)
		for base, k := id, 2; used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base, k)
		}
		used[id] = true
		renderQuiz(conv, n, id, l)
	}
	p.pending.Store(int32(len(p.figures)))
	return p, l.Errs
}

// fail records an error; nothing more is rendered after it.
func (b *builder) fail(e *Error) {
	b.failed.Store(true)
	b.mu.Lock()
	b.errs = append(b.errs, e)
	b.mu.Unlock()
}

// open starts the new site: a temporary folder beside the output, or a new
// snapshot in memory.
func (b *builder) open() (store.Output, error) {
	if b.opt.Memory != nil {
		return b.opt.Memory.Writer(), nil
	}
	var out store.Output
	var err error
	if b.opt.Cache == nil {
		out, err = store.NewFolder(b.opt.Out, nil)
	} else {
		out, err = store.NewFolder(b.opt.Out, b.opt.Cache)
	}
	if err != nil {
		return nil, Errors{{File: b.opt.Out, Msg: cleanFSError(err)}}
	}
	return out, nil
}

// computeAndRender computes every figure, cached by the hash of its
// directive, and renders each page into the output as soon as its figures
// are ready, so that a figure's HTML is held only until its page is
// written. After the first error nothing more is rendered, but every figure
// is still computed, to report every mistake.
func (b *builder) computeAndRender() error {
	b.failed.Store(len(b.errs) > 0)
	type job struct {
		page int
		fig  *pageFigure
	}
	var jobs []job
	for i, p := range b.parsed {
		if p != nil {
			for _, f := range p.figures {
				jobs = append(jobs, job{i, f})
			}
		}
	}
	parallel(len(jobs)+len(b.pages), func(t int) {
		if b.ctx.Err() != nil {
			b.failed.Store(true) // stopped: what is left is not done
			return
		}
		if t >= len(jobs) { // a page without figures
			if i := t - len(jobs); b.parsed[i] == nil || len(b.parsed[i].figures) == 0 {
				b.render(i)
			}
			return
		}
		j := jobs[t]
		if j.fig.spec != nil && b.figure(b.pages[j.page], j.fig) && b.parsed[j.page].pending.Add(-1) == 0 {
			b.render(j.page)
		}
	})
	if len(b.errs) > 0 {
		return b.errs.Sorted()
	}
	return nil
}

// figure computes one figure, or takes it from the cache, and renders its
// HTML into its node. It reports whether it succeeded.
func (b *builder) figure(pg *page, f *pageFigure) bool {
	<-f.ready
	fd := f.data
	f.data = nil // garbage once its HTML is made, as the figure's page is once written
	if f.held {
		<-b.ahead
	}
	if f.err != nil {
		if b.ctx.Err() != nil {
			b.fail(&Error{File: pg.name, Msg: "stopped"})
			return false
		}
		b.fail(&Error{File: pg.name, Line: f.node.Line - 1, Key: "landscape " + quote(f.id), Msg: figureMessage(f.err)})
		return false
	}
	view, key, err := figureData(fd, b.conv)
	if err != nil {
		b.fail(&Error{File: pg.name, Line: f.node.Line - 1, Key: key, Msg: err.Error()})
		return false
	}
	view.Number = f.node.Number
	for k := range view.Variants {
		view.Variants[k].Number = f.node.Number
	}
	// A parameter sweep is its variants in the template "family"; a theme
	// without one shows them one after another.
	name, views := "figure", []FigureData{view}
	if view.Variants != nil {
		name = "family"
		if b.theme.figure.Lookup("family") == nil {
			name, views = "figure", view.Variants
		}
	}
	if name == "figure" && len(views) == 1 && b.theme.figureSplice.splices(b.theme.figure, name) {
		html, err := b.spliceFigure(views[0])
		if err != nil {
			b.fail(err)
			return false
		}
		if html != nil {
			f.node.HTML, f.buf = b.digest(html.Bytes()), html
			return true
		}
	}
	var buf, one bytes.Buffer
	buf.Grow(len(fd.Main) + len(fd.Loss) + len(fd.JSON) + 16384)
	for _, v := range views {
		// Each variant its own digest, for a theme that shows them one
		// after another.
		one.Reset()
		if _, err := execute(b.ctx, b.lim, b.theme.figure, name, v, &one, b.theme.dir, "figure.html"); err != nil {
			b.fail(err)
			return false
		}
		buf.Write(b.digest(one.Bytes()))
	}
	f.node.HTML = buf.Bytes()
	return true
}

// digest is digestHTML under cmd/serve (LiveReload), and html as it is
// otherwise.
func (b *builder) digest(html []byte) []byte {
	if !b.opt.LiveReload {
		return html
	}
	return digestHTML(html)
}

// parsePage is parsePage, with the quizzes' digests under cmd/serve.
func (b *builder) parsePage(pg *page) (*parsed, Errors) {
	p, errs := parsePage(b.conv, pg)
	if p != nil && b.opt.LiveReload {
		for _, q := range p.doc.Quizzes {
			if q.HTML != nil {
				q.HTML = digestHTML(q.HTML)
			}
		}
	}
	return p, errs
}

// spliceFigure renders a figure with its SVGs and data spliced in (see
// splice.go), or returns nil when it is to be rendered the usual way. The
// buffer is pageBuffers': a figure runs to hundreds of kilobytes, and its
// HTML is garbage once its page is written (300 MB on the 1,000-lesson
// course).
func (b *builder) spliceFigure(v FigureData) (*bytes.Buffer, *Error) {
	var values []string
	hold := func(field *template.HTML) {
		if *field != "" {
			values = append(values, string(*field))
			*field = template.HTML(placeholder(len(values) - 1))
		}
	}
	hold(&v.Main)
	hold(&v.Loss)
	hold(&v.Surface)
	if v.JSON != "" {
		values = append(values, string(v.JSON))
		v.JSON = template.JS(placeholder(len(values) - 1))
	}
	var out bytes.Buffer
	if _, err := execute(b.ctx, b.lim, b.theme.figure, "figure", v, &out, b.theme.dir, "figure.html"); err != nil {
		return nil, err
	}
	html := pageBuffers.Get().(*bytes.Buffer)
	html.Reset()
	if !splice(html, out.Bytes(), values) || html.Len() > b.lim.bytes {
		pageBuffers.Put(html)
		return nil, nil
	}
	return html, nil
}

// precompute starts computing every figure, or taking it from the cache,
// as soon as the course is parsed: while the links are resolved, the
// theme awaited and the output opened, which take a one-figure build a
// millisecond or two of its twenty. figure waits for each, and a figure
// waits for its place in b.ahead: unbounded, the figures ran ahead of the
// pages and the 1,000-lesson build held 530 MiB instead of 350. The function
// it returns stops what is not done and waits for it, for a build that
// ends early; a panic in a figure is raised again there, and a figure
// left without its data by the panic is ready all the same, so that no
// worker waits for it for ever.
func (b *builder) precompute() (stop func()) {
	var figs []*pageFigure
	for _, p := range b.parsed {
		if p == nil {
			continue
		}
		for _, f := range p.figures {
			if f.spec != nil {
				f.ready = make(chan struct{})
				figs = append(figs, f)
			}
		}
	}
	ctx, cancel := context.WithCancel(b.ctx)
	b.ahead = make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	work := inBackground(func() (int, error) {
		defer func() {
			for _, f := range figs {
				select {
				case <-f.ready:
				default:
					f.err = errNotComputed
					close(f.ready)
				}
			}
		}()
		parallel(len(figs), func(i int) {
			f := figs[i]
			defer close(f.ready)
			f.err = errNotComputed // until computeFigure returns, if it panics
			select {
			case b.ahead <- struct{}{}:
				f.held = true
			case <-ctx.Done():
				f.err = ctx.Err()
				return
			}
			f.data, f.err = b.computeFigure(ctx, f)
		})
		return 0, nil
	})
	return func() {
		cancel()
		work.wait()
	}
}

// errNotComputed is a figure's error when a panic in the computation of
// figures left it without data; the panic itself is raised by Build.
var errNotComputed = errors.New("not computed: the computation of a figure failed")

// computeFigure takes a figure from the cache, or runs figure.Compute and
// puts it there. Compute stops when the build is stopped (Ctrl-C once
// waited 40 s for a long figure).
func (b *builder) computeFigure(ctx context.Context, f *pageFigure) (*figure.Data, error) {
	if fd, ok := b.opt.Cache.Get(f.key); ok {
		b.cached.Add(1)
		return fd, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fd, err := figure.Compute(ctx, f.spec, f.id, b.memo)
	if err != nil {
		return nil, err
	}
	if fd.Formula == "" && f.spec.Catalog != nil {
		if m, err := b.conv.Formula(f.spec.Catalog.TeX, false); err == nil {
			fd.Formula = m
		}
	}
	b.opt.Cache.Put(f.key, fd)
	return fd, nil
}

// render writes page i, once its figures are ready.
func (b *builder) render(i int) {
	if b.failed.Load() {
		return
	}
	if b.reused[i] {
		if err := b.out.Reuse(pageFile(b.pages[i])); err != nil {
			b.fail(&Error{File: b.out.Name(), Msg: err.Error()})
		}
		return
	}
	p := b.parsed[i]
	if err := renderPage(b.ctx, b.lim, b.out, b.theme, b.conv, b.site, b.course, p); err != nil {
		b.fail(err)
	}
	p.doc.Release()
	for _, f := range p.figures {
		f.node.HTML = nil
		if f.buf != nil {
			pageBuffers.Put(f.buf)
			f.buf = nil
		}
	}
}

// records notes what each page is made of, for the cache, the search
// index and the next build; all of it is known once the pages are parsed
// and their links resolved.
func (b *builder) records() {
	sum, keep, next := Summary{}, map[string]bool{}, store.SiteRecord{}
	for i, pg := range b.pages {
		rec := b.last[pageFile(pg)]
		if !b.reused[i] {
			p := b.parsed[i]
			rec = store.PageRecord{Key: b.keys[i], Formulas: p.doc.Math, Text: p.text, Table: p.table}
			rec.Exports, _ = json.Marshal(b.sites.exports[i])
			for _, f := range p.figures {
				rec.Figures = append(rec.Figures, f.key)
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
	b.counts, b.keep, b.next = sum, keep, next
}

// searchLater reports whether the search index is made after the pages are
// in place (Options.Ready), while the site keeps the last one.
func (b *builder) searchLater() bool {
	return b.opt.Memory != nil && b.opt.Ready != nil && len(b.opt.Memory.Paths(SearchDir)) > 0
}

// write waits for the files written beside the figures, swaps the new site
// in and, when the search index was left for later, makes it.
func (b *builder) write(ctx context.Context) (Summary, error) {
	sum, next := b.counts, b.next
	b.opt.Cache.Retain(b.keep)
	if _, err := b.extras.wait(); err != nil {
		return sum, err
	}
	n, err := b.static.wait()
	if err != nil {
		return sum, err
	}
	sum.Pages = len(b.pages) + 1 // and the 404 page
	sum.FiguresCached += int(b.cached.Load())
	sum.Static = n
	var lastIndex []string // the previous site's search index, kept until the new one is made
	if b.searchLater() {
		lastIndex = b.opt.Memory.Paths(SearchDir)
	}
	for _, name := range lastIndex {
		if err := b.out.Reuse(name); err != nil {
			return sum, err
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := b.out.Commit(next); err != nil {
		return sum, err
	}
	if b.opt.Ready != nil {
		sum.Duration = time.Since(b.start)
		b.opt.Ready(sum)
	}
	if lastIndex != nil {
		return sum, b.reindex(next)
	}
	return sum, nil
}

// reindex replaces the search index of the site in memory, which holds the
// new pages with the previous index, by the index of the new pages.
func (b *builder) reindex(next store.SiteRecord) error {
	w := b.opt.Memory.Writer()
	for _, name := range b.opt.Memory.Paths(".") {
		if !strings.HasPrefix(name, SearchDir+"/") {
			if err := w.Reuse(name); err != nil {
				return err
			}
		}
	}
	if err := writeSearch(w, b.pages, next); err != nil {
		return err
	}
	return w.Commit(next)
}

// parallel runs f(0) … f(n-1) on all cores. A panic in f is raised again
// on the caller's goroutine, once all have stopped, where cmd/serve's
// recover turns it into an error: on a worker's it would end the process.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	var first atomic.Pointer[caught]
	defer func() {
		if c := first.Load(); c != nil {
			panic(c.value)
		}
	}()
	defer wg.Wait()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					first.CompareAndSwap(nil, &caught{r})
					next.Store(int64(n)) // the others stop at their next item
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
}

// caught is a panic's value, carried to another goroutine.
type caught struct{ value any }

// pageFile is where a page is written in the site.
func pageFile(pg *page) string { return path.Join(pg.url, "index.html") }

func (c *course) allPages() []*page {
	pages := []*page{c.home}
	if c.root != nil {
		pages = append(pages, c.root.pages...)
	}
	for _, s := range c.sections {
		if s.file != "" || len(s.body) > 0 {
			pages = append(pages, &page{file: s.dir + "/_index.md", name: s.file, fm: s.fm, body: s.body, bodyLine: s.line, section: s, url: s.url})
		} else {
			pages = append(pages, &page{file: s.dir + "/_index.md", name: s.folder + " (a folder without _index.md)", fm: s.fm, section: s, url: s.url})
		}
		pages = append(pages, s.pages...)
	}
	if c.refs != nil {
		pages = append(pages, c.refs)
	}
	return pages
}
