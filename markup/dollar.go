package markup

import (
	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// dollarParser reads inline math between single dollars by Pandoc's rule
// (tex_math_dollars), which the passthrough extension does not keep: the
// opening $ has a non-space character right after it, the closing $ has a
// non-space character right before it and no digit right after it, and
// inside, a backslash escapes the character after it ($a \$ b$). So
// "$20,000 and $30,000" is text, where the first $ and the second made the
// formula "20,000 and ", silently. A $ that opens nothing is text.
// $$ is left to the passthrough extension, which makes it display math.
type dollarParser struct{}

// inlineDollars are the delimiters of every formula dollarParser reads.
var inlineDollars = &passthrough.Delimiters{Open: "$", Close: "$"}

func (dollarParser) Trigger() []byte { return []byte{'$'} }

func (dollarParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
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
	l, pos := block.Position()
	block.Advance(1)
	for {
		line, seg := block.PeekLine()
		if line == nil {
			break
		}
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '$':
				// A line's first $ follows a line break, a space.
				if i > 0 && !isSpace(line[i-1]) && !(i+1 < len(line) && '0' <= line[i+1] && line[i+1] <= '9') {
					block.Advance(i + 1)
					return &passthrough.PassthroughInline{Segment: start.WithStop(seg.Start + i + 1), Delimiters: inlineDollars}
				}
			}
		}
		block.AdvanceLine()
	}
	block.SetPosition(l, pos)
	return dollar()
}
