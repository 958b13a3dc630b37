package lesson

// This file resolves what pages point at, once every page is parsed: links
// to other lessons' .md files (and their #anchors), images and other files
// beside a lesson, @eq-…/@fig-… references and citations. Each mistake is
// an error at its line; what resolves is rewritten to the page's address
// in the site, relative to the page.
//
// A page offers its anchors to the others (exports: its headings, labelled
// equations and figures with their numbers). Pages taken from the previous
// build are not parsed: their exports come from the build's records, and a
// page that refers to another page is kept only if the course's whole
// table of exports is what it was resolved against.

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/bib"
	"descent/diag"
	"descent/markup"
)

// export is an anchor of a page that links and references may name.
type export struct {
	ID     string `json:"id"`
	Kind   string `json:"k"` // "heading", "equation", "figure", "landscape", "exercise", "footnote" or "cite"
	Number string `json:"n,omitempty"`
	Line   int    `json:"l"`
	Label  string `json:"a,omitempty"` // a landscape's label, where it is not its ID
}

// exportsOf lists a parsed page's anchors: the document's, and its
// landscape figures (numbered, referred to as @fig-ID).
func exportsOf(p *parsed) []export {
	var out []export
	for _, a := range p.doc.Anchors {
		out = append(out, export{ID: a.ID, Kind: a.Kind, Number: a.Number, Line: a.Line})
	}
	for _, f := range p.figures {
		if f.id != "" {
			e := export{ID: f.id, Kind: "landscape", Number: fmt.Sprint(f.node.Number), Line: f.node.Line - 1}
			if f.label != f.id {
				e.Label = f.label
			}
			out = append(out, e)
		}
	}
	// What the page cites, for the course's reference list.
	for _, r := range p.doc.Refs {
		for _, k := range r.Keys {
			if !strings.HasPrefix(k, "eq-") && !strings.HasPrefix(k, "fig-") {
				out = append(out, export{ID: strings.ToLower(k), Kind: "cite", Line: r.Line})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b export) int { return a.Line - b.Line })
	return out
}

// refName is how @… names an anchor: eq-… and fig-… as they are, a
// landscape figure as fig-LABEL (its label, or else its ID; as it is if
// that starts with fig- already).
func (e export) refName() string {
	if e.Kind != "landscape" {
		return e.ID
	}
	name := cmp.Or(e.Label, e.ID)
	if !strings.HasPrefix(name, "fig-") {
		return "fig-" + name
	}
	return name
}

// refText is what a reference to the anchor reads, as HTML: "Equation
// (1)", "(1)" for one equation in brackets, "Figure 2". As in Quarto, a
// prefix in brackets takes the word's place ([Fig. @fig-a]: "Fig. 2") and
// -@ leaves the number alone ([-@fig-a]: "2"). An equation's number may be
// the author's own label (\tag{…}): it is text.
func (e export) refText(bracket bool, a markup.Affix) string {
	word, n := "Figure ", html.EscapeString(e.Number)
	if e.Kind == "equation" {
		word, n = "Equation ", "("+n+")"
		if bracket {
			word = ""
		}
	}
	switch {
	case a.Prefix != "":
		word = html.EscapeString(a.Prefix) + " "
	case a.NoAuthor:
		word = ""
	}
	return word + n
}

// site is what resolving needs of the whole course.
type siteIndex struct {
	byFile  map[string]int // content path of a page's file → its index
	exports [][]export     // by page index
	names   map[string][]int
	static  map[string]bool
	bib     map[string]*bib.Entry
	hasBib  bool
	table   string // hash of every page's exports
}

// index gathers every page's exports: from parsing, or from the record of
// a page taken from the last build.
func (b *builder) index() {
	x := &siteIndex{byFile: make(map[string]int, len(b.pages)), names: make(map[string][]int, len(b.pages)), static: make(map[string]bool, len(b.course.static)), bib: b.course.bib, hasBib: b.course.site.Bibliography != ""}
	x.exports = make([][]export, len(b.pages))
	h := sha256.New()
	for i, pg := range b.pages {
		x.byFile[pg.file] = i
		var js []byte
		if p := b.parsed[i]; p != nil {
			x.exports[i] = exportsOf(p)
			js = withoutLines(x.exports[i])
		} else if rec, ok := b.last[pageFile(pg)]; ok {
			x.exports[i], js = b.opt.TextMemo.exportsOf(rec.Exports)
		} else {
			js = withoutLines(nil)
		}
		writeField(h, []byte(pg.url))
		writeField(h, js)
		for _, e := range x.exports[i] {
			if e.Kind == "equation" || e.Kind == "figure" || e.Kind == "landscape" {
				name := e.refName()
				x.names[name] = append(x.names[name], i)
			}
		}
	}
	for _, f := range b.course.static {
		x.static[f] = true
	}
	x.table = hex.EncodeToString(h.Sum(nil))
	b.sites = x
}

// resolve checks and rewrites every parsed page's links and references.
// Pages reused from the last build that refer to other pages are parsed
// after all when the table they were resolved against has changed.
func (b *builder) resolve() {
	b.index()
	for i, pg := range b.pages {
		if !b.reused[i] {
			continue
		}
		if rec := b.last[pageFile(pg)]; rec.Table != "" && rec.Table != b.sites.table {
			b.reused[i] = false
			p, errs := b.parsePage(pg)
			b.parsed[i] = p
			b.errs = append(b.errs, errs...)
		}
	}
	for i, p := range b.parsed {
		if p == nil {
			continue
		}
		l := &diag.List{File: b.pages[i].name}
		b.checkIDs(i, l)
		b.resolvePage(i, p, l)
		b.errs = append(b.errs, l.Errs...)
	}
	// The outline and search text hold the references' text, so they come
	// after; each page's is its own, made on every core (a tenth of a
	// plain course's build, which in this loop ran on one).
	parallel(len(b.parsed), func(i int) {
		if p := b.parsed[i]; p != nil {
			p.doc.Outline()
			p.text = searchText(b.pages[i], p.doc.Text)
		}
	})
}

// checkIDs reports two anchors of one page with one id, and an anchor with
// an id of the page layout's own.
func (b *builder) checkIDs(i int, l *diag.List) {
	seen := map[string]export{}
	for _, e := range b.sites.exports[i] {
		if e.Kind == "cite" {
			continue
		}
		if slices.Contains(b.conv.Reserved(), e.ID) {
			l.Add(e.Line, "id", "the id %q is the page layout's own (base.html, or a page template); choose another", e.ID)
			continue
		}
		if b.isReferenceID(i, e.ID) {
			l.Add(e.Line, "id", "the id %q is the reference list's; give the heading another, as {#my-id}", e.ID)
			continue
		}
		if e.Kind != "footnote" && isFootnoteID(e.ID) {
			l.Add(e.Line, "id", "the id %q is a footnote's (fn: and fnref: are the footnotes'); choose another", e.ID)
			continue
		}
		if prev, ok := seen[e.ID]; ok {
			l.Add(e.Line, "id", "the id %q is used at line %d too; ids on a page must differ", e.ID, prev.Line)
			continue
		}
		seen[e.ID] = e
	}
}

// resolvePage resolves page i's links, images and references, and makes
// its reference list.
func (b *builder) resolvePage(i int, p *parsed, l *diag.List) {
	pg := b.pages[i]
	others := false
	for _, ln := range p.doc.Links {
		dest, other, msg := b.resolveLink(i, ln)
		if msg != "" {
			l.Add(ln.Line, "", "%s", msg) // "link to x.md: …", "image \"a.png\": …": the message begins with its key
			continue
		}
		others = others || other
		ln.Set(dest)
	}
	var cited []*bib.Entry
	seen := map[string]bool{}
	for _, r := range p.doc.Refs {
		if r.Problem != "" {
			l.Add(r.Line, "", "%s", r.Problem) // "@key: …", as below
			continue
		}
		var parts []string
		ok, cites := true, 0
		for k, key := range r.Keys {
			var affix markup.Affix
			if r.Affixes != nil {
				affix = r.Affixes[k]
			}
			part, other, entry, msg := b.resolveRef(i, key, r.Bracket && len(r.Keys) == 1, affix)
			if msg != "" {
				l.Add(r.Line, "", "%s", msg)
				ok = false
				continue
			}
			others = others || other
			if entry != nil {
				cites++
				if !seen[entry.Key] {
					seen[entry.Key] = true
					cited = append(cited, entry)
				}
				if !r.Bracket {
					part = textCitation(entry, affix)
				}
			}
			parts = append(parts, part)
		}
		if !ok {
			continue
		}
		s := strings.Join(parts, "; ")
		if r.Bracket && cites > 0 {
			s = "(" + s + ")"
		}
		r.HTML = []byte(s)
	}
	if pg.isRefs {
		p.references, p.table = b.courseReferences(i), b.sites.table
		return
	}
	if len(cited) > 0 {
		slices.SortStableFunc(cited, func(a, b *bib.Entry) int { return strings.Compare(a.SortKey(), b.SortKey()) })
		var h strings.Builder
		h.WriteString(`<section class="references" aria-labelledby="ref-list">` + "\n" + `<h2 id="ref-list">References</h2>` + "\n<ol>\n")
		for _, e := range cited {
			h.WriteString(`<li id="ref-` + html.EscapeString(e.Key) + `">` + e.HTML(inlineFormula(b.conv)) + "</li>\n")
		}
		h.WriteString("</ol>\n")
		if b.course.refs != nil {
			h.WriteString(`<p class="all-references"><a href="` + html.EscapeString(rootPrefix(pg.url)+b.course.refs.url) + `">All the course's references</a></p>` + "\n")
		}
		h.WriteString("</section>\n")
		p.references = h.String()
		p.doc.TOC = append(p.doc.TOC, markup.TOCEntry{Level: 2, ID: "ref-list", Title: "References", HTML: "References"})
	}
	if others {
		p.table = b.sites.table
	}
}

// resolveRef is one key of a reference: its HTML, whether it names
// another page, the bibliography entry it cites, or what is wrong.
func (b *builder) resolveRef(i int, key string, bracket bool, affix markup.Affix) (string, bool, *bib.Entry, string) {
	x := b.sites
	if strings.HasPrefix(key, "eq-") || strings.HasPrefix(key, "fig-") {
		what := "equation"
		hint := "label one with $$ … $$ {#" + key + "}"
		if strings.HasPrefix(key, "fig-") {
			what = "figure"
			hint = "give an image figure the id ({#" + key + "}), or a landscape block id: " + strings.TrimPrefix(key, "fig-")
		}
		if affix.Suffix != "" {
			return "", false, nil, fmt.Sprintf("@%s: words after the key are for a citation of the bibliography, not a cross-reference; write [@%s] and put them outside the brackets", key, key)
		}
		for _, e := range x.exports[i] {
			if (e.Kind == "equation" || e.Kind == "figure" || e.Kind == "landscape") && e.refName() == key {
				return `<a class="xref" href="#` + html.EscapeString(e.ID) + `">` + e.refText(bracket, affix) + `</a>`, false, nil, ""
			}
		}
		where := x.names[key]
		switch len(where) {
		case 0:
			return "", false, nil, fmt.Sprintf("@%s: no %s of the course has this label; %s", key, what, hint)
		case 1:
			j := where[0]
			for _, e := range x.exports[j] {
				if (e.Kind == "equation" || e.Kind == "figure" || e.Kind == "landscape") && e.refName() == key {
					other := b.pages[j]
					href := rootPrefix(b.pages[i].url) + other.url + "#" + e.ID
					return `<a class="xref" href="` + html.EscapeString(href) + `">` + e.refText(bracket, affix) + ` in ` + html.EscapeString(other.fm.Title) + `</a>`, true, nil, ""
				}
			}
		}
		var names []string
		for _, j := range where {
			names = append(names, b.pages[j].name)
		}
		return "", false, nil, fmt.Sprintf("@%s: the label is on several pages (%s); link to one with [text](file.md#%s)", key, strings.Join(names, ", "), key)
	}
	e, ok := x.bib[strings.ToLower(key)]
	if !ok {
		if !x.hasBib {
			return "", false, nil, fmt.Sprintf("@%s: unknown citation key, and the course has no bibliography: name a BibTeX file in site.yaml (bibliography: references.bib), or write \\@ for an @ sign", key)
		}
		return "", false, nil, fmt.Sprintf("@%s: unknown citation key; add it to %s, or write \\@ for an @ sign", key, b.course.site.Bibliography)
	}
	return citation(e, affix), false, e, ""
}

// citation is one citation in brackets: "see Kingma and Ba, 2015, p. 3",
// the authors and the year linked to the entry, the affix's words around
// them as text (as Pandoc's author-date styles place them).
func citation(e *bib.Entry, a markup.Affix) string {
	var s strings.Builder
	if a.Prefix != "" {
		s.WriteString(html.EscapeString(a.Prefix) + " ")
	}
	s.WriteString(`<a class="citation" href="#ref-` + html.EscapeString(e.Key) + `">`)
	if !a.NoAuthor {
		s.WriteString(html.EscapeString(e.Authors()) + ", ")
	}
	s.WriteString(html.EscapeString(e.Year()) + `</a>`)
	if a.Suffix != "" {
		if r, _ := utf8.DecodeRuneInString(a.Suffix); unicode.IsLetter(r) || unicode.IsDigit(r) {
			s.WriteByte(' ') // "[@a p. 3]": the words apart from the year
		}
		s.WriteString(html.EscapeString(a.Suffix))
	}
	return s.String()
}

// textCitation is a citation in the text: "Kingma and Ba (2015)", or with
// Pandoc's locator ("@key [p. 33]") "Kingma and Ba (2015, p. 33)", linked.
func textCitation(e *bib.Entry, a markup.Affix) string {
	year := html.EscapeString(e.Year())
	if a.Suffix != "" {
		year += ", " + html.EscapeString(strings.TrimPrefix(a.Suffix, ", "))
	}
	return `<a class="citation" href="#ref-` + html.EscapeString(e.Key) + `">` + html.EscapeString(e.Authors()) + " (" + year + ")</a>"
}

// resolveLink is a link's destination in the site, whether it leads to
// another page, or what is wrong with it.
func (b *builder) resolveLink(i int, ln *markup.Link) (string, bool, string) {
	dest := ln.Dest
	what := "link"
	if ln.Image {
		what = "image"
	}
	if !b.course.site.UnsafeHTML && markup.DangerousURL(dest) { // rendered as href="", or a figure's src as it is
		return "", false, fmt.Sprintf("%s %q: a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address", what, dest)
	}
	u, err := url.Parse(dest)
	if err != nil && !hasScheme(dest) { // a path no file has: %zz (another site's address is its own)
		msg := err.Error()
		var ue *url.Error
		if errors.As(err, &ue) {
			msg = ue.Err.Error()
		}
		return "", false, fmt.Sprintf("%s %q: %s; write a path of the course (a %% as %%25) or an http(s) address", what, dest, msg)
	}
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "/") {
		return dest, false, "" // another site, or an address of its own
	}
	pg := b.pages[i]
	if u.Path == "" {
		if u.Fragment == "" || b.hasAnchor(i, u.Fragment) {
			return dest, false, ""
		}
		return "", false, fmt.Sprintf("link to #%s: the page has no heading, figure or equation with this id", u.Fragment)
	}
	dir := path.Dir(pg.file)
	target := path.Join(dir, u.Path)
	if strings.HasPrefix(target, "../") || target == ".." {
		return "", false, fmt.Sprintf("%s %q leads outside the content folder", what, dest)
	}
	root := rootPrefix(pg.url)
	if isMarkdown(target) || strings.HasSuffix(u.Path, "/") || b.isSection(target) {
		if ln.Image {
			return "", false, fmt.Sprintf("image %q is a page, not an image", dest)
		}
		j, ok := b.pageAt(target)
		if !ok {
			if _, err := fs.Stat(b.opt.Content, target); err == nil && isMarkdown(target) {
				return "", false, fmt.Sprintf("link to %s: the page is a draft; build with -drafts, or remove the link", u.Path)
			}
			return "", false, fmt.Sprintf("link to %s: no page of the course is at %s", u.Path, path.Join(b.opt.ContentDir, target))
		}
		href := root + b.pages[j].url
		if u.Fragment != "" {
			if !b.hasAnchor(j, u.Fragment) {
				return "", false, fmt.Sprintf("link to %s#%s: %s has no heading, figure or equation with this id", u.Path, u.Fragment, b.pages[j].name)
			}
			href += "#" + u.Fragment
		}
		return href, j != i && u.Fragment != "", ""
	}
	if !b.sites.static[target] {
		return "", false, fmt.Sprintf("%s %q: there is no file %s", what, dest, path.Join(b.opt.ContentDir, target))
	}
	href := root + (&url.URL{Path: target}).EscapedPath()
	if u.Fragment != "" {
		href += "#" + u.Fragment
	}
	return href, false, ""
}

// pageAt finds the page of a content path: a lesson's file, a folder's
// _index.md or the folder itself.
func (b *builder) pageAt(target string) (int, bool) {
	target = strings.TrimSuffix(target, "/")
	if j, ok := b.sites.byFile[target]; ok {
		return j, true
	}
	if target == "." {
		return 0, true // the home page
	}
	if isIndex(target) {
		target = path.Dir(target)
	}
	j, ok := b.sites.byFile[path.Join(target, "_index.md")]
	return j, ok
}

func (b *builder) isSection(target string) bool {
	_, ok := b.sites.byFile[path.Join(target, "_index.md")]
	return ok
}

// hasAnchor reports whether page j has the id: an export (a footnote's
// too) or the reference list's.
func (b *builder) hasAnchor(j int, id string) bool {
	if b.isReferenceID(j, id) {
		return true
	}
	for _, e := range b.sites.exports[j] {
		if e.ID == id && e.Kind != "cite" {
			return true
		}
	}
	return false
}

// hasScheme reports whether dest starts with a URL scheme (https:, x-y+z:).
func hasScheme(dest string) bool {
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// isFootnoteID reports whether id has the form of goldmark's footnote ids:
// fn:…, fnref:…, fnref2:….
func isFootnoteID(id string) bool {
	if strings.HasPrefix(id, "fn:") {
		return true
	}
	rest, ok := strings.CutPrefix(id, "fnref")
	return ok && strings.HasPrefix(strings.TrimLeft(rest, "0123456789"), ":")
}

// isReferenceID reports whether page j's reference list has the id: its
// heading's, ref-list, or ref-KEY of an entry the page cites.
func (b *builder) isReferenceID(j int, id string) bool {
	for _, e := range b.sites.exports[j] {
		if e.Kind != "cite" {
			continue
		}
		if entry := b.sites.bib[e.ID]; entry != nil && (id == "ref-list" || id == "ref-"+entry.Key) {
			return true
		}
	}
	return false
}

// courseReferences is the reference list of the whole course: every entry
// a page cites, with links to the pages that cite it.
func (b *builder) courseReferences(i int) string {
	x := b.sites
	citers := map[string][]int{}
	for j, exps := range x.exports {
		for _, e := range exps {
			if e.Kind == "cite" && x.bib[e.ID] != nil && !slices.Contains(citers[e.ID], j) {
				citers[e.ID] = append(citers[e.ID], j)
			}
		}
	}
	var cited []*bib.Entry
	for key := range citers {
		cited = append(cited, x.bib[key])
	}
	slices.SortFunc(cited, func(a, b *bib.Entry) int {
		return strings.Compare(a.SortKey()+"\x00"+a.Key, b.SortKey()+"\x00"+b.Key)
	})
	var h strings.Builder
	if len(cited) == 0 {
		return "<p>The course cites no work yet.</p>\n"
	}
	h.WriteString(`<section class="references">` + "\n<ol>\n")
	root := rootPrefix(b.pages[i].url)
	for _, e := range cited {
		h.WriteString(`<li id="ref-` + html.EscapeString(e.Key) + `">` + e.HTML(inlineFormula(b.conv)) + ` <span class="cited-in">Cited in `)
		for k, j := range citers[strings.ToLower(e.Key)] {
			if k > 0 {
				h.WriteString(", ")
			}
			h.WriteString(`<a href="` + html.EscapeString(root+b.pages[j].url) + `">` + html.EscapeString(b.pages[j].fm.Title) + `</a>`)
		}
		h.WriteString(".</span></li>\n")
	}
	h.WriteString("</ol>\n</section>\n")
	return h.String()
}
