package markup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"descent/texmath"
)

// Section is the text of a page under one heading (the text before the
// first heading has none), for the search index: plain words, formulas as
// Unicode text (plainmath), without code blocks, figures or quizzes. Math
// and HeadingMath are the TeX of the text's and the heading's formulas, so
// that a search for "gamma" finds \gamma, which the text shows as γ.
type Section struct {
	ID, Heading       string
	Text              string
	Math, HeadingMath string
}

// maxSectionText bounds the text kept of one section: the index needs the
// words, and a snippet only the start of where they are.
const maxSectionText = 4000

func sections(doc ast.Node, src []byte) []Section {
	out := []Section{{}}
	var b, math strings.Builder
	flush := func() {
		out[len(out)-1].Text = clip(collapseSpace(b.String()))
		out[len(out)-1].Math = clip(collapseSpace(math.String()))
		b.Reset()
		math.Reset()
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
			var hm strings.Builder
			formulas(n, src, &hm)
			out = append(out, Section{ID: string(idb), Heading: plainText(n, src, unicodeTeX), HeadingMath: collapseSpace(hm.String())})
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *Landscape, *Quiz:
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughBlock: // a display formula: terms, not text
			formulas(n, src, &math)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *east.TableCell, *east.DefinitionTerm: // a cell and a term hold their text as a paragraph does
			b.WriteString(plainText(n, src, unicodeTeX))
			b.WriteByte(' ')
			formulas(n, src, &math)
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

// collapseSpace is strings.Join(strings.Fields(s), " ") without the
// slice of words: a page's text is the search index's largest string.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n]) // as it is, even a broken byte
		}
		i += n
	}
	return b.String()
}

// clip cuts t to maxSectionText bytes, on a character's boundary.
func clip(t string) string {
	if len(t) > maxSectionText {
		t = strings.ToValidUTF8(t[:maxSectionText], "")
	}
	return t
}

// formulas writes the words of n's formulas to b (texTerms).
func formulas(n ast.Node, src []byte, b *strings.Builder) {
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch m := c.(type) {
		case *mathNode:
			if entering && len(m.tex) >= m.open+m.close {
				texTerms(b, string(m.tex[m.open:len(m.tex)-m.close]))
			}
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			if entering {
				texTerms(b, plainText(c, src, bareTeX))
			}
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughBlock:
			if entering {
				tex, _, _ := displayTeX(m, src)
				texTerms(b, tex)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// skipGroup skips the {…} group at tex[i:], after spaces, and returns
// what it holds and where it ends; one not there or not closed on the
// spot is left alone.
func skipGroup(tex string, i int) (string, int) {
	j := i
	for j < len(tex) && tex[j] == ' ' {
		j++
	}
	if j >= len(tex) || tex[j] != '{' {
		return "", i
	}
	k := strings.IndexByte(tex[j:], '}')
	if k < 0 {
		return "", i
	}
	return tex[j+1 : j+k], j + k + 1
}

// TeXTerms is texTerms of one formula, for the search terms of a formula
// outside a page's Markdown (a title's).
func TeXTerms(tex string) string {
	var b strings.Builder
	texTerms(&b, tex)
	return strings.TrimSpace(b.String())
}

// texTerms writes to b, and a space after it, a formula's TeX with the names of its symbols, operators
// and functions (\nabla, \sum, \log), which a reader may search for, and
// without the rest of its commands (\left, \frac, \mathbf, \text) and
// environment names, which would make "left", "begin" or "text" find every
// formula. Letters and words outside commands (\text{loss}) stay.
func texTerms(b *strings.Builder, tex string) {
	for i := 0; i < len(tex); {
		if tex[i] != '\\' {
			b.WriteByte(tex[i])
			i++
			continue
		}
		j := i + 1
		for j < len(tex) && isLetter(tex[j]) {
			j++
		}
		name := tex[i+1 : j]
		if name == "" { // \{ \, \\
			b.WriteByte(' ')
			i = min(i+2, len(tex))
			continue
		}
		if texmath.IsSymbol(name) {
			b.WriteString(" " + name + " ")
		} else {
			b.WriteByte(' ')
		}
		i = j
		switch name {
		case "begin": // the environment's name, and an array's columns
			env := ""
			env, i = skipGroup(tex, i)
			if env == "array" {
				_, i = skipGroup(tex, i)
			}
		case "end", "label", "tag":
			_, i = skipGroup(tex, i)
		}
	}
	b.WriteByte(' ')
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
