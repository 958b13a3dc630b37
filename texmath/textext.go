package texmath

import (
	"strings"
	"unicode/utf8"
)

// textStyles are the CSS each text style needs: Chromium ignores
// mathvariant on mtext, so both are written.
var textStyles = map[string]string{
	"bold": "font-weight: bold", "italic": "font-style: italic", "bold-italic": "font-style: italic; font-weight: bold",
	"monospace": "font-family: monospace", "sans-serif": "font-family: sans-serif",
}

// text reads the argument of \text and its kind as text, with $…$ math
// inside it; style is the text style ("", "bold", "italic"…).
func (p *texParser) text(cmd, style string) *node {
	p.skipSpace()
	if p.i >= len(p.src) {
		p.fail(p.i, "%s needs an argument", cmd)
	}
	if p.peek() != '{' {
		r, size := utf8.DecodeRuneInString(p.src[p.i:])
		if r == '\\' || r == '}' {
			p.fail(p.i, "%s needs an argument in braces", cmd)
		}
		p.i += size
		return textRun(string(r), style)
	}
	open := p.i
	p.i++
	var kids []*node
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			kids = append(kids, textRun(run.String(), style))
			run.Reset()
		}
	}
	depth := 0
	for {
		if p.i >= len(p.src) {
			p.fail(open, "%s{ without }", cmd)
		}
		c := p.src[p.i]
		switch c {
		case '}':
			if depth == 0 {
				p.i++
				flush()
				return row(kids)
			}
			depth--
			p.i++
		case '{':
			depth++
			p.i++
		case '~':
			run.WriteString("\u00a0")
			p.i++
		case '$':
			flush()
			end := strings.IndexByte(p.src[p.i+1:], '$')
			if end < 0 {
				p.fail(p.i, "$ without a closing $ inside %s", cmd)
			}
			sub := &texParser{src: p.src[:p.i+1+end], i: p.i + 1, display: false, inTable: 0}
			m, stop := sub.list()
			if stop != "" {
				p.fail(sub.i, "%s inside $…$ in %s", stop, cmd)
			}
			kids = append(kids, m...)
			p.i += end + 2
		case '\\':
			at := p.i
			name := p.command()
			switch name {
			case "{", "}", "$", "%", "&", "_", "#":
				run.WriteString(name)
			case " ", ",", ";", ":", "quad", "qquad", "enspace":
				run.WriteString("\u00a0")
			case "textbackslash":
				run.WriteString("\\")
			default:
				if v, ok := textFonts[name]; ok {
					flush()
					kids = append(kids, p.text(`\`+name, combineStyle(style, v)))
					continue
				}
				p.fail(at, "unknown command \\%s in %s", name, cmd)
			}
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.i:])
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
				r = '\u00a0'
			}
			run.WriteRune(r)
			p.i += size
		}
	}
}

func textRun(s, style string) *node {
	n := tok("mtext", s, ord)
	if style != "" {
		n.set("mathvariant", style).set("style", textStyles[style])
	}
	return n
}

func combineStyle(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	case a == "bold" && b == "italic" || a == "italic" && b == "bold":
		return "bold-italic"
	}
	return b
}
