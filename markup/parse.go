package markup

import (
	"bytes"
	"io"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"descent/diag"
)

// Converter turns a page's Markdown into HTML: CommonMark with GitHub's
// extensions, math as MathML, highlighted code and landscape blocks left
// for the site to fill. It is safe for concurrent use, and memoises
// formulas and code blocks across the pages of a build.
type Converter struct {
	md   goldmark.Markdown
	math *mathRenderer
}

// New returns a Converter; unsafeHTML lets raw HTML in Markdown through
// (the site file's unsafe_html), which is otherwise escaped.
func New(unsafeHTML bool) *Converter {
	return &Converter{md: newMarkdown(unsafeHTML), math: &mathRenderer{}}
}

// Formula converts one formula to MathML.
func (c *Converter) Formula(tex string, display bool) (string, error) {
	return c.math.render(tex, display)
}

// TOCEntry is one heading of a page's table of contents.
type TOCEntry struct {
	Level int // 2 or 3
	ID    string
	Title string
}

// Doc is a parsed page, its formulas converted.
type Doc struct {
	src     []byte
	root    ast.Node
	Figures []*Landscape // in page order
	TOC     []TOCEntry   // the h2 and h3 headings
	Math    int          // formulas converted
}

// Parse parses a page's Markdown and converts its formulas, reporting every
// mistake to l at its file line; firstLine is the file line of src's first
// line. Landscape blocks are left for the caller to decode and fill.
func (c *Converter) Parse(src []byte, firstLine int, l *diag.List) *Doc {
	d := &Doc{src: src}
	d.root = c.md.Parser().Parse(text.NewReader(src))
	lineOf := func(offset int) int {
		return firstLine + bytes.Count(src[:min(offset, len(src))], []byte("\n"))
	}
	d.TOC = headings(d.root, src)
	var maths []*passthrough.PassthroughInline
	var blocks []*passthrough.PassthroughBlock
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Landscape:
			n.Line += firstLine - 1
			d.Figures = append(d.Figures, n)
		case *passthrough.PassthroughInline:
			maths = append(maths, n)
		case *passthrough.PassthroughBlock:
			blocks = append(blocks, n)
		}
		return ast.WalkContinue, nil
	})
	convert := func(seg text.Segment, delim *passthrough.Delimiters) (*mathNode, bool) {
		raw := string(seg.Value(src))
		tex := strings.TrimSuffix(strings.TrimPrefix(raw, delim.Open), delim.Close)
		html, err := c.math.render(tex, delim.Open == "$$")
		if err != nil {
			lineStart := bytes.LastIndexByte(src[:seg.Start], '\n') + 1
			col := len([]rune(string(src[lineStart:seg.Start]))) + 1
			l.Add(lineOf(seg.Start), "", "col %d: %v", col, err)
			return nil, false
		}
		d.Math++
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
	return d
}

// Render writes the page's HTML, with each Landscape's HTML in its place.
func (c *Converter) Render(w io.Writer, d *Doc) error {
	return c.md.Renderer().Render(w, d.src, d.root)
}

// Release drops the page's syntax tree once it is rendered.
func (d *Doc) Release() { d.root = nil }
