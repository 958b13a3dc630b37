package markup

// This file lists what a page offers to links and references (its
// anchors) and what it points at (its links and images), for the site to
// check and resolve once it has read every page.

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"descent/diag"
)

// Anchor is a place in a page a link or reference may name: a heading, a
// labelled equation or an image figure. Number is an equation's label
// ("3", or its \tag) or a figure's number; "" for headings and unnumbered
// figures.
type Anchor struct {
	ID     string
	Kind   string // "heading", "equation", "figure", "exercise" or "footnote"
	Number string
	Line   int
}

// Link is a link's or an image's destination, which the site may rewrite
// with Set before rendering.
type Link struct {
	Dest  string
	Line  int
	Image bool
	set   func(string)
}

// Set changes the destination written into the page.
func (l *Link) Set(dest string) { l.set(dest) }

// collect fills the document's anchors, links and references, and numbers
// its figures, in document order; a figure label without fig- and a
// footnote reference without its note are reported to l.
func (d *Doc) collect(lineOf func(int) int, l *diag.List) {
	figures := 0
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok && len(b) > 0 {
					d.Anchors = append(d.Anchors, Anchor{ID: string(b), Kind: "heading", Line: lineOf(blockOffset(n))})
				}
			}
		case *exercise:
			id := "ex-" + strconv.Itoa(n.Number)
			line := lineOf(firstOffset(n))
			d.Anchors = append(d.Anchors, Anchor{ID: id, Kind: "exercise", Line: line}, Anchor{ID: id + "-title", Kind: "exercise", Line: line}, Anchor{ID: id + "-answer", Kind: "exercise", Line: line})
		case *Landscape:
			figures++
			n.Number = figures
		case *ImageFigure:
			line := lineOf(blockOffset(n))
			if n.ID != "" && !strings.HasPrefix(n.ID, "fig-") {
				l.Add(line, "{#"+n.ID+"}", "a figure's label starts with fig-, such as {#fig-%s}", n.ID)
				n.ID = ""
			}
			if n.ID != "" {
				figures++
				n.Number = figures
				d.Anchors = append(d.Anchors, Anchor{ID: n.ID, Kind: "figure", Number: strconv.Itoa(n.Number), Line: line})
			}
			f := n
			d.Links = append(d.Links, &Link{Dest: n.Dest, Line: line, Image: true, set: func(s string) { f.Dest = s }})
		case *east.Footnote: // goldmark's ids: fn:N, and fnref:N, fnref1:N, … where it is cited
			d.Anchors = append(d.Anchors, Anchor{ID: "fn:" + string(footnoteIDPrefix(n)) + strconv.Itoa(n.Index), Kind: "footnote", Line: lineOf(blockOffset(n))})
		case *east.FootnoteLink:
			id := "fnref"
			if n.RefIndex > 0 {
				id += strconv.Itoa(n.RefIndex)
			}
			d.Anchors = append(d.Anchors, Anchor{ID: id + ":" + string(footnoteIDPrefix(n)) + strconv.Itoa(n.Index), Kind: "footnote", Line: lineOf(inlineOffset(n))})
		case *ast.Link:
			l := n
			d.Links = append(d.Links, &Link{Dest: string(n.Destination), Line: lineOf(inlineOffset(n)), set: func(s string) { l.Destination = []byte(s) }})
		case *ast.AutoLink: // <https://…>: checked as a link is, never rewritten
			if n.AutoLinkType == ast.AutoLinkURL {
				off := n.Pos() // it has no text node of its own to place it
				if off < 0 {
					off = inlineOffset(n)
				}
				d.Links = append(d.Links, &Link{Dest: string(n.URL(d.src)), Line: lineOf(off), set: func(string) {}})
			}
		case *ast.Image:
			im := n
			d.Links = append(d.Links, &Link{Dest: string(n.Destination), Line: lineOf(inlineOffset(n)), Image: true, set: func(s string) { im.Destination = []byte(s) }})
		case *ast.Paragraph, *ast.TextBlock:
			if name, off, ok := lostFootnote(n, d.src); ok {
				l.Add(lineOf(off), "[^"+name+"]", "has no note; write it on a line of its own: [^%s]: the note", name)
			}
		case *Ref:
			if inLink(n) { // [@x](y.md): the link's text, not a reference
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString([]byte(n.source)))
				return ast.WalkSkipChildren, nil
			}
			n.Line = lineOf(n.offset)
			d.Refs = append(d.Refs, n)
		}
		return ast.WalkContinue, nil
	})
}

// lostFootnote finds "[^name]" left as text in a block: a footnote
// reference whose note is missing (goldmark leaves it as it is).
func lostFootnote(n ast.Node, src []byte) (string, int, bool) {
	// Most blocks hold no "^" at all: say so before building anything
	// (building the block's text for every paragraph was a sixth of a
	// build's allocations). goldmark may split "[^1]" after its "[", so
	// the caret alone is looked for.
	mark := false
	for k := n.FirstChild(); k != nil && !mark; k = k.NextSibling() {
		if t, ok := k.(*ast.Text); ok && bytes.IndexByte(t.Segment.Value(src), '^') >= 0 {
			mark = true
		}
	}
	if !mark {
		return "", 0, false
	}
	var b strings.Builder
	var offs []int
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		t, ok := k.(*ast.Text)
		if !ok {
			b.WriteByte(0)
			offs = append(offs, -1)
			continue
		}
		v := t.Segment.Value(src)
		for i := range v {
			offs = append(offs, t.Segment.Start+i)
		}
		b.Write(v)
	}
	m := footnoteRE().FindStringSubmatchIndex(b.String())
	if m == nil {
		return "", 0, false
	}
	return b.String()[m[2]:m[3]], max(offs[m[0]], 0), true
}

// footnoteRE is compiled on first use: at init it cost every build's start.
var footnoteRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\[\^([^\]\s\x00]+)\]`)
})

func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// blockOffset is where a block's first line starts.
func blockOffset(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return firstOffset(n)
}

// inlineOffset is where an inline starts when goldmark keeps it (a link's
// or an image's [, which one with no text has nothing else to place it
// by), else where its text starts, or its block's.
func inlineOffset(n ast.Node) int {
	if off := n.Pos(); off >= 0 {
		return off
	}
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// inlineHTML is a heading's text as HTML for a table of contents: text
// escaped, formulas as their MathML, code as code, links and emphasis
// dropped to their text.
func inlineHTML(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.WriteString(html.EscapeString(string(t.Segment.Value(src))))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.EscapeString(string(t.Value)))
		case *ast.CodeSpan:
			b.WriteString("<code>")
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					b.WriteString(html.EscapeString(string(tx.Segment.Value(src))))
				}
			}
			b.WriteString("</code>")
			return ast.WalkSkipChildren, nil
		case *mathNode:
			b.Write(t.HTML)
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			b.WriteString(html.EscapeString(string(t.Segment.Value(src))))
			return ast.WalkSkipChildren, nil
		case *Ref:
			b.WriteString(html.EscapeString(t.PlainText()))
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
