package markup

// This file is GitHub's alerts: a block quote whose first line is [!NOTE],
// [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] becomes a Callout. The
// kinds come from a table (Callouts) so that other constructs written the
// same way ([!EXERCISE], [!ANSWER]) are left to their own code: a block
// quote of a kind the table lacks stays a block quote, untouched.

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CalloutKind is one kind of alert: Name as written between [! and ]
// (upper case), and the Title the page shows.
type CalloutKind struct {
	Name, Title string
}

// Callouts returns GitHub's five alert kinds, in GitHub's order.
func Callouts() []CalloutKind {
	return []CalloutKind{{"NOTE", "Note"}, {"TIP", "Tip"}, {"IMPORTANT", "Important"}, {"WARNING", "Warning"}, {"CAUTION", "Caution"}}
}

// Callout is a block quote that is an alert; its children are the quote's,
// without the [!KIND] marker.
type Callout struct {
	ast.BaseBlock
	Alert CalloutKind
}

// KindCallout is the node kind of Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.Alert.Name}, nil)
}

// calloutTransformer swaps each block quote that starts with a known
// [!KIND] for a Callout.
type calloutTransformer struct{ kinds []CalloutKind }

func (t calloutTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok {
			continue
		}
		name, ok := calloutMarker(firstLine(p, src))
		if !ok {
			continue
		}
		kind, ok := t.lookup(name)
		if !ok {
			continue // another construct's, or an ordinary quote
		}
		dropMarker(p)
		c := &Callout{Alert: kind}
		for k := q.FirstChild(); k != nil; {
			next := k.NextSibling()
			c.AppendChild(c, k)
			k = next
		}
		if p.ChildCount() == 0 {
			c.RemoveChild(c, p)
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

func (t calloutTransformer) lookup(name string) (CalloutKind, bool) {
	for _, k := range t.kinds {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	return CalloutKind{}, false
}

// calloutMarker reads "[!NAME]" alone on a quote's first line.
func calloutMarker(line string) (string, bool) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "[!") || !strings.HasSuffix(line, "]") {
		return "", false
	}
	name := line[2 : len(line)-1]
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z') }) >= 0 {
		return "", false
	}
	return name, true
}

// firstLine is the text of a paragraph's first line, from its inline
// nodes (the math extension rebuilds paragraphs without their lines);
// "" when anything but text comes first.
func firstLine(p *ast.Paragraph, src []byte) string {
	var b strings.Builder
	for k := p.FirstChild(); k != nil; k = k.NextSibling() {
		t, ok := k.(*ast.Text)
		if !ok {
			return ""
		}
		b.Write(t.Segment.Value(src))
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	return b.String()
}

// dropMarker removes the inline nodes of the paragraph's first line, the
// marker.
func dropMarker(p *ast.Paragraph) {
	for k := p.FirstChild(); k != nil; {
		next := k.NextSibling()
		p.RemoveChild(p, k)
		if t := k.(*ast.Text); t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
		k = next
	}
	if lines := p.Lines(); lines.Len() > 0 {
		rest := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			rest.Append(lines.At(i))
		}
		p.SetLines(rest)
	}
}

// renderCallout writes <div class="callout callout-note" role="note">
// with its title first.
func renderCallout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	if entering {
		name := strings.ToLower(c.Alert.Name)
		w.WriteString(`<div class="callout callout-` + name + `" role="note">` + "\n")
		w.WriteString(`<p class="callout-title">` + html.EscapeString(c.Alert.Title) + "</p>\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func registerCallout(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
}
