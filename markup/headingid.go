package markup

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"descent/plainmath"
)

// headingIDs makes ids as goldmark does, but a heading's from what its
// reader sees: goldmark slugs the heading's line as written, so "The [step
// size](lr.md) matters" was #the-step-sizelrmd-matters and "Adam &amp; co"
// #adam-amp-co, where GitHub and Hugo give #the-step-size-matters and
// #adam--co. defined says whether the page defines a link reference label;
// nil while the parse has not read every definition, which
// setextIDTransformer then has.
type headingIDs struct {
	parser.IDs
	defined func(label []byte) bool
}

func newHeadingIDs(defined func([]byte) bool) headingIDs {
	return headingIDs{parser.NewContext().IDs(), defined}
}

func (h headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	if kind == ast.KindHeading {
		value = seenText(value, h.defined)
	}
	return h.IDs.Generate(value, kind)
}

// seenText is a heading's Markdown with what a reader does not see left
// out: a link's destination and title, a reference link's label when
// defined says the page defines it ("A[i][j]" with no [j] shows its [j]),
// and an HTML tag; a character reference is read as the character it
// stands for (&#65; is A; &amp; is &, which the slugger drops). Code
// spans, formulas and escaped characters stay as they are.
func seenText(v []byte, defined func(label []byte) bool) []byte {
	if bytes.IndexAny(v, "]&<") < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); {
		k := i + 1 // where the next piece starts
		switch v[i] {
		case '\\':
			k = min(i+2, len(v))
		case '`':
			k = codeSpanEnd(v, i)
		case '$':
			k = formulaEnd(v, i)
		case ']':
			if i+1 < len(v) && (v[i+1] == '(' || v[i+1] == '[') {
				if v[i+1] == '(' {
					if end := inlineLinkEnd(v, i+1); end > 0 {
						out, i = append(out, ']'), end
						continue
					}
				} else if end := linkPartEnd(v, i+1); end > 0 && defined != nil && defined(v[i+2:end-1]) {
					out, i = append(out, ']'), end
					continue
				}
			}
		case '&':
			if n := charRefLen(v[i:]); n > 0 { // read as what it stands for
				out, i = append(out, util.ResolveNumericReferences(util.ResolveEntityNames(v[i:i+n]))...), i+n
				continue
			}
		case '<':
			if n := tagLen(v[i:]); n > 0 {
				i += n
				continue
			}
		}
		out, i = append(out, v[i:k]...), k
	}
	return out
}

// codeSpanEnd returns the end of the code span whose backticks start at i,
// or the end of that run of backticks if it is never closed.
func codeSpanEnd(v []byte, i int) int {
	run := i
	for run < len(v) && v[run] == '`' {
		run++
	}
	ticks := v[i:run]
	for k := run; k < len(v); {
		j := bytes.Index(v[k:], ticks)
		if j < 0 {
			break
		}
		j += k
		end := j + len(ticks)
		if end == len(v) || v[end] != '`' {
			return end
		}
		for end < len(v) && v[end] == '`' {
			end++
		}
		k = end
	}
	return run
}

// formulaEnd returns the end of the formula whose $ is at i, read as
// dollarParser reads one, or i+1 if none starts there: a formula shows
// its TeX, so a < or a ](…) in it ($0<x \le 1$ and $f(x)>0$) is no tag
// or link to leave out.
func formulaEnd(v []byte, i int) int {
	if i+1 < len(v) && v[i+1] != '$' && !isSpace(v[i+1]) {
		if end, ok, _ := plainmath.FormulaEnd(v[i+1:]); ok {
			return i + 1 + end + 1
		}
	}
	return i + 1
}

// linkPartEnd returns the index after the ] that closes the bracket at i,
// nested brackets and escapes counted, or 0 if none does.
func linkPartEnd(v []byte, i int) int {
	depth := 0
	for k := i; k < len(v); k++ {
		switch v[k] {
		case '\\':
			k++
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return k + 1
			}
		}
	}
	return 0
}

// inlineLinkEnd returns the index after the ) that ends an inline link's
// destination and title, the ( at i, read as goldmark reads them (a little
// more freely than CommonMark: a < in <…>, a control character bare), or 0
// if they are none: "[x](a b)" is no link, and shows its "(a b)".
func inlineLinkEnd(v []byte, i int) int {
	k := skipBlanks(v, i+1)
	if k < len(v) && v[k] == '<' { // <a b>: anything up to the >
		for k++; k < len(v) && v[k] != '>'; k++ {
			if v[k] == '\\' && k+1 < len(v) && util.IsPunct(v[k+1]) {
				k++
			}
		}
		if k >= len(v) {
			return 0
		}
		k++
	} else { // up to a space, or a ) that closes no ( of its own
		depth := 0
	dest:
		for ; k < len(v); k++ {
			switch c := v[k]; {
			case c == '\\' && k+1 < len(v) && util.IsPunct(v[k+1]):
				k++
			case util.IsSpace(c):
				break dest
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					break dest
				}
				depth--
			}
		}
		// An open parenthesis left open is goldmark's too: [x](a( ) links.
	}
	j := skipBlanks(v, k)
	if j > k && j < len(v) && (v[j] == '"' || v[j] == '\'' || v[j] == '(') { // a title
		end := v[j]
		if end == '(' {
			end = ')'
		}
		m := j + 1
		for ; m < len(v) && v[m] != end; m++ {
			switch {
			case v[m] == '\\':
				m++
			case v[j] == '(' && v[m] == '(':
				return 0
			}
		}
		if m >= len(v) {
			return 0
		}
		j = skipBlanks(v, m+1)
	}
	if j < len(v) && v[j] == ')' {
		return j + 1
	}
	return 0
}

func skipBlanks(v []byte, k int) int {
	for k < len(v) && util.IsSpace(v[k]) {
		k++
	}
	return k
}

// charRefLen is the length of the character reference at the start of v
// (&amp;, &#38;, &#x26;), or 0: a name that is no entity's is none.
func charRefLen(v []byte) int {
	k := 1
	switch {
	case len(v) > 2 && v[1] == '#' && (v[2] == 'x' || v[2] == 'X'):
		k = 3
		for k < len(v) && k < 9 && isHexDigit(v[k]) {
			k++
		}
		if k == 3 {
			return 0
		}
	case len(v) > 1 && v[1] == '#':
		k = 2
		for k < len(v) && k < 9 && '0' <= v[k] && v[k] <= '9' {
			k++
		}
		if k == 2 {
			return 0
		}
	default:
		for k < len(v) && k < 33 && isAlnum(v[k]) {
			k++
		}
		if k == 1 || !isEntity(v[1:k]) {
			return 0
		}
	}
	if k < len(v) && v[k] == ';' {
		return k + 1
	}
	return 0
}

// tagLen is the length of the HTML tag or comment at the start of v (<b>,
// </em>, <br/>, <span class="x">, <!-- x -->), or 0: an autolink
// (<https://…>) is not one.
func tagLen(v []byte) int {
	if bytes.HasPrefix(v, []byte("<!--")) { // <!--> and <!---> close themselves
		if end := bytes.Index(v[2:], []byte("-->")); end >= 0 {
			return 2 + end + 3
		}
		return 0
	}
	k := 1
	if k < len(v) && v[k] == '/' {
		k++
	}
	start := k
	for k < len(v) && (isAlnum(v[k]) || k > start && v[k] == '-') {
		k++
	}
	if k == start || !('a' <= v[start]|0x20 && v[start]|0x20 <= 'z') {
		return 0
	}
	if k < len(v) && v[k] != '>' && v[k] != '/' && v[k] != ' ' && v[k] != '\t' {
		return 0
	}
	quote := byte(0)
	for ; k < len(v); k++ {
		switch c := v[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return 0
		case c == '>':
			return k + 1
		}
	}
	return 0
}

// isEntity reports whether name is an HTML5 entity's: another (&bogus;)
// is shown as written.
func isEntity(name []byte) bool {
	_, ok := util.LookUpHTML5EntityByName(string(name))
	return ok
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}
