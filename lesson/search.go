package lesson

import (
	"path"
	"sort"
	"strings"

	"descent/markup"
	"descent/plainmath"
	"descent/search"
	"descent/store"
)

// SearchDir is where the search index goes in the site (search.js loads
// it from there).
const SearchDir = "search"

// searchText weighs a page's text for the search index (search.Weigh) when
// the page is parsed. The page's record keeps the result, so that a
// rebuild splits into terms only the pages it parses: after one save, one.
func searchText(pg *page, text []markup.Section) []store.TextSection {
	in := search.Page{URL: pg.url, Title: pg.fm.Title, TitleMath: titleMath(pg.fm.TitleTeX)}
	for _, t := range text {
		in.Sections = append(in.Sections, search.Section{ID: t.ID, Heading: t.Heading, Text: t.Text, Math: t.Math, HeadingMath: t.HeadingMath})
	}
	w := search.Weigh(in)
	out := make([]store.TextSection, len(w.Sections))
	for i, s := range w.Sections {
		out[i] = store.TextSection{ID: s.ID, Heading: s.Heading, Text: s.Text, Terms: s.Terms, Weights: s.Weights}
	}
	return out
}

// titleMath is the words of a title's formulas (markup.TeXTerms),
// space-separated.
func titleMath(tex string) string {
	var parts []string
	for _, sp := range plainmath.Split(tex) {
		if sp.Math {
			parts = append(parts, markup.TeXTerms(sp.Text))
		}
	}
	return strings.Join(parts, " ")
}

// writeSearch writes the search index of every page, from the text and
// terms each page's record keeps (so a reused page is indexed without
// parsing it).
func writeSearch(w store.Output, pages []*page, recs store.SiteRecord) error {
	in := make([]search.Page, len(pages))
	for i, pg := range pages {
		text := recs[pageFile(pg)].Text
		p := search.Page{URL: pg.url, Title: pg.fm.Title, Sections: make([]search.Section, len(text))}
		for j, t := range text {
			p.Sections[j] = search.Section{ID: t.ID, Heading: t.Heading, Text: t.Text, Terms: t.Terms, Weights: t.Weights}
		}
		in[i] = p
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
