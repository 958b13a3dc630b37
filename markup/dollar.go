package markup

import (
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"descent/plainmath"
)

// dollarParser reads inline math between single dollars as Pandoc's
// parser does (tex_math_dollars, mathInlineWith), which the passthrough
// extension does not: the opening $ has a non-space character right after
// it; the first $ reached after it closes the formula, unless a digit
// follows it; spaces (or a line break) followed by a $ end the attempt;
// and inside, a backslash escapes the character after it ($a \$ b$), and
// \text{…} may hold dollars of its own. Where the attempt ends, the opening
// $ is text. So "$20,000 and $30,000" is text, where the first $ and the
// second made the formula "20,000 and ", silently, and "$5 and $x$" is a
// price and the formula x. The scan from one $ passes no other $ but
// those inside \text{…} groups, and when it fails, those are not tried as
// openers again (Pandoc would; each would scan the same groups), so a
// paragraph of dollars is read in linear time.
// $$ is left to the passthrough extension, which makes it display math.
type dollarParser struct{}

// failedSpanKey holds the source span [from, to) whose dollars a failed
// attempt scanned inside \text{…} groups: none of them opens a formula.
var failedSpanKey = parser.NewContextKey()

// inlineDollars are the delimiters of every formula dollarParser reads.
var inlineDollars = &passthrough.Delimiters{Open: "$", Close: "$"}

func (dollarParser) Trigger() []byte { return []byte{'$'} }

func (dollarParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, start := block.PeekLine()
	if len(line) > 1 && line[1] == '$' {
		return nil
	}
	dollar := func() ast.Node { // the $ as text, so no other parser takes it
		block.Advance(1)
		return ast.NewTextSegment(start.WithStop(start.Start + 1))
	}
	if len(line) < 2 || isSpace(line[1]) {
		return dollar()
	}
	if span, ok := pc.Get(failedSpanKey).([2]int); ok && span[0] < start.Start && start.Start < span[1] {
		return dollar()
	}
	l, pos := block.Position()
	lastGroup := -1 // the source offset just after the last \text{…} group scanned
	fail := func() ast.Node {
		if lastGroup > 0 {
			pc.Set(failedSpanKey, [2]int{start.Start, lastGroup})
		}
		block.SetPosition(l, pos)
		return dollar()
	}
	block.Advance(1)
	var lines []text.Segment // the formula's part of each line, for one over several
	for first := true; ; first = false {
		line, seg := block.PeekLine() // the first starts after the opener
		if line == nil {
			break
		}
		if !first && len(line) > 0 && line[0] == '$' {
			break // a $ after a line break, a space
		}
		end, ok, group := plainmath.FormulaEnd(line)
		if group >= 0 {
			lastGroup = seg.Start + group
		}
		switch {
		case ok:
			block.Advance(end + 1)
			n := &passthrough.PassthroughInline{Segment: start.WithStop(seg.Start + end + 1), Delimiters: inlineDollars}
			if lines != nil {
				n.SetAttribute(inlineLinesKey, append(lines, seg.WithStop(seg.Start+end)))
			}
			return n
		case end >= 0: // the attempt ended on this line
			return fail()
		}
		lines = append(lines, seg)
		block.AdvanceLine()
	}
	return fail()
}

// inlineLinesKey is the attribute holding the lines of an inline formula
// that runs over several: in a quote or a list, its Segment spans the
// markers and indentation between them, which are not TeX.
var inlineLinesKey = []byte("descent-inline-lines")

// inlineTeX is an inline formula's TeX without its dollars, and the
// source offset of each of its bytes' offsets (for a mistake's column).
func inlineTeX(n *passthrough.PassthroughInline, src []byte) (string, func(int) int) {
	v, ok := n.Attribute(inlineLinesKey)
	if !ok {
		raw := string(n.Segment.Value(src))
		tex := strings.TrimSuffix(strings.TrimPrefix(raw, n.Delimiters.Open), n.Delimiters.Close)
		return tex, func(off int) int { return n.Segment.Start + len(n.Delimiters.Open) + off }
	}
	lines := v.([]text.Segment)
	var b strings.Builder
	for _, l := range lines {
		b.Write(l.Value(src))
	}
	return b.String(), func(off int) int {
		for _, l := range lines {
			if off < l.Len() {
				return l.Start + off
			}
			off -= l.Len()
		}
		return n.Segment.Stop
	}
}
