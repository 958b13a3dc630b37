package markup

import (
	"bytes"
	"html"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"descent/diag"
	"descent/plainmath"
	"descent/texmath"
)

// Converter turns a page's Markdown into HTML: CommonMark with GitHub's
// extensions, math as MathML, highlighted code and landscape blocks left
// for the site to fill. It is safe for concurrent use, and memoises
// formulas and code blocks across the pages of a build.
type Converter struct {
	md       goldmark.Markdown
	math     *mathRenderer
	reserved []string // ids the page layout has
	unsafe   bool     // unsafe_html: raw HTML and every address kept
}

// New returns a Converter; unsafeHTML lets raw HTML in Markdown through
// (the site file's unsafe_html), which is otherwise escaped. No heading
// takes one of the reserved ids (the page layout's own: a heading
// "Site nav" is site-nav-1).
func New(unsafeHTML bool, reserved ...string) *Converter {
	return &Converter{md: newMarkdown(unsafeHTML), math: &mathRenderer{}, reserved: reserved, unsafe: unsafeHTML}
}

// Reserved returns the ids no heading takes.
func (c *Converter) Reserved() []string { return c.reserved }

// reservedKey holds a parse's reserved ids, for setextIDTransformer.
var reservedKey = parser.NewContextKey()

// newContext is a parse's context, its heading ids clear of the reserved
// and of the exercises' (ex-1, ex-1-title, ex-1-answer, …): a heading
// "Ex 1" takes ex-1-1 rather than the first exercise's id. Every
// [!EXERCISE] in src counts, in any case as marker reads it, one in a
// code block too: reserving an id too many only numbers such a heading's.
func (c *Converter) newContext(src []byte) parser.Context {
	reserved := c.reserved
	if n := exerciseMarks(src); n > 0 {
		reserved = slices.Clip(reserved)
		for k := 1; k <= min(n, maxReservedExercises); k++ {
			id := "ex-" + strconv.Itoa(k)
			reserved = append(reserved, id, id+"-title", id+"-answer")
		}
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(nil)))
	for _, id := range reserved {
		pc.IDs().Put([]byte(id))
	}
	pc.Set(reservedKey, reserved)
	return pc
}

// exerciseMarks counts the [!EXERCISE] marks in src, [!Exercise] too.
func exerciseMarks(src []byte) int {
	n := 0
	for i := 0; ; i += 2 {
		j := bytes.Index(src[i:], exerciseMark[:2])
		if j < 0 {
			return n
		}
		i += j
		if end := i + len(exerciseMark); end <= len(src) && bytes.EqualFold(src[i:end], exerciseMark) {
			n++
		}
	}
}

// maxReservedExercises bounds the exercise ids newContext reserves, so that
// a page of marks alone cannot make it build a million.
const maxReservedExercises = 1000

// Formula converts one formula to MathML.
func (c *Converter) Formula(tex string, display bool) (string, error) {
	return c.math.render(tex, display)
}

// TOCEntry is one heading of a page's table of contents.
type TOCEntry struct {
	Level int // 2 or 3
	ID    string
	Title string        // plain text; formulas keep their TeX (filled by Outline)
	HTML  template.HTML // the heading's text as HTML, formulas as MathML, no links (Outline)
	node  ast.Node
}

// Doc is a parsed page, its formulas converted.
type Doc struct {
	src     []byte
	root    ast.Node
	Figures []*Landscape // in page order
	Quizzes []*Quiz      // in page order
	TOC     []TOCEntry   // the h2 and h3 headings
	Math    int          // formulas converted
	Anchors []Anchor     // headings, labelled equations, figures with ids
	Links   []*Link      // every link and image, in page order
	Refs    []*Ref       // every @key and [@…], in page order
	Text    []Section    // the page's text by heading, for the search index (Outline)
}

// Parse parses a page's Markdown and converts its formulas, reporting every
// mistake to l at its file line; firstLine is the file line of src's first
// line. Landscape blocks are left for the caller to decode and fill.
func (c *Converter) Parse(src []byte, firstLine int, l *diag.List) *Doc {
	d := &Doc{src: src}
	d.root = c.md.Parser().Parse(text.NewReader(src), parser.WithContext(c.newContext(src)))
	pos := newPosition(src, firstLine)
	lineOf := func(offset int) int { line, _ := pos.at(offset); return line }
	d.TOC = headings(d.root)
	var maths []*passthrough.PassthroughInline
	var blocks []*passthrough.PassthroughBlock
	depth := 0
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindList, ast.KindBlockquote:
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			if depth++; depth > maxNesting {
				l.Add(lineOf(firstOffset(n)), "nesting", "lists and quotes nest more than %d deep, the limit; flatten them", maxNesting)
				return ast.WalkStop, nil
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Landscape:
			n.Line += firstLine - 1
			if n.unclosed {
				l.Add(n.Line-1, "landscape", "the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it")
				break
			}
			d.Figures = append(d.Figures, n)
		case *Quiz:
			n.Line += firstLine - 1
			if n.unclosed {
				l.Add(n.Line-1, "quiz", "the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it")
				break
			}
			d.Quizzes = append(d.Quizzes, n)
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				checkFence(n, src, lineOf(n.Info.Segment.Start), l)
			}
		case *answer:
			if n.Orphan {
				l.Add(lineOf(n.Offset), "answer", "[!ANSWER] must come right after the [!EXERCISE] block quote it answers (one answer each)")
			}
		case *passthrough.PassthroughInline:
			maths = append(maths, n)
		case *passthrough.PassthroughBlock:
			blocks = append(blocks, n)
		}
		return ast.WalkContinue, nil
	})
	// convert renders a formula's TeX; at places an offset in tex in the
	// page, for the column of a mistake.
	convert := func(tex string, display bool, at func(int) int) (*mathNode, bool) {
		r := c.math.convert(tex, display)
		if err := r.err; err != nil {
			off := at(0)
			if e, ok := err.(*texmath.Error); ok {
				off = at(e.Off)
			}
			line, col := pos.at(off)
			l.Add(line, "math", "col %d: %s", col, strings.TrimPrefix(err.Error(), "math: "))
			return nil, false
		}
		d.Math++
		return &mathNode{HTML: []byte(r.html), text: r.text}, true
	}
	for _, n := range maths {
		tex, at := inlineTeX(n, src)
		if mn, ok := convert(tex, n.Delimiters.Open == "$$", at); ok {
			mn.tex = n.Segment.Value(src)
			if _, over := n.Attribute(inlineLinesKey); over { // its lines, not what lies between them
				mn.tex = []byte(n.Delimiters.Open + tex + n.Delimiters.Close)
			}
			mn.open, mn.close = len(n.Delimiters.Open), len(n.Delimiters.Close)
			if n.Delimiters.Open == "$" {
				keepTogether(n, mn, src)
			}
			n.Parent().ReplaceChild(n.Parent(), n, mn)
		}
	}
	equations := 0
	for _, n := range blocks {
		lines := displayLines(n)
		if lines.Len() == 0 {
			continue
		}
		first, last := lines.At(0), lines.At(lines.Len()-1)
		tex, at, closed := displayTeX(n, src)
		if !closed {
			l.Add(lineOf(first.Start), "math", "this $$ opens a display formula that is never closed, so the rest of the page was read as the formula; close it with $$")
			continue
		}
		if off, ok := n.AttributeString(trailingKey); ok {
			l.Add(lineOf(off.(int)), "label", "only a label, {#eq-a}, may follow a formula's closing $$ on its line; put the text on a line of its own")
		}
		if id, ok := n.AttributeString("id"); ok {
			b, _ := id.([]byte)
			line := lineOf(last.Start) // the label's, after the closing $$
			if !strings.HasPrefix(string(b), "eq-") {
				l.Add(line, "{#"+string(b)+"}", "an equation's label starts with eq-, such as {#eq-loss}")
			} else {
				// The number goes in as a \tag, unless the author wrote one.
				equations++
				number, tagged := texTag(tex)
				if !tagged {
					number = strconv.Itoa(equations)
					tex += `\tag{` + number + `}`
				}
				d.Anchors = append(d.Anchors, Anchor{ID: string(b), Kind: "equation", Number: number, Line: line})
			}
		}
		if mn, ok := convert(tex, true, at); ok {
			n.AppendChild(n, mn)
		}
	}
	d.collect(lineOf, l)
	c.checkTitles(d.root, lineOf, l)
	c.checkLinkText(d.root, src, lineOf, l)
	strays(d.root, src, lineOf, l)
	return d
}

// checkLinkText reports a link with nothing to show between its brackets:
// a reader sees no link, and a screen reader says only "link". Raw HTML
// counts as nothing unless unsafe_html lets it through, and an image as
// nothing but its alt text: a link that is only an image without one has
// no name either (Lighthouse: "links do not have a discernible name").
func (c *Converter) checkLinkText(root ast.Node, src []byte, lineOf func(int) int, l *diag.List) {
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := diag.Printable(string(link.Destination))
		switch shown, raw, image := linkShows(link, src, c.unsafe); {
		case shown:
		case image:
			l.Add(lineOf(inlineOffset(link)), "link", "the link to %q is an image without alt text, which a screen reader cannot name; write what the image shows between its brackets: ![a plot of the loss](…)", dest)
		case raw:
			l.Add(lineOf(inlineOffset(link)), "link", "the link to %q has no text to show; write what it leads to between its brackets; raw HTML is left out unless site.yaml sets unsafe_html", dest)
		default:
			l.Add(lineOf(inlineOffset(link)), "link", "the link to %q has no text to show; write what it leads to between its brackets", dest)
		}
		return ast.WalkSkipChildren, nil
	})
}

// linkShows reports whether a link's content shows anything a reader and
// a screen reader can name, and whether it holds raw HTML that is left out
// or an image without alt text. Text and strings count when they are not
// blank (an image's alt text is its text); raw HTML when unsafe lets it
// through; any other leaf (a formula, a citation) always.
func linkShows(link ast.Node, src []byte, unsafe bool) (shown, raw, image bool) {
	ast.Walk(link, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == link {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			shown = !blank(n.Segment.Value(src))
		case *ast.String:
			shown = !blank(n.Value)
		case *ast.RawHTML:
			raw, shown = true, unsafe
		case *ast.Image:
			image = true // its alt text, if any, is in its children
		default:
			shown = n.FirstChild() == nil
		}
		if shown {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return shown, raw, image
}

// blank reports whether text shows only spaces, its character references
// read: [&nbsp;](m.md) and [&#x200B;](m.md) show nothing either.
func blank(v []byte) bool {
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
	}
	// Spaces, and format characters that show nothing (a zero-width
	// space, a joiner, a byte-order mark).
	return len(bytes.TrimFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })) == 0
}

// checkTitles converts the formulas of every image's and link's title, which
// the page shows as Unicode text, so that a mistake in one is an error
// as in the caption, not a misspelt tooltip.
func (c *Converter) checkTitles(root ast.Node, lineOf func(int) int, l *diag.List) {
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		var title []byte
		var line int
		key := "image title"
		switch n := n.(type) {
		case *ast.Image:
			title, line = n.Title, lineOf(inlineOffset(n))
		case *ImageFigure:
			title, line = n.rawTitle, lineOf(blockOffset(n))
		case *ast.Link:
			title, line, key = n.Title, lineOf(inlineOffset(n)), "link title"
		}
		if !entering || !bytes.Contains(title, []byte("$")) {
			return ast.WalkContinue, nil
		}
		for _, sp := range plainmath.Split(string(title)) {
			if !sp.Math {
				continue
			}
			if _, err := c.math.render(sp.Text, false); err != nil {
				l.Add(line, key, "%v", err)
				return ast.WalkContinue, nil
			}
		}
		if strings.TrimSpace(titleText(title)) == "" {
			l.Add(line, key, "%q shows no text; write it in words, or leave the title out", title)
		}
		return ast.WalkContinue, nil
	})
}

// strays reports what the math syntax left in the text, which would reach
// the page as TeX source: a $$ never closed ("$$ \frac{1}{2}" printed
// as it is), and an equation label not right after its closing $$
// ("$$ {#eq-a}." prints "{#eq-a}.").
func strays(root ast.Node, src []byte, lineOf func(int) int, l *diag.List) {
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *Landscape, *Quiz:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := n.Segment.Value(src)
			if i := bytes.Index(v, []byte("$$")); i >= 0 {
				l.Add(lineOf(n.Segment.Start+i), "math", "this $$ opens a display formula that is never closed; close it with $$, or write \\$ for a dollar sign")
			} else if i := bytes.Index(v, []byte("{#eq-")); i >= 0 {
				l.Add(lineOf(n.Segment.Start+i), "label", "an equation's label goes right after its closing $$, with nothing after it on the line: $$ {#eq-a}")
			}
		}
		return ast.WalkContinue, nil
	})
}

// Outline fills in the TOC's titles and the page's search text. It comes
// after Parse, once the page's references have their HTML, so that a
// citation in a heading or a paragraph reads "(Polyak, 1964)" there and
// not "[@polyak1964]"; a reference without HTML is its source.
func (d *Doc) Outline() {
	for i := range d.TOC {
		if n := d.TOC[i].node; n != nil {
			d.TOC[i].Title = plainText(n, d.src, quotedTeX)
			d.TOC[i].HTML = template.HTML(inlineHTML(n, d.src))
			d.TOC[i].node = nil // the page's tree may go once it is rendered
		}
	}
	d.Text = sections(d.root, d.src)
}

// keepTogether puts an inline formula and the punctuation that touches it,
// "($x$)." or "$x$,", in one box that does not break: on a phone the line
// broke between a formula and its full stop, and the stop began the next
// line. The punctuation leaves the text beside the formula (n, about to be
// replaced by mn) for mn's HTML.
func keepTogether(n *passthrough.PassthroughInline, mn *mathNode, src []byte) {
	var lead, trail string
	if t, ok := n.PreviousSibling().(*ast.Text); ok && t.Segment.Stop == n.Segment.Start && !t.SoftLineBreak() && !t.HardLineBreak() {
		v := string(t.Segment.Value(src))
		lead = v[len(strings.TrimRight(v, "([{“‘")):]
		if strings.HasSuffix(v[:len(v)-len(lead)], `\`) {
			// "\($x$)": the ( is escaped, and its backslash, left
			// behind alone, would be printed. Both stay in the text.
			lead = ""
		}
		t.Segment = t.Segment.WithStop(t.Segment.Stop - len(lead))
		mn.lead = lead
	}
	if t, ok := n.NextSibling().(*ast.Text); ok && t.Segment.Start == n.Segment.Stop {
		v := string(t.Segment.Value(src))
		trail = v[:len(v)-len(strings.TrimLeft(v, ".,;:!?)]}’”"))]
		t.Segment = t.Segment.WithStart(t.Segment.Start + len(trail))
		mn.trail = trail
	}
	if lead != "" || trail != "" {
		mn.HTML = []byte(`<span class="math-nobreak">` + html.EscapeString(lead) + string(mn.HTML) + html.EscapeString(trail) + `</span>`)
	}
}

// tagRE finds a formula's own \tag{…}.
// It is compiled on first use: at init it cost every build's start.
var tagRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\\tag\*?\{([^{}]*)\}`)
})

// texTag is the text of a formula's \tag, and whether it has one.
func texTag(tex string) (string, bool) {
	m := tagRE().FindStringSubmatch(tex)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// position finds the line and column of offsets in src, moving on from
// the last one asked: offsets come in document order, and counting from
// the start each time was quadratic (150,000 bad formulas on one line took
// 49 s).
type position struct {
	src            []byte
	off, line, col int // col: runes since the line's start, plus one
}

func newPosition(src []byte, firstLine int) *position {
	return &position{src: src, line: firstLine, col: 1, off: 0}
}

func (p *position) at(offset int) (line, col int) {
	offset = max(0, min(offset, len(p.src)))
	if offset < p.off { // back to the start: a second pass
		first := p.line - bytes.Count(p.src[:p.off], []byte("\n"))
		*p = position{src: p.src, line: first, col: 1}
	}
	for p.off < offset {
		r, size := utf8.DecodeRune(p.src[p.off:])
		if r == '\n' {
			p.line++
			p.col = 1
		} else {
			p.col++
		}
		p.off += size
	}
	return p.line, p.col
}

// maxNesting bounds how deeply lists and block quotes nest: rendering and
// reading such a page grows faster than its length (4,000 levels took a
// minute), and no lesson needs more than a few.
const maxNesting = 32

// firstOffset is where the first line of text under n starts, or n itself
// if it holds no text.
func firstOffset(n ast.Node) int {
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 { // no text inside (an empty quote, one that held only [!NOTE]): where goldmark opened it
		off = max(n.Pos(), 0)
	}
	return off
}

// Render writes the page's HTML, with each Landscape's HTML in its place.
func (c *Converter) Render(w io.Writer, d *Doc) error {
	return c.md.Renderer().Render(w, d.src, d.root)
}

// Release drops the page's syntax tree once it is rendered.
func (d *Doc) Release() { d.root = nil }
