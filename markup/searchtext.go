package markup

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Section is the text of a page under one heading (the text before the
// first heading has none), for the search index: plain words, formulas as
// their TeX without the $ around it, without code blocks, figures or quizzes.
type Section struct {
	ID, Heading string
	Text        string
}

// maxSectionText bounds the text kept of one section: the index needs the
// words, and a snippet only the start of where they are.
const maxSectionText = 4000

func sections(doc ast.Node, src []byte) []Section {
	out := []Section{{}}
	var b strings.Builder
	flush := func() {
		t := strings.Join(strings.Fields(b.String()), " ")
		if len(t) > maxSectionText {
			t = t[:maxSectionText]
			t = strings.ToValidUTF8(t, "")
		}
		out[len(out)-1].Text = t
		b.Reset()
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			out = append(out, Section{ID: string(idb), Heading: plainText(n, src, bareTeX)})
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *Landscape, *Quiz:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			b.WriteString(plainText(n, src, bareTeX))
			b.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	if out[0].Text == "" {
		out = out[1:]
	}
	return out
}
