package lesson

import (
	"bytes"
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

func (c *course) siteData(live bool) SiteData {
	sd := SiteData{Title: c.site.Title, Description: c.site.Description, BaseURL: c.site.BaseURL,
		Language: c.site.Language, LiveReload: live}
	for _, s := range c.sections {
		sd.Sections = append(sd.Sections, c.sectionData(s))
	}
	return sd
}

func (c *course) sectionData(s *section) SectionData {
	d := SectionData{Title: s.fm.Title, URL: s.url, Summary: s.fm.Description}
	for _, p := range s.pages {
		d.Lessons = append(d.Lessons, Link{Title: p.fm.Title, URL: p.url})
	}
	return d
}

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
	data := PageData{Site: site, Title: pg.fm.Title, Description: pg.fm.Description, URL: pg.url,
		Root: rootPrefix(pg.url), Content: template.HTML(body.String()), TOC: p.doc.TOC,
		HasMath: p.doc.Math > 0, HasFigures: len(p.figures) > 0, HasQuizzes: len(p.doc.Quizzes) > 0}
	if data.Description == "" {
		data.Description = site.Description
	}
	at := 0 // the page's section, for the navigation
	if pg.section != nil {
		at = c.order().section[pg.section]
	}
	data.NavSections, data.NavSectionsBefore, data.NavSectionsAfter = navWindow(site.Sections, at)
	switch {
	case pg.isHome:
		data.Kind = "home"
	case pg.section != nil && pg.url == pg.section.url:
		data.Kind = "section"
		sd := site.Sections[c.order().section[pg.section]]
		sd.Content = data.Content
		data.Section = &sd
		data.NavLessons, data.NavBefore, data.NavAfter = navWindow(sd.Lessons, 0)
	default:
		data.Kind = "lesson"
		sd := site.Sections[c.order().section[pg.section]]
		data.Section = &sd
		data.Prev, data.Next = c.neighbours(pg)
		o := c.order()
		at := o.lesson[pg] - o.lesson[pg.section.pages[0]]
		data.NavLessons, data.NavBefore, data.NavAfter = navWindow(sd.Lessons, at)
	}
	out.Reset()
	out.Grow(body.Len() + 16384)
	var err *Error
	if abandoned, err = execute(ctx, lim, t.kinds[data.Kind], "base", data, out, t.dir, pageKinds[data.Kind]); err != nil {
		return err
	}
	if err := w.Write(path.Join(pg.url, "index.html"), out.Bytes()); err != nil {
		return &Error{File: w.Name(), Msg: err.Error()}
	}
	return nil
}

// NavWindow is the most sections, and the most lessons of a section, the
// navigation lists.
const NavWindow = 40

// navWindow returns the NavWindow items nearest items[at] (all of them if
// there are no more), and whether some were left out before and after.
func navWindow[T any](items []T, at int) (window []T, before, after bool) {
	if len(items) <= NavWindow {
		return items, false, false
	}
	lo := min(max(at-NavWindow/2, 0), len(items)-NavWindow)
	return items[lo : lo+NavWindow], lo > 0, lo+NavWindow < len(items)
}

// readingOrder numbers the sections and the lessons across the course
// once, so that each page finds its section and neighbours in constant time.
type readingOrder struct {
	once    sync.Once
	lessons []*page
	lesson  map[*page]int
	section map[*section]int // index in course.sections and SiteData.Sections
}

func (c *course) order() *readingOrder {
	o := &c.reading
	o.once.Do(func() {
		o.lesson, o.section = map[*page]int{}, map[*section]int{}
		for i, s := range c.sections {
			o.section[s] = i
			for _, p := range s.pages {
				o.lesson[p] = len(o.lessons)
				o.lessons = append(o.lessons, p)
			}
		}
	})
	return o
}

// neighbours are the lessons before and after pg in reading order.
func (c *course) neighbours(pg *page) (prev, next *Link) {
	o := c.order()
	i, ok := o.lesson[pg]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		prev = &Link{Title: o.lessons[i-1].fm.Title, URL: o.lessons[i-1].url}
	}
	if i+1 < len(o.lessons) {
		next = &Link{Title: o.lessons[i+1].fm.Title, URL: o.lessons[i+1].url}
	}
	return prev, next
}

// writeExtras writes the 404 page, the sitemap, the theme's static files and
// the course's own files. It returns the number of files copied.
func writeExtras(ctx context.Context, lim execLimits, w store.Output, t *theme, opt Options, c *course, site SiteData) (int, error) {
	root := "/"
	if site.BaseURL != "" {
		if i := strings.Index(strings.TrimPrefix(strings.TrimPrefix(site.BaseURL, "https://"), "http://"), "/"); i >= 0 {
			root = strings.TrimPrefix(strings.TrimPrefix(site.BaseURL, "https://"), "http://")[i:]
		}
	}
	var out bytes.Buffer
	data := PageData{Site: site, Kind: "404", Title: "Page not found", URL: "404.html", Root: root}
	data.NavSections, data.NavSectionsBefore, data.NavSectionsAfter = navWindow(site.Sections, 0)
	if _, err := execute(ctx, lim, t.kinds["404"], "base", data, &out, t.dir, "404.html"); err != nil {
		return 0, Errors{err}
	}
	if err := w.Write("404.html", out.Bytes()); err != nil {
		return 0, err
	}
	if err := w.Write("sitemap.xml", sitemap(site.BaseURL, c)); err != nil {
		return 0, err
	}
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
