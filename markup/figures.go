package markup

// This file is figures made of images and labelled equations, as Quarto
// writes them: an image alone in its paragraph, ![Caption](plot.png), is a
// figure with that caption, and ![Caption](plot.png){#fig-plot} a
// numbered one; a display formula followed by {#eq-name}, $$ … $$
// {#eq-name}, is a numbered equation. Figures (these and landscape
// blocks) and equations are numbered per page in document order.

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ImageFigure is an image alone in its paragraph, with its caption (the
// image's text) as children. The site may change Dest (to the image's
// address in the site) before rendering.
type ImageFigure struct {
	ast.BaseBlock
	Dest     string
	Title    string // as text, formulas as Unicode text (titleText)
	ID       string // "" or "fig-…"
	Number   int    // 0 when not numbered
	rawTitle []byte // as written, for checking its formulas
}

// KindImageFigure is the node kind of ImageFigure.
var KindImageFigure = ast.NewNodeKind("ImageFigure")

// Kind implements ast.Node.
func (n *ImageFigure) Kind() ast.NodeKind { return KindImageFigure }

// Dump implements ast.Node.
func (n *ImageFigure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Dest": n.Dest, "ID": n.ID}, nil)
}

// attrRE is a label written after an image or a formula: {#name}.
// It is compiled on first use: at init it cost every build's start.
var attrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*\{#([^\s{}]+)\}\s*$`)
})

// figureTransformer makes ImageFigures of lone images and takes the
// {#eq-…} label after display formulas.
type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var paras []*ast.Paragraph
	var blocks []*passthrough.PassthroughBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			paras = append(paras, n)
		case *passthrough.PassthroughBlock:
			blocks = append(blocks, n)
		}
		return ast.WalkContinue, nil
	})
	for _, b := range blocks {
		// goldmark ends the formula at its closing $$ and makes what
		// follows on that line a paragraph of its own.
		p, ok := b.NextSibling().(*ast.Paragraph)
		if !ok {
			continue
		}
		if id, ok := label(p, src); ok {
			b.SetAttributeString("id", []byte(id))
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
	for _, p := range paras {
		img, ok := p.FirstChild().(*ast.Image)
		if !ok || p.Parent() == nil {
			continue
		}
		id := ""
		if next := img.NextSibling(); next != nil {
			t, ok := next.(*ast.Text)
			if !ok || next.NextSibling() != nil {
				continue
			}
			m := attrRE().FindSubmatch(t.Segment.Value(src))
			if m == nil {
				continue
			}
			id = string(m[1])
		}
		f := &ImageFigure{Dest: string(img.Destination), Title: titleText(img.Title), ID: id, rawTitle: img.Title}
		f.SetLines(p.Lines())
		for k := img.FirstChild(); k != nil; {
			next := k.NextSibling()
			f.AppendChild(f, k)
			k = next
		}
		p.Parent().ReplaceChild(p.Parent(), p, f)
	}
}

// label reads a paragraph that is only "{#name}".
func label(p *ast.Paragraph, src []byte) (string, bool) {
	var b strings.Builder
	for k := p.FirstChild(); k != nil; k = k.NextSibling() {
		t, ok := k.(*ast.Text)
		if !ok {
			return "", false
		}
		b.Write(t.Segment.Value(src))
	}
	m := attrRE().FindStringSubmatch(b.String())
	if m == nil {
		return "", false
	}
	return m[1], true
}

func renderImageFigure(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	f := n.(*ImageFigure)
	if !entering {
		if f.ChildCount() > 0 || f.Number > 0 {
			w.WriteString("</figcaption>\n")
		}
		w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<figure class="image"`)
	if f.ID != "" {
		w.WriteString(` id="` + html.EscapeString(f.ID) + `"`)
	}
	w.WriteString(`>` + "\n" + `<img src="` + html.EscapeString(f.Dest) + `" alt="` + html.EscapeString(plainText(f, src, unicodeTeX)) + `"`) // the caption as text, made now that its references read as they will
	if f.Title != "" {
		w.WriteString(` title="` + html.EscapeString(f.Title) + `"`)
	}
	w.WriteString(` loading="lazy">` + "\n")
	if f.ChildCount() > 0 || f.Number > 0 {
		w.WriteString("<figcaption>")
		if f.Number > 0 {
			w.WriteString(`<span class="figure-number">Figure ` + strconv.Itoa(f.Number) + `</span>`)
			if f.ChildCount() > 0 {
				w.WriteString(" ")
			}
		}
	}
	return ast.WalkContinue, nil
}
