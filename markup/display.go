package markup

import (
	"bytes"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// displayParser reads a display formula that begins a line, $$ … $$, as a
// block of its own lines, as a fenced code block is read. The passthrough
// extension reads it inline, inside a paragraph, which went wrong in two
// ways: a line of the formula that begins "- b" or "+ b" started a list and
// broke the formula in two, and in a block quote the formula was the source
// between its dollars, so "> $$ / > x / > $$" was the formula "> x >". Here
// each line is the text its containers leave (the quote's > is not the
// formula's), and the block ends at the line holding the closing $$, after
// which only a label, {#eq-a}, may follow. A $$ inside a line of text stays
// the passthrough's.
type displayParser struct{}

// displayDollars are the delimiters of every formula displayParser reads.
var displayDollars = &passthrough.Delimiters{Open: "$$", Close: "$$"}

// displayOpenKey marks, in the parser's context, the formula still open.
var displayOpenKey = parser.NewContextKey()

func (displayParser) Trigger() []byte { return []byte{'$'} }

func (displayParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	// line begins with seg.Padding spaces that stand for the rest of a tab
	// a quote or list took part of; they are not in the page.
	src := func(i int) int { return seg.Start + i - seg.Padding }
	n := &passthrough.PassthroughBlock{Delimiters: displayDollars}
	if i := bytes.Index(line[pos+2:], []byte("$$")); i >= 0 { // $$ x $$ on one line
		end := pos + 2 + i + 2
		if bytes.IndexByte(line[end:], '|') >= 0 {
			return nil, parser.NoChildren // a table's row: $$x$$ | y
		}
		n.Lines().Append(text.NewSegment(src(pos), src(end)))
		closeDisplay(n, line[end:], src(end))
		reader.AdvanceToEOL()
		return n, parser.Close
	}
	n.Lines().Append(text.NewSegment(src(pos), seg.Stop))
	pc.Set(displayOpenKey, n)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (displayParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if pc.Get(displayOpenKey) != node {
		// Closed on its first line: goldmark may ask again, as a list
		// item does, and the line is not the formula's.
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if i := bytes.Index(line, []byte("$$")); i >= 0 {
		end := seg.Start + i + 2 - seg.Padding // the $$ is past the padding (spaces)
		node.Lines().Append(text.NewSegmentPadding(seg.Start, end, seg.Padding))
		closeDisplay(node, line[i+2:], end)
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (displayParser) Close(node ast.Node, _ text.Reader, pc parser.Context) {
	if pc.Get(displayOpenKey) == node {
		pc.Set(displayOpenKey, nil)
	}
	// goldmark would read the lines of a block it does not know to be raw
	// for inline Markdown (and find the formula again, as inline math);
	// they are TeX, kept aside.
	kept := *node.Lines() // Lines is the node's own field, which SetLines overwrites
	node.SetAttribute(displayLinesKey, &kept)
	node.SetLines(text.NewSegments())
}

// displayLinesKey is the attribute holding a display formula's lines.
var displayLinesKey = []byte("descent-display-lines")

// displayLines is the formula's lines: displayParser's, kept aside, or the
// passthrough extension's (a $$ … $$ inside a line of text).
func displayLines(n ast.Node) *text.Segments {
	if v, ok := n.Attribute(displayLinesKey); ok {
		return v.(*text.Segments)
	}
	return n.Lines()
}

func (displayParser) CanInterruptParagraph() bool { return true }

func (displayParser) CanAcceptIndentedLine() bool { return false }

// closeDisplay reads what follows the closing $$ on its line: nothing, or
// a label, {#eq-a}, which becomes the block's id. Anything else is kept, at
// its offset, for Parse to report.
func closeDisplay(n ast.Node, rest []byte, at int) {
	if util.IsBlank(rest) {
		return
	}
	if m := attrRE().FindSubmatch(rest); m != nil {
		n.SetAttributeString("id", bytes.Clone(m[1]))
		return
	}
	n.SetAttributeString(trailingKey, at+len(rest)-len(bytes.TrimLeft(rest, " \t")))
}

// trailingKey is the attribute of a display formula with text after its
// closing $$ (the text's offset in the page).
const trailingKey = "descent-trailing"

// displayTeX is a display formula's TeX, its lines joined, without its
// dollars; where in the page each byte of it is; and whether its closing
// $$ was found (a formula never closed runs to the end of its container).
func displayTeX(n *passthrough.PassthroughBlock, src []byte) (string, func(int) int, bool) {
	var b []byte
	lines := displayLines(n)
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		b = append(b, s.Value(src)...)
	}
	tex := bytes.TrimSuffix(bytes.TrimPrefix(b, []byte("$$")), []byte("$$"))
	at := func(off int) int { // an offset in tex to one in src
		off += 2
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			if off < s.Len() || i == lines.Len()-1 {
				return s.Start + max(0, min(off, s.Len())-s.Padding) // the padding is not in the page
			}
			off -= s.Len()
		}
		return 0
	}
	closed := len(b) >= 4 && bytes.HasSuffix(b, []byte("$$"))
	return string(tex), at, closed
}
