package markup

import (
	"bufio"
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"descent/diag"
	"descent/plainmath"
)

// Landscape is the node that replaces a ```landscape fenced block. Source
// is the block's YAML; Line is the file line of its first YAML line. The
// site fills HTML before rendering.
type Landscape struct {
	ast.BaseBlock
	Source   []byte
	Line     int
	Number   int // the figure's number on the page, from 1
	HTML     []byte
	unclosed bool // no closing fence: the block ran to the end of its page, quote or list
}

// KindLandscape is the node kind of Landscape.
var KindLandscape = ast.NewNodeKind("Landscape")

// Kind implements ast.Node.
func (n *Landscape) Kind() ast.NodeKind { return KindLandscape }

// Dump implements ast.Node.
func (n *Landscape) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// mathNode replaces a passthrough $…$ or $$…$$ with its MathML.
type mathNode struct {
	ast.BaseInline
	HTML []byte
	// An inline formula keeps, for its plain text, its TeX as written
	// with the lengths of its delimiters, and the punctuation that
	// keepTogether took from the text beside it.
	tex         []byte
	open, close int
	lead, trail string
	text        string // the formula as Unicode text (texmath)
}

var kindMath = ast.NewNodeKind("DescentMath")

func (n *mathNode) Kind() ast.NodeKind         { return kindMath }
func (n *mathNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Quiz is the node that replaces a ```quiz fenced block, as Landscape does.
type Quiz struct {
	ast.BaseBlock
	Source   []byte
	Line     int
	HTML     []byte
	unclosed bool // as Landscape's
}

// KindQuiz is the node kind of Quiz.
var KindQuiz = ast.NewNodeKind("Quiz")

// Kind implements ast.Node.
func (n *Quiz) Kind() ast.NodeKind { return KindQuiz }

// Dump implements ast.Node.
func (n *Quiz) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// landscapeTransformer swaps every fenced block whose info string is
// "landscape" for a Landscape node, and "quiz" for a Quiz node, leaving
// other code blocks alone.
// setextIDTransformer gives a Setext heading over several lines the id
// of all its lines: goldmark makes it from the last line only, so
// "Gradient⏎descent⏎===" was #descent. A heading with a [label] after a
// ] has its id made again too, now that every link reference definition
// is read, so that the label is left out only when it is one ("See
// [Adam][kingma]" is #see-adam; "A[i][j]", no [j] defined, #aij). When a
// page has either, every heading's id is made again: first the ids
// written on headings ({#id})
// are kept, then the others are made in page order, as goldmark makes
// them, so that a repeat's -1 goes to the later heading and none takes a
// written id.
type setextIDTransformer struct{}

func (setextIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	again := false
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			again = again || h.Lines().Len() > 1 || h.Lines().Len() == 1 && hasLabel(h.Lines().At(0), src)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if !again {
		return
	}
	ids := newHeadingIDs(func(label []byte) bool {
		_, ok := pc.Reference(util.ToLinkReference(label))
		return ok
	})
	if reserved, ok := pc.Get(reservedKey).([]string); ok {
		for _, id := range reserved {
			ids.Put([]byte(id))
		}
	}
	written := make([]bool, len(headings))
	for i, h := range headings {
		if id, ok := writtenID(h, src); ok {
			ids.Put(id)
			written[i] = true
		}
	}
	for i, h := range headings {
		if written[i] {
			continue
		}
		var words []byte
		for j := range h.Lines().Len() {
			seg := h.Lines().At(j)
			words = append(append(words, ' '), bytes.TrimSpace(seg.Value(src))...)
		}
		h.SetAttributeString("id", ids.Generate(bytes.TrimSpace(words), ast.KindHeading))
	}
}

// hasLabel reports whether a heading's line may hold a reference link's
// label, a [ right after a ].
func hasLabel(line text.Segment, src []byte) bool {
	return bytes.Contains(line.Value(src), []byte("]["))
}

// writtenID is the id written in the attributes after a heading's text,
// {#id} or {id=…}, which goldmark cuts off its last line.
func writtenID(h *ast.Heading, src []byte) ([]byte, bool) {
	if h.Lines().Len() == 0 {
		return nil, false
	}
	rest := src[h.Lines().At(h.Lines().Len()-1).Stop:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	i := bytes.IndexByte(rest, '{')
	if i < 0 {
		return nil, false
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(rest[i:]))
	if !ok {
		return nil, false
	}
	for _, a := range attrs {
		if id, isBytes := a.Value.([]byte); bytes.Equal(a.Name, []byte("id")) && isBytes {
			return id, true
		}
	}
	return nil, false
}

type landscapeTransformer struct{}

func (landscapeTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering {
			if fb.Info != nil {
				if info := strings.TrimSpace(string(fb.Info.Segment.Value(src))); info == "landscape" || info == "quiz" {
					blocks = append(blocks, fb)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range blocks {
		var body bytes.Buffer
		lines := fb.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			body.Write(seg.Value(src))
		}
		// The line after the opening fence, counted from the body's start.
		line := bytes.Count(src[:fb.Info.Segment.Start], []byte("\n")) + 2
		unclosed := !fenceClosed(fb)
		var n ast.Node = &Landscape{Source: body.Bytes(), Line: line, unclosed: unclosed}
		if strings.TrimSpace(string(fb.Info.Segment.Value(src))) == "quiz" {
			n = &Quiz{Source: body.Bytes(), Line: line, unclosed: unclosed}
		}
		fb.Parent().ReplaceChild(fb.Parent(), fb, n)
	}
}

// trackedFences is goldmark's fenced code parser, marking each block that
// ends at its closing fence. One left open runs to the end of its quote or
// list item, and the text after it cannot tell: the next line may be a
// fence outside the quote, which opens a block of its own.
type trackedFences struct{ parser.BlockParser }

// fenceClosedKey marks a fenced block closed by its fence.
var fenceClosedKey = []byte("descent-fence-closed")

func (f trackedFences) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := f.BlockParser.Continue(node, reader, pc)
	if st&parser.Close != 0 { // goldmark's parser closes a block only at its fence
		node.SetAttribute(fenceClosedKey, true)
	}
	return st
}

// blockParsers are goldmark's, with its fenced code parser tracked.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		if bp, ok := p.Value.(parser.BlockParser); ok && slices.Equal(bp.Trigger(), []byte{'~', '`'}) {
			ps[i].Value = trackedFences{bp}
		}
	}
	return ps
}

// fenceClosed reports whether a fenced block ends at a closing fence, and
// not at the end of the page or of the quote or list it is in.
func fenceClosed(fb *ast.FencedCodeBlock) bool {
	_, ok := fb.Attribute(fenceClosedKey)
	return ok
}

// checkFence reports a code block whose name is near landscape or quiz
// ("```landscpe", "```Quiz", "```landscape {#fig-a}"): it would be shown
// as code, and the author would look for the figure.
func checkFence(fb *ast.FencedCodeBlock, src []byte, line int, l *diag.List) {
	if fb.Info == nil {
		return
	}
	words := strings.Fields(string(fb.Info.Segment.Value(src)))
	if len(words) == 0 {
		return
	}
	for _, name := range []string{"landscape", "quiz"} {
		if rest, ok := strings.CutPrefix(words[0], name+"{"); ok { // landscape{#fig-a}, no space
			words = append([]string{name, "{" + rest}, words[1:]...)
		}
	}
	switch name := words[0]; {
	case name == "landscape" || name == "quiz":
		if len(words) == 1 {
			return // a figure or a quiz already
		}
		hint := ""
		if id, ok := strings.CutPrefix(words[1], "{#"); ok && name == "landscape" { // Quarto's {#fig-a}
			hint = " (id: " + strings.TrimPrefix(strings.TrimSuffix(id, "}"), "fig-") + ")"
		}
		l.Add(line, "```"+name, "takes nothing after its name; write the block's settings inside it%s, or the block is shown as code", hint)
	default:
		if hint := diag.Suggest(name, []string{"landscape", "quiz"}, nil); hint != "" {
			l.Add(line, "```"+name, "is no block of Descent's%s; as it is, it is shown as code", hint)
		}
	}
}

// nodeRenderer writes our precomputed nodes, and images; unsafe is the
// site file's unsafe_html.
type nodeRenderer struct{ unsafe bool }

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLandscape, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*Landscape).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindQuiz, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*Quiz).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindExercise, renderExercise)
	reg.Register(kindAnswer, renderAnswer)
	reg.Register(kindMath, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*mathNode).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	// A display formula standing alone becomes a block; its math node
	// inside renders the MathML.
	reg.Register(passthrough.KindPassthroughBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="math-display"`)
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					w.WriteString(` id="` + html.EscapeString(string(b)) + `"`)
				}
			}
			w.WriteString(`>`)
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindRef, renderRef)
	reg.Register(KindImageFigure, renderImageFigure)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindLink, r.renderLink)
	registerCallout(reg)
}

// titleText is an image's or a link's "title" as text: its formulas as
// Unicode text, as in the alt text, and outside them Markdown's backslash
// escapes and entities undone in one pass, as goldmark's writer undoes
// them (so \$ and &#36; are dollar signs, not a formula's, and \&amp;
// stays "&amp;").
func titleText(title []byte) string {
	var b strings.Builder
	for _, sp := range plainmath.TextSpans(string(title)) {
		if sp.Math {
			b.WriteString(sp.Text)
			continue
		}
		var h bytes.Buffer
		w := bufio.NewWriter(&h)
		ghtml.DefaultWriter.Write(w, []byte(sp.Text))
		w.Flush()
		b.WriteString(html.UnescapeString(h.String()))
	}
	return b.String()
}

// DangerousURL reports whether a link's or an image's destination is one
// the pages drop unless unsafe_html is set, as goldmark does: javascript:,
// vbscript:, file:, and data: other than a PNG, GIF, JPEG or WebP image.
func DangerousURL(dest string) bool {
	return ghtml.IsDangerousURL(util.URLEscape([]byte(dest), true))
}

// renderImage writes an image inside text as goldmark does, but with its
// formulas in the alt text as Unicode text, where goldmark leaves them out.
func (r nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	w.WriteString(`<img src="`)
	if dest := util.URLEscape(n.Destination, true); r.unsafe || !ghtml.IsDangerousURL(dest) {
		w.Write(util.EscapeHTML(dest))
	}
	w.WriteString(`" alt="` + html.EscapeString(plainText(n, src, unicodeTeX)) + `"`)
	if n.Title != nil {
		w.WriteString(` title="` + html.EscapeString(titleText(n.Title)) + `"`)
	}
	if n.Attributes() != nil {
		ghtml.RenderAttributes(w, n, ghtml.ImageAttributeFilter)
	}
	w.WriteString(">")
	return ast.WalkSkipChildren, nil
}

// renderLink writes a link as goldmark does, but with the formulas of
// its title as Unicode text, where goldmark leaves their TeX.
func (r nodeRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	if dest := util.URLEscape(n.Destination, true); r.unsafe || !ghtml.IsDangerousURL(dest) {
		w.Write(util.EscapeHTML(dest))
	}
	w.WriteByte('"')
	switch {
	case n.Title != nil && bytes.Contains(n.Title, []byte("$")):
		w.WriteString(` title="` + html.EscapeString(titleText(n.Title)) + `"`)
	case n.Title != nil:
		w.WriteString(` title="`)
		ghtml.DefaultWriter.Write(w, n.Title)
		w.WriteByte('"')
	}
	if n.Attributes() != nil {
		ghtml.RenderAttributes(w, n, ghtml.LinkAttributeFilter)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// previewAttrTransformer removes from every node the attributes that are
// cmd/serve's marks of a figure or a quiz for its tab's morph
// (lesson/digest.go): written by an author ({data-digest=…} after a
// heading), reload.js would take the heading for a figure.
type previewAttrTransformer struct{}

func (previewAttrTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if attrs := n.Attributes(); entering && slices.ContainsFunc(attrs, isPreviewAttribute) {
			n.RemoveAttributes()
			for _, a := range attrs {
				if !isPreviewAttribute(a) {
					n.SetAttribute(a.Name, a.Value)
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// isPreviewAttribute reports a preview's mark, in any case: the browser
// lowers an attribute's name.
func isPreviewAttribute(a ast.Attribute) bool {
	return strings.EqualFold(string(a.Name), "data-digest") || strings.EqualFold(string(a.Name), "data-descent-stub")
}

// newMarkdown configures goldmark: GFM, footnotes, definition lists,
// heading ids ({#id} too), references (@key), alerts, figures, math passthrough,
// highlighting with CSS classes (each distinct block once), and our nodes. Raw HTML is escaped unless
// unsafe is set by the site file.
func newMarkdown(unsafe bool) goldmark.Markdown {
	code := newCodeMemo()
	opts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{unsafe: unsafe}, 50), util.Prioritized(code, 200)),
	}
	if unsafe {
		opts = append(opts, ghtml.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(blockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))),
		goldmark.WithExtensions(
			extension.GFM,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnoteIDPrefix)),
			extension.DefinitionList,
			passthrough.New(passthrough.Config{
				InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}},
				BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}},
			}),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithInlineParsers(util.Prioritized(refParser{}, 150), util.Prioritized(dollarParser{}, 200)),
			parser.WithBlockParsers(util.Prioritized(displayParser{}, 650)),
			parser.WithASTTransformers(util.Prioritized(setextIDTransformer{}, 200), util.Prioritized(previewAttrTransformer{}, 210), util.Prioritized(landscapeTransformer{}, 100), util.Prioritized(exerciseTransformer{}, 110),
				util.Prioritized(calloutTransformer{Callouts()}, 115), util.Prioritized(figureTransformer{}, 120)),
		),
		goldmark.WithRendererOptions(opts...),
	)
}

// headings lists the h2 and h3 headings of doc for a table of contents.
func headings(doc ast.Node) []TOCEntry {
	var toc []TOCEntry
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering || h.Level < 2 || h.Level > 3 {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		toc = append(toc, TOCEntry{Level: h.Level, ID: string(idb), node: h})
		return ast.WalkSkipChildren, nil
	})
	return toc
}

// How plainText writes a formula.
type mathAs int

const (
	bareTeX    mathAs = iota // its TeX without the $ around it: for the search index's terms
	quotedTeX                // its TeX with its $: for a heading's title in the TOC
	unicodeTeX               // as Unicode text (plainmath): for alt text and snippets
)

// plainText is a node's text without markup, formulas written as math says.
func plainText(n ast.Node, src []byte, math mathAs) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *Ref:
			b.WriteString(t.PlainText())
		case *mathNode:
			b.WriteString(t.lead)
			switch {
			case math == quotedTeX:
				b.Write(t.tex)
			case len(t.tex) < t.open+t.close:
			case math == unicodeTeX:
				b.WriteString(t.text)
			default:
				b.Write(t.tex[t.open : len(t.tex)-t.close])
			}
			b.WriteString(t.trail)
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			v := t.Segment.Value(src)
			if math != quotedTeX && t.Delimiters != nil {
				v = bytes.TrimSuffix(bytes.TrimPrefix(v, []byte(t.Delimiters.Open)), []byte(t.Delimiters.Close))
			}
			if math == unicodeTeX {
				plainmath.WriteTeX(&b, string(v))
			} else {
				b.Write(v)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// footnoteIDs is the attribute of a fragment's document that holds the
// prefix of its footnotes' ids: each fragment numbers its notes from 1, and
// without the prefix the notes of two explanations on a page would share
// ids (fn:1), their links jumping to the first.
const footnoteIDs = "descent-footnote-ids"

// footnoteIDPrefix is the prefix of the footnote ids of n's document: the
// one Fragment set, or none.
func footnoteIDPrefix(n ast.Node) []byte {
	if d := n.OwnerDocument(); d != nil {
		if v, ok := d.AttributeString(footnoteIDs); ok {
			if b, ok := v.([]byte); ok {
				return b
			}
		}
	}
	return nil
}
