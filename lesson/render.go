package lesson

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"descent/markup"
	"descent/store"
)

// rootPrefix is the relative path from a page at url to the site root.
func rootPrefix(url string) string {
	return strings.Repeat("../", strings.Count(url, "/"))
}

// pageBuffers recycles renderPage's buffers, sized up front: pages with
// figures run to hundreds of kilobytes, and a buffer grown by doubling
// leaves twice that in garbage.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage executes the page's template into the site writer.
func renderPage(ctx context.Context, lim execLimits, w store.Output, t *theme, conv *markup.Converter, site SiteData, c *course, p *parsed) *Error {
	pg := p.pg
	size := 2*len(pg.body) + 4096
	for _, f := range p.figures {
		size += len(f.node.HTML)
	}
	body, out := pageBuffers.Get().(*bytes.Buffer), pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(body)
	abandoned := false
	defer func() {
		if !abandoned { // else a stopped template may still write into it
			pageBuffers.Put(out)
		}
	}()
	body.Reset()
	body.Grow(size)
	if err := conv.Render(body, p.doc); err != nil {
		return &Error{File: pg.name, Msg: "rendering Markdown: " + err.Error()}
	}
	body.WriteString(p.references)
	data := PageData{Site: site, Title: pg.fm.Title, Description: pg.fm.Description, URL: pg.url,
		Root: rootPrefix(pg.url), TOC: p.doc.TOC,
		TitleHTML:       cmp.Or(p.titleHTML, template.HTML(template.HTMLEscapeString(pg.fm.Title))),
		DescriptionHTML: cmp.Or(p.descriptionHTML, template.HTML(template.HTMLEscapeString(pg.fm.Description))),
		HasMath:         p.doc.Math > 0 || p.titleHTML != "" || p.descriptionHTML != "",
		HasFigures:      len(p.figures) > 0, HasQuizzes: len(p.doc.Quizzes) > 0}
	c.navigate(&data, pg)
	switch {
	case pg.isHome:
		data.Kind = "home"
	case pg.section != nil && pg.section.dir != "." && pg.url == pg.section.url:
		data.Kind = "section"
		sd := *data.Section // shared by every page: a copy gets the content
		sd.Content = data.Content
		data.Section = &sd
		if data.Chapter.URL == sd.URL {
			data.Chapter = &sd
		}
	default:
		data.Kind = "lesson"
	}
	sp, set := t.pageSplice[data.Kind], t.kinds[data.Kind]
	setContent := func(c template.HTML) {
		data.Content = c
		if data.Kind == "section" {
			data.Section.Content = c // the copy made above
		}
	}
	if body.Len() > 0 && sp.splices(set, "base") {
		setContent(template.HTML(placeholder(0)))
		out.Reset()
		var err *Error
		if abandoned, err = execute(ctx, lim, set, "base", data, out, t.dir, pageKinds[data.Kind]); err != nil {
			return err
		}
		page := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(page)
		page.Reset()
		if splice(page, out.Bytes(), [][]byte{body.Bytes()}) && page.Len() <= lim.bytes {
			return writePage(w, pg, page.Bytes())
		}
		// Not as it seemed, or over the size limit: the usual way, which
		// says so in its words.
	}
	setContent(template.HTML(body.String()))
	out.Reset()
	out.Grow(body.Len() + 16384)
	var err *Error
	if abandoned, err = execute(ctx, lim, set, "base", data, out, t.dir, pageKinds[data.Kind]); err != nil {
		return err
	}
	return writePage(w, pg, out.Bytes())
}

func writePage(w store.Output, pg *page, b []byte) *Error {
	if err := w.Write(path.Join(pg.url, "index.html"), b); err != nil {
		return &Error{File: w.Name(), Msg: err.Error()}
	}
	return nil
}

// writeExtras writes the 404 page and the sitemap.
func writeExtras(ctx context.Context, lim execLimits, w store.Output, t *theme, c *course, site SiteData, memo *TextMemo, key string) error {
	root := "/"
	if site.BaseURL != "" {
		if i := strings.Index(strings.TrimPrefix(strings.TrimPrefix(site.BaseURL, "https://"), "http://"), "/"); i >= 0 {
			root = strings.TrimPrefix(strings.TrimPrefix(site.BaseURL, "https://"), "http://")[i:]
		}
	}
	// The 404 page lists the whole course: 6 ms of a preview's rebuild
	// on 1,000 lessons, made again at every save though only the data
	// every page sees can change it (key).
	page, ok := memo.notFound(key)
	if !ok {
		var out bytes.Buffer
		data := PageData{Site: site, Kind: "404", Title: "Page not found", URL: "404.html", Root: root}
		c.navigate(&data, nil)
		if _, err := execute(ctx, lim, t.kinds["404"], "base", data, &out, t.dir, "404.html"); err != nil {
			return Errors{err}
		}
		page = out.Bytes()
		memo.keepNotFound(key, page)
	}
	if err := w.Write("404.html", page); err != nil {
		return err
	}
	return w.Write("sitemap.xml", sitemap(site.BaseURL, c))
}

// A background is work on the output that runs beside the figures and is
// waited for before the output is committed or abandoned.
type background struct {
	done     chan struct{}
	n        int // what it counts (files written)
	err      error
	panicked *caught // a panic in the work, raised again by wait
}

// inBackground starts f.
func inBackground(f func() (int, error)) *background {
	g := &background{done: make(chan struct{})}
	go func() {
		defer close(g.done)
		defer func() {
			if r := recover(); r != nil {
				g.panicked = &caught{r}
			}
		}()
		g.n, g.err = f()
	}()
	return g
}

// wait returns when the work is done, with its count and error; a panic
// in it is raised again here, on the caller's goroutine (see parallel).
func (g *background) wait() (int, error) {
	<-g.done
	if g.panicked != nil {
		panic(g.panicked.value)
	}
	return g.n, g.err
}

// writeStatic copies the theme's static files and the course's own (images
// and other files beside the lessons) into the site.
func writeStatic(w store.Output, t *theme, opt Options, c *course) (int, error) {
	n := 0
	for _, f := range t.static {
		b, err := fs.ReadFile(t.fsys, f.path)
		if err != nil {
			return n, &Error{File: f.name, Msg: "cannot read: " + cleanFSError(err)}
		}
		n++
		if err := w.Write(f.rel, b); err != nil {
			return n, err
		}
	}
	for _, p := range c.static {
		b, err := fs.ReadFile(opt.Content, p)
		if err != nil {
			return n, &Error{File: path.Join(opt.ContentDir, p), Msg: "cannot read: " + cleanFSError(err)}
		}
		n++
		if err := w.Write(p, b); err != nil {
			return n, err
		}
	}
	return n, nil
}

// sitemap lists every page for search engines.
func sitemap(base string, c *course) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range c.allPages() {
		loc := base + p.url
		if base == "" {
			loc = "/" + p.url
		}
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(loc))
		fmt.Fprintf(&b, "  <url><loc>%s</loc></url>\n", esc.String())
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
