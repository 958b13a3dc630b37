package markup

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// An exercise is a block quote whose first line is [!EXERCISE]; a block
// quote starting [!ANSWER] right after it is its answer, folded in a
// <details>. Exercises are numbered per page, ex-1, ex-2, …, and linkable
// by that id.

// exercise is an [!EXERCISE] block quote; its answer, if any, is its last child.
type exercise struct {
	ast.BaseBlock
	Number int
}

// answer is an [!ANSWER] block quote. Orphan is set when no exercise
// comes right before it: Parse reports it at Offset.
type answer struct {
	ast.BaseBlock
	Number int
	Orphan bool
	Offset int
}

var (
	kindExercise = ast.NewNodeKind("DescentExercise")
	kindAnswer   = ast.NewNodeKind("DescentAnswer")
)

func (n *exercise) Kind() ast.NodeKind         { return kindExercise }
func (n *exercise) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *answer) Kind() ast.NodeKind           { return kindAnswer }
func (n *answer) Dump(src []byte, level int)   { ast.DumpHelper(n, src, level, nil, nil) }

var (
	exerciseMark = []byte("[!EXERCISE]")
	answerMark   = []byte("[!ANSWER]")
)

// exerciseTransformer swaps the marked block quotes for exercise and answer nodes.
type exerciseTransformer struct{}

func (exerciseTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	type found struct {
		q     *ast.Blockquote
		mark  []byte
		start int
	}
	var quotes []found
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			if m, start := marker(q, src); m != nil {
				quotes = append(quotes, found{q, m, start})
			}
		}
		return ast.WalkContinue, nil
	})
	number := 0
	for _, f := range quotes {
		stripMarker(f.q.FirstChild().(*ast.Paragraph), f.start+len(f.mark), src)
		var n ast.Node
		if bytes.Equal(f.mark, exerciseMark) {
			number++
			n = &exercise{Number: number}
		} else {
			a := &answer{Offset: f.start}
			if ex, ok := f.q.PreviousSibling().(*exercise); ok && !hasAnswer(ex) {
				a.Number = ex.Number
			} else {
				a.Orphan = true
			}
			n = a
		}
		for c := f.q.FirstChild(); c != nil; {
			next := c.NextSibling()
			n.AppendChild(n, c)
			c = next
		}
		parent := f.q.Parent()
		if a, ok := n.(*answer); ok && !a.Orphan {
			ex := f.q.PreviousSibling()
			parent.RemoveChild(parent, f.q)
			ex.AppendChild(ex, a)
			continue
		}
		parent.ReplaceChild(parent, f.q, n)
	}
}

func hasAnswer(ex *exercise) bool {
	_, ok := ex.LastChild().(*answer)
	return ok
}

// marker returns the mark a block quote starts with and where, or nil.
// (The math extension rebuilds paragraphs, leaving them no lines: the
// first text node says where the text starts.)
func marker(q *ast.Blockquote, src []byte) ([]byte, int) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok {
		return nil, 0
	}
	t, ok := p.FirstChild().(*ast.Text)
	if !ok {
		return nil, 0
	}
	start := t.Segment.Start
	for _, m := range [][]byte{exerciseMark, answerMark} {
		if end := start + len(m); end <= len(src) && bytes.EqualFold(src[start:end], m) {
			return m, start
		}
	}
	return nil, 0
}

// stripMarker removes the inline text before end from p, and p itself if
// nothing is left.
func stripMarker(p *ast.Paragraph, end int, src []byte) {
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start >= end {
			break
		}
		if t.Segment.Stop <= end {
			p.RemoveChild(p, c)
		} else {
			t.Segment = t.Segment.WithStart(end)
			break
		}
		c = next
	}
	// The text after the mark on its line starts with a space.
	if t, ok := p.FirstChild().(*ast.Text); ok {
		for t.Segment.Start < t.Segment.Stop && (src[t.Segment.Start] == ' ' || src[t.Segment.Start] == '\t') {
			t.Segment = t.Segment.WithStart(t.Segment.Start + 1)
		}
	}
	if p.FirstChild() == nil {
		p.Parent().RemoveChild(p.Parent(), p)
	}
}

func renderExercise(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	num := n.(*exercise).Number
	if entering {
		fmt.Fprintf(w, "<section class=\"exercise\" id=\"ex-%d\" aria-labelledby=\"ex-%d-title\">\n"+
			"<p class=\"exercise-title\" id=\"ex-%d-title\"><a href=\"#ex-%d\">Exercise %d</a></p>\n", num, num, num, num, num)
	} else {
		w.WriteString("</section>\n")
	}
	return ast.WalkContinue, nil
}

func renderAnswer(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	num := n.(*answer).Number
	if entering {
		fmt.Fprintf(w, "<details class=\"answer\" id=\"ex-%d-answer\">\n<summary>Answer to exercise %d</summary>\n", num, num)
	} else {
		w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}
