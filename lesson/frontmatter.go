package lesson

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/diag"
	"descent/plainmath"
	"descent/yamlnode"
)

// frontMatter is what a lesson or section file may say about itself.
type frontMatter struct {
	Title       string // formulas as Unicode text (plainmath), for links, <title> and search
	Description string // the same
	Weight      int
	Draft       bool
	Slug        string
	// TitleTeX and DescriptionTeX are the title and description as
	// written, when they hold a $ (a formula or an escaped dollar), for
	// the page's heading and lead as MathML; the lines are their keys'.
	TitleTeX, DescriptionTeX   string
	TitleLine, DescriptionLine int
}

// Limits on a page's title and description: each goes into the
// navigation of up to 80 other pages, so one title of a megabyte made
// every page of its section a megabyte more.
const (
	maxTitle       = 300
	maxDescription = 1000
)

// checkLength refuses text of more than limit characters, control
// characters, which have no place in a page's text, and $$, which is
// display math where only $…$ can go.
func checkLength(text string, limit int) error {
	if n := utf8.RuneCountInString(text); n > limit {
		return fmt.Errorf("%d characters is over the limit of %d", n, limit)
	}
	if i := strings.IndexFunc(text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(text[i:])
		return fmt.Errorf("holds the control character %U; remove it", r)
	}
	for _, sp := range plainmath.Split(strings.ReplaceAll(text, `\$`, "")) { // \$\$ is two dollar signs
		if !sp.Math && strings.Contains(sp.Text, "$$") {
			return fmt.Errorf("$$ is display math, which a title or description cannot hold; write the formula between single dollars, or \\$ for a dollar sign")
		}
	}
	// <title>, the navigation and the search index show the formulas as
	// Unicode text: one that does not convert would show as TeX.
	return plainmath.Check(text)
}

// misplacedFrontMatter reports a page whose front matter the reader would
// miss: after blank lines (it would be a rule and a heading, "title: A",
// on the page), or in TOML between +++ lines.
func misplacedFrontMatter(src []byte, l *diag.List) {
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	switch string(bytes.TrimRight(first, " \t\r")) {
	case "---":
		if len(trimmed) < len(src) {
			line := 1 + bytes.Count(src[:len(src)-len(trimmed)], []byte("\n"))
			l.Add(line, "front matter", "front matter must begin the file, its --- at the first line's start; remove the blank lines or spaces before it")
		}
	case "+++":
		l.Add(1+bytes.Count(src[:len(src)-len(trimmed)], []byte("\n")), "", "TOML front matter (+++) is not read; write it as YAML between lines of ---")
	}
}

// splitFrontMatter separates a leading "---" block from the body. It returns
// the YAML, the body, and the file line on which the body starts.
func splitFrontMatter(src []byte, l *diag.List) (fm, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" || !bytes.HasPrefix(src, []byte("---")) {
		misplacedFrontMatter(src, l)
		return nil, src, 1, true
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		if end < 0 {
			ln, end = rest[off:], len(rest)
		} else {
			ln, end = rest[off:off+end], off+end+1
		}
		if t := bytes.TrimRight(ln, " \t\r"); string(t) == "---" || string(t) == "..." {
			return rest[:off], rest[end:], line + 1, true
		}
		off = end
		line++
	}
	l.Add(1, "front matter", "front matter starts with --- but never ends; close it with a line of ---")
	return nil, nil, 0, false
}

// decodeFrontMatter checks every key of the front matter.
func decodeFrontMatter(src []byte, l *diag.List) (frontMatter, bool) {
	var fm frontMatter
	before := len(l.Errs)
	root, ok := yamlnode.Parse(src, 1, l)
	if !ok {
		return fm, false
	}
	pairs, ok := yamlnode.Mapping(root, 1, "", l)
	if !ok {
		return fm, false
	}
	for _, p := range pairs {
		line := 1 + p.Line
		var err error
		switch p.Key {
		case "title":
			if fm.Title, err = yamlnode.Text(p.Val); err == nil {
				err = checkLength(fm.Title, maxTitle)
			}
			fm.TitleLine = line
		case "description":
			if fm.Description, err = yamlnode.Text(p.Val); err == nil {
				err = checkLength(fm.Description, maxDescription)
			}
			fm.DescriptionLine = line
		case "weight":
			fm.Weight, err = yamlnode.Integer(p.Val)
		case "draft":
			fm.Draft, err = yamlnode.Boolean(p.Val)
		case "slug":
			var slug string
			slug, err = yamlnode.Text(p.Val)
			if err == nil && (slug == "" || urlSlug(slug) != slug) {
				l.Add(line, p.Key, "%q is not a slug; use lower-case letters, digits and single hyphens, such as %q", slug, "saddle-points")
				continue
			}
			fm.Slug = slug
		default:
			l.Add(line, p.Key, "unknown front matter key; the keys are title, description, weight, draft and slug")
			continue
		}
		if err != nil {
			l.Add(line, p.Key, "%v", err)
			switch p.Key { // reported once: its formulas are not converted too
			case "title":
				fm.Title = ""
			case "description":
				fm.Description = ""
			}
		}
	}
	written := fm.Title
	if strings.Contains(fm.Title, "$") {
		fm.TitleTeX, fm.Title = fm.Title, plainmath.Text(fm.Title)
	}
	if written != "" && strings.TrimSpace(fm.Title) == "" { // " ", $\!$: a heading, a tab and a link of nothing
		l.Add(fm.TitleLine, "title", "%q shows no text; write the page's title in words, or leave title out to take it from the file name", written)
		fm.Title, fm.TitleTeX = "", ""
	}
	if strings.Contains(fm.Description, "$") {
		fm.DescriptionTeX, fm.Description = fm.Description, plainmath.Text(fm.Description)
	}
	return fm, len(l.Errs) == before
}
