package lesson

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// parsePage parses a page's Markdown, decodes its directives and converts
// its formulas, collecting every error with its file line. Figures are
// computed later, all pages' at once.
func parsePage(md goldmark.Markdown, m *mathRenderer, pg *page) (*parsed, Errors) {
	l := &errorList{file: pg.name}
	p := &parsed{pg: pg, src: pg.body}
	p.doc = md.Parser().Parse(text.NewReader(p.src))
	lineOf := func(offset int) int {
		return pg.bodyLine + bytes.Count(p.src[:min(offset, len(p.src))], []byte("\n"))
	}
	used := map[string]bool{}
	p.toc = headings(p.doc, p.src)
	for _, h := range p.toc {
		used[h.ID] = true
	}
	var maths []*passthrough.PassthroughInline
	var blocks []*passthrough.PassthroughBlock
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Landscape:
			p.figures = append(p.figures, n)
		case *passthrough.PassthroughInline:
			maths = append(maths, n)
		case *passthrough.PassthroughBlock:
			blocks = append(blocks, n)
		}
		return ast.WalkContinue, nil
	})
	for i, n := range p.figures {
		n.Line += pg.bodyLine - 1
		spec, ok := decodeFigure(n.Source, n.Line-1, l)
		if !ok {
			continue
		}
		id := slugify(spec.Title)
		if id == "" {
			id = fmt.Sprintf("figure-%d", i+1)
		}
		for base, k := id, 2; used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base, k)
		}
		used[id] = true
		n.spec, n.id, n.key = spec, id, figureKey(id, n.Source)
	}
	convert := func(seg text.Segment, d *passthrough.Delimiters) (*mathNode, bool) {
		raw := string(seg.Value(p.src))
		tex := strings.TrimSuffix(strings.TrimPrefix(raw, d.Open), d.Close)
		html, err := m.render(tex, d.Open == "$$")
		if err != nil {
			lineStart := bytes.LastIndexByte(p.src[:seg.Start], '\n') + 1
			col := len([]rune(string(p.src[lineStart:seg.Start]))) + 1
			l.add(lineOf(seg.Start), "", "col %d: %v", col, err)
			return nil, false
		}
		p.math++
		return &mathNode{HTML: []byte(html)}, true
	}
	for _, n := range maths {
		if mn, ok := convert(n.Segment, n.Delimiters); ok {
			n.Parent().ReplaceChild(n.Parent(), n, mn)
		}
	}
	for _, n := range blocks {
		if n.Lines().Len() == 0 {
			continue
		}
		if mn, ok := convert(n.Lines().At(0), n.Delimiters); ok {
			n.AppendChild(n, mn)
		}
	}
	return p, l.errs
}
