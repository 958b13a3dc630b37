package lesson

import (
	"path"
	"sort"

	"descent/search"
	"descent/store"
)

// SearchDir is where the search index goes in the site (search.js loads
// it from there).
const SearchDir = "search"

// writeSearch writes the search index of every page, from the text each
// page's record keeps (so a reused page is indexed without parsing it).
func writeSearch(w store.Output, pages []*page, recs store.SiteRecord) error {
	var in []search.Page
	for _, pg := range pages {
		p := search.Page{URL: pg.url, Title: pg.fm.Title}
		for _, t := range recs[pageFile(pg)].Text {
			p.Sections = append(p.Sections, search.Section(t))
		}
		in = append(in, p)
	}
	files := search.Build(in)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.Write(path.Join(SearchDir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}
