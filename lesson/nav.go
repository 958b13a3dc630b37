package lesson

// This file is the course's tree as the theme sees it: the sections with
// their lessons and subsections (SiteData), and for each page its place
// in it: the sidebar's open path, the breadcrumbs and the previous and
// next lessons in reading order (depth first, by weight).

import (
	"html/template"
	"strings"
	"sync"

	"descent/plainmath"
)

func (c *course) siteData(live bool) SiteData {
	// The site's title and description go into every page's header and
	// <title>, as text: formulas in them are written as Unicode text.
	sd := SiteData{Title: plainmath.Text(c.site.Title), Description: plainmath.Text(c.site.Description), BaseURL: c.site.BaseURL,
		Language: c.site.Language, LiveReload: live}
	if c.root != nil {
		for _, p := range c.root.pages {
			sd.Lessons = append(sd.Lessons, Link{Title: p.fm.Title, URL: p.url})
		}
		for _, s := range c.root.subs {
			sd.Sections = append(sd.Sections, c.sectionData(s))
		}
	}
	if c.refs != nil {
		sd.References = &Link{Title: c.refs.fm.Title, URL: c.refs.url}
	}
	return sd
}

func (c *course) sectionData(s *section) SectionData {
	d := SectionData{Title: s.fm.Title, URL: s.url, Summary: s.fm.Description}
	for _, p := range s.pages {
		d.Lessons = append(d.Lessons, Link{Title: p.fm.Title, URL: p.url})
	}
	for _, sub := range s.subs {
		d.Sections = append(d.Sections, c.sectionData(sub))
	}
	return d
}

// NavWindow is the most sections, and the most items of a section, the
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
	top     map[*section]int // index of a top-level section in SiteData.Sections
	data    map[*section]*SectionData
}

func (c *course) order() *readingOrder {
	o := &c.reading
	o.once.Do(func() {
		o.lesson, o.top, o.data = map[*page]int{}, map[*section]int{}, map[*section]*SectionData{}
		var walk func(s *section, d *SectionData)
		walk = func(s *section, d *SectionData) {
			o.data[s] = d
			subs := 0
			for _, it := range s.items {
				if it.page != nil {
					o.lesson[it.page] = len(o.lessons)
					o.lessons = append(o.lessons, it.page)
					continue
				}
				walk(it.sub, &d.Sections[subs])
				subs++
			}
		}
		if c.root == nil {
			return
		}
		root := SectionData{Lessons: nil, Sections: c.siteData(false).Sections}
		for i, s := range c.root.subs {
			o.top[s] = i
		}
		walk(c.root, &root)
	})
	return o
}

// navigate fills the page's place in the course: the sections around it,
// the sidebar's items, the breadcrumbs and its neighbours. pg is nil for
// the 404 page.
func (c *course) navigate(data *PageData, pg *page) {
	o := c.order()
	var path []*section
	if pg != nil && pg.section != nil {
		path = pg.section.ancestors()
	}
	at := 0
	if len(path) > 0 {
		at = o.top[path[0]]
	}
	data.NavSections, data.NavSectionsBefore, data.NavSectionsAfter = navWindow(data.Site.Sections, at)
	if pg == nil || pg.isHome {
		return
	}
	if len(path) > 0 {
		data.Chapter = o.data[path[0]]
		data.Section = o.data[path[len(path)-1]]
		inner := path
		if pg.url == pg.section.url { // a section's own page: the crumbs end above it
			inner = path[:len(path)-1]
		}
		for _, s := range inner {
			data.Breadcrumbs = append(data.Breadcrumbs, Link{Title: s.fm.Title, URL: s.url})
		}
		data.NavLessons, data.NavBefore, data.NavAfter = c.navItems(path[0], path[1:], pg, data.Root)
	}
	data.Prev, data.Next = c.neighbours(pg)
}

// navItems lists s's items for the sidebar, the window around the one on
// the page's path, with the subsections on the path opened.
func (c *course) navItems(s *section, path []*section, pg *page, root string) ([]NavItem, bool, bool) {
	// Find the current item first and build only the window around it: a
	// section of 400 lessons built 400 items for each of its 400 pages
	// (0.4 GB of a 4,000-page build).
	at := 0
	for i, it := range s.items {
		if it.page != nil && it.page == pg || it.sub != nil && len(path) > 0 && path[0] == it.sub {
			at = i
		}
	}
	idx := make([]int, len(s.items))
	for i := range idx {
		idx[i] = i
	}
	window, before, after := navWindow(idx, at)
	items := make([]NavItem, 0, len(window))
	for _, i := range window {
		it := s.items[i]
		var n NavItem
		if it.page != nil {
			n = NavItem{Title: it.page.fm.Title, URL: it.page.url, Current: it.page == pg}
		} else {
			n = NavItem{Title: it.sub.fm.Title, URL: it.sub.url, Section: true, Current: pg.url == it.sub.url}
			if len(path) > 0 && path[0] == it.sub {
				n.Open = true
				n.Items, _, _ = c.navItems(it.sub, path[1:], pg, root)
			}
		}
		n.Href = root + n.URL
		n.Link = c.links.get(n)
		items = append(items, n)
	}
	return items, before, after
}

// navLinks makes each sidebar item's Link once for all the pages whose
// sidebars list it: a lesson is listed by the 40 pages around it, which
// share its address from them (they are as deep) and differ in Current on
// one page only. In the theme's template, the link's four actions and six
// escapers were a quarter of the time a lesson page of the 1,000-lesson
// course took to execute, and its whole sidebar 70%.
type navLinks struct {
	mu   sync.Mutex
	tmpl *template.Template
	made map[navLinkKey]template.HTML
}

type navLinkKey struct {
	href, title string
	current     bool
}

const navLinkSource = `<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>`

func (l *navLinks) get(n NavItem) template.HTML {
	k := navLinkKey{n.Href, n.Title, n.Current}
	l.mu.Lock()
	if l.tmpl == nil {
		l.tmpl = template.Must(template.New("nav-link").Parse(navLinkSource))
		l.made = map[navLinkKey]template.HTML{}
	}
	h, ok := l.made[k]
	t := l.tmpl
	l.mu.Unlock()
	if ok {
		return h
	}
	var b strings.Builder
	if err := t.Execute(&b, n); err != nil {
		panic("lesson: the sidebar's link template failed: " + err.Error()) // it takes strings and a bool
	}
	h = template.HTML(b.String())
	l.mu.Lock()
	l.made[k] = h
	l.mu.Unlock()
	return h
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
