package lesson

import (
	"path"
	"slices"

	"descent/store"
)

// checkAddresses reports every two files that the site would publish at
// the same address, and every file published where another needs a
// folder (a copied s/x beside the lesson s/x/), naming both. Pages come
// first, then the theme's static files, then the course's own files, so
// the error is at the file that is copied, not at the page it would hide.
func checkAddresses(c *course, t *theme, contentDir string) Errors {
	type source struct{ name, file string } // file: where the error goes
	owner := map[string]source{}
	var order []string
	var errs Errors
	add := func(rel string, s source) {
		if other, ok := owner[rel]; ok {
			errs = append(errs, &Error{File: s.file, Line: lineOf(s.file),
				Msg: "is published at /" + rel + ", as is " + other.name + "; rename or remove one of them"})
			return
		}
		owner[rel] = s
		order = append(order, rel)
	}
	if c.refs != nil { // first: the error goes to the author's file
		add(pageFile(c.refs), source{"the course's reference list (bibliography in " + c.refs.name + ")", c.refs.name})
	}
	for _, pg := range c.allPages() {
		if pg.url == "" && !pg.isHome || pg.isRefs {
			continue // it has no address (an error says why), or it is added
		}
		add(pageFile(pg), source{pg.name, pg.name})
	}
	add("404.html", source{"the page for missing addresses (" + t.name("404.html") + ")", t.name("404.html")})
	add("sitemap.xml", source{"the sitemap", contentDir})
	add(store.SiteMarker, source{"the mark of a built site", contentDir})
	for _, f := range t.static {
		add(f.rel, source{f.name, f.name})
	}
	for _, p := range c.static {
		n := path.Join(contentDir, p)
		add(p, source{n, n})
	}
	// A folder of the site that is also a file of it.
	for _, rel := range order {
		for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
			if other, ok := owner[dir]; ok {
				// The error goes to the copied file, unless the build
				// makes it (the sitemap, the 404 page): then to the page.
				if s := owner[rel]; !isMarkdown(other.file) && other.name == other.file {
					errs = append(errs, &Error{File: other.file, Msg: "is published at /" + dir + ", where " + s.name + " needs a folder; rename or remove one of them"})
				} else {
					errs = append(errs, &Error{File: s.file, Line: lineOf(s.file), Msg: "is published at /" + rel + ", inside /" + dir + ", which is " + other.name + "; rename or remove one of them"})
				}
			}
		}
	}
	return slices.CompactFunc(errs, func(a, b *Error) bool { return a.Error() == b.Error() })
}

// lineOf is 1 for a lesson (its front matter sets the slug), else 0.
func lineOf(file string) int {
	if isMarkdown(file) {
		return 1
	}
	return 0
}
