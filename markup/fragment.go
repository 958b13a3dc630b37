package markup

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"

	"descent/diag"
)

// Fragment converts a short Markdown text that is part of a directive (a
// quiz's question, a choice, an explanation) to HTML, reporting mistakes
// at line under key. With inline, the text must be one paragraph, and its
// content comes without the <p>. Figures, quizzes, exercises and headings
// have no place in a fragment; the ids of its footnotes begin with id, which
// names the fragment on its page.
func (c *Converter) Fragment(src string, line int, key, id string, inline bool, l *diag.List) (string, bool) {
	sub := &diag.List{File: l.File}
	d := c.Parse([]byte(src), line, sub)
	bad := len(d.Figures) > 0 || len(d.Quizzes) > 0
	heading := false
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case kindExercise, kindAnswer:
			bad = true
		case ast.KindHeading:
			heading = true
		}
		return ast.WalkContinue, nil
	})
	// A fragment is rendered as it is parsed, before the site's pages are
	// known: its links to the course and its references would reach the
	// reader as written (href="other.md", "@eq-loss").
	for _, ln := range d.Links {
		what := "link to"
		if ln.Image {
			what = "image"
		}
		if !c.unsafe && DangerousURL(ln.Dest) { // as the pages' links are (lesson)
			sub.Add(ln.Line, key, "%s %s: a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address", strings.TrimSuffix(what, " to"), ln.Dest)
			continue
		}
		if u, err := url.Parse(ln.Dest); err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" && !strings.HasPrefix(ln.Dest, "/") {
			sub.Add(ln.Line, key, "%s %s: a link to a page or file of the course cannot go inside a quiz (it would not be checked or rewritten); link to it in the lesson's text", what, ln.Dest)
		}
	}
	for _, r := range d.Refs {
		sub.Add(r.Line, key, "%s: a cross-reference or citation cannot go inside a quiz (it would stay as written); write it in the lesson's text, or \\@ for an @ sign", r.source)
	}
	if bad {
		sub.Add(line, key, "a figure, quiz, exercise or answer cannot go inside a quiz")
	}
	if heading {
		// Its id could be one the page has, and it would break the
		// page's outline in the middle of a question.
		sub.Add(line, key, "a heading cannot go inside a quiz; write **bold** text instead")
	}
	if inline && len(sub.Errs) == 0 {
		if first := d.root.FirstChild(); first == nil || first.Kind() != ast.KindParagraph || first.NextSibling() != nil {
			sub.Add(line, key, "write one paragraph here: text, emphasis, code, links and $…$ math, no lists or blocks")
		}
	}
	for _, e := range sub.Errs {
		if e.Key != "" && e.Key != key { // question: math: col 5: …, the key the author wrote first
			l.Add(e.Line, key, "%s: %s", e.Key, e.Msg)
			continue
		}
		l.Add(e.Line, key, "%s", e.Msg)
	}
	if len(sub.Errs) > 0 {
		return "", false
	}
	d.root.SetAttributeString(footnoteIDs, []byte(id+"-"))
	var b bytes.Buffer
	if err := c.Render(&b, d); err != nil {
		l.Add(line, key, "rendering Markdown: %v", err)
		return "", false
	}
	html := strings.TrimSpace(b.String())
	if inline {
		html = strings.TrimSuffix(strings.TrimPrefix(html, "<p>"), "</p>")
	}
	return html, true
}
