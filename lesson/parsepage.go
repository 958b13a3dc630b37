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
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Landscape:
			p.figures = append(p.figures, n)
		case *passthrough.PassthroughInline:
			maths = append(maths, n)
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
	for _, n := range maths {
		raw := string(n.Segment.Value(p.src))
		display := n.Delimiters != nil && n.Delimiters.Open == "$$"
		tex := strings.TrimSuffix(strings.TrimPrefix(raw, n.Delimiters.Open), n.Delimiters.Close)
		html, err := m.render(tex, display)
		if err != nil {
			line := lineOf(n.Segment.Start)
			lineStart := bytes.LastIndexByte(p.src[:n.Segment.Start], '\n') + 1
			col := len([]rune(string(p.src[lineStart:n.Segment.Start]))) + 1
			l.add(line, "", "col %d: %v", col, err)
			continue
		}
		n.Parent().ReplaceChild(n.Parent(), n, &mathNode{HTML: []byte(html)})
		p.math++
	}
	return p, l.errs
}
