package texmath

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a mistake in a formula at a byte offset into it; a page's
// parser turns the offset into a column.
type Error struct {
	Off int // where in the formula, in bytes
	msg string
}

// Error is one line: control characters from the formula are escaped.
func (e *Error) Error() string {
	var b strings.Builder
	for _, r := range e.msg {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return "math: " + b.String()
}

// texParser reads TeX's math mode by recursive descent and builds MathML
// nodes as it goes. Its grammar, informally:
//
//	list   = { atom [scripts] } ;           until }, &, \\, \end, \right, EOF
//	atom   = char | number | command args | "{" list "}" ;
//	scripts= { "^" arg | "_" arg | "'" } ;  one of each at most
//	arg    = "{" list "}" | one token ;
//
// Every command is known: one the parser does not know is an error that
// names it, never a box on the page.
type texParser struct {
	src     string
	i       int
	display bool   // display style: limits go under and over
	font    string // the math alphabet in force ("" is TeX's default)
	tag     *node  // \tag{…}, written beside the formula
	notag   bool
	inTable int
}

func (p *texParser) fail(off int, format string, args ...any) {
	panic(&Error{off, fmt.Sprintf(format, args...)})
}

// parse reads one formula into its math element, the tag (\tag{…})
// beside it in a table when it has one; errors are *Error.
func parse(src string, display bool) (math *node, err error) {
	p := &texParser{src: src, display: display}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			math, err = nil, e
		}
	}()
	kids, stop := p.list()
	if stop != "" {
		p.fail(p.i-len(stop), "%s without a matching opening", stop)
	}
	body := row(kids)
	if body.tag != "mrow" {
		body = elem("mrow", ord, body)
	}
	if p.tag != nil && !p.notag {
		pad := func() *node { return elem("mtd", ord).set("width", "50%") }
		body = elem("mtable", ord, elem("mtr", ord, pad(), elem("mtd", ord, body), pad(), elem("mtd", ord, p.tag))).set("width", "100%")
		body.pairs = true // the formula and its tag: one line
	}
	mode := "inline"
	if display {
		mode = "block"
	}
	math = elem("math", ord, body).set("display", mode)
	if d := math.depth(); d > maxMathMLDepth {
		// checkTeX guesses from the TeX; this is the tree a browser gets,
		// and Chromium flattens one deeper than 512, silently.
		return nil, &Error{msg: fmt.Sprintf("the formula's MathML nests %d elements deep, over the limit of %d; write it flatter, or split it", d, maxMathMLDepth)}
	}
	return math, nil
}

// maxMathMLDepth bounds a formula's element tree: the deepest of the
// course and the test corpus is 13 elements deep, and what texDepth lets
// through at its limit under 170 (environments are four elements each).
const maxMathMLDepth = 200

// depth is how many elements deep n's tree is, n counted.
func (n *node) depth() int {
	d := 0
	for _, k := range n.kids {
		d = max(d, k.depth())
	}
	return d + 1
}

func (p *texParser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func (p *texParser) skipSpace() {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '%':
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

// command reads the name after a backslash at p.i (a run of letters, or
// one other character) and moves past it.
func (p *texParser) command() string {
	start := p.i + 1
	j := start
	for j < len(p.src) && isLetterAt(p.src, j) {
		j++
	}
	if j == start && j < len(p.src) {
		_, size := utf8.DecodeRuneInString(p.src[j:])
		j += size
	}
	p.i = j
	return p.src[start:j]
}

// peekCommand is the command at p.i without moving, or "".
func (p *texParser) peekCommand() string {
	if p.peek() != '\\' {
		return ""
	}
	save := p.i
	name := p.command()
	p.i = save
	return name
}

// list reads atoms until the end of the group and returns them with what
// stopped it: "" at the end of the formula, else "}", "&", `\\`, `\end`,
// `\right` or `\middle` (not consumed, except "}").
func (p *texParser) list() ([]*node, string) {
	var kids []*node
	var num []*node
	var infix string
	infixAt := 0
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			return p.finishList(kids, num, infix, infixAt), ""
		}
		c := p.src[p.i]
		if c == '}' {
			p.i++
			return p.finishList(kids, num, infix, infixAt), "}"
		}
		if c == '&' {
			if p.inTable == 0 {
				p.fail(p.i, "& outside a table; use it in \\begin{aligned} or a matrix")
			}
			return p.finishList(kids, num, infix, infixAt), "&"
		}
		if c == '\\' {
			switch name := p.peekCommand(); name {
			case "\\", "cr", "end", "right", "middle":
				if name == "\\" && p.inTable == 0 {
					p.i += 2
					p.skipOptional()
					kids = append(kids, &node{tag: "mspace", attrs: []string{"linebreak", "newline"}, space: true})
					continue
				}
				return p.finishList(kids, num, infix, infixAt), `\` + name
			case "over", "choose", "atop", "brace", "brack":
				if infix != "" {
					p.fail(p.i, "\\%s after \\%s in one group; add braces", name, infix)
				}
				infixAt = p.i
				p.i += 1 + len(name)
				infix, num, kids = name, kids, nil
				continue
			case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
				p.i += 1 + len(name)
				saved := p.display
				p.display = name == "displaystyle"
				rest, stop := p.list()
				p.display = saved
				if stop == "}" {
					p.i-- // the caller's group ends here too
				} else if stop != "" {
					p.i -= len(stop)
				}
				st := elem("mstyle", ord, spaceRow(rest)...).set("displaystyle", fmt.Sprint(name == "displaystyle")).set("scriptlevel", map[string]string{"displaystyle": "0", "textstyle": "0", "scriptstyle": "1", "scriptscriptstyle": "2"}[name])
				kids = append(kids, st)
				if stop == "}" {
					p.i++
				}
				return p.finishList(kids, num, infix, infixAt), stop
			}
		}
		start := p.i
		a := p.atom()
		if a == nil {
			continue
		}
		a = p.scripts(a, start)
		kids = append(kids, a)
	}
}

// finishList builds the fraction of \over and its kind, if any.
func (p *texParser) finishList(kids, num []*node, infix string, at int) []*node {
	if infix == "" {
		return spaceRow(kids)
	}
	f := elem("mfrac", ord, row(spaceRow(num)), row(spaceRow(kids)))
	switch infix {
	case "over":
		return []*node{f}
	case "atop":
		return []*node{f.set("linethickness", "0px")}
	}
	l, r := map[string][2]string{"choose": {"(", ")"}, "brace": {"{", "}"}, "brack": {"[", "]"}}[infix][0], map[string][2]string{"choose": {"(", ")"}, "brace": {"{", "}"}, "brack": {"[", "]"}}[infix][1]
	f.set("linethickness", "0px")
	b := elem("mrow", inner, fence(l, open), f, fence(r, closeClass))
	b.binom = infix == "choose"
	return []*node{b}
}

func fence(c string, cl class) *node {
	return tok("mo", c, cl, "fence", "true", "stretchy", "true")
}

// skipOptional skips \\'s optional [dimension].
func (p *texParser) skipOptional() {
	save := p.i
	p.skipSpace()
	if p.peek() != '[' {
		p.i = save
		return
	}
	end := strings.IndexByte(p.src[p.i:], ']')
	if end < 0 {
		p.fail(p.i, "[ without ]")
	}
	p.i += end + 1
}

// group reads "{" list "}" at p.i (after spaces).
func (p *texParser) group() []*node {
	p.skipSpace()
	open := p.i
	if p.peek() != '{' {
		p.fail(p.i, "expected {")
	}
	p.i++
	saved := p.font
	defer func() { p.font = saved }()
	kids, stop := p.list()
	if stop != "}" {
		if stop == "" {
			p.fail(open, "{ without }")
		}
		p.fail(p.i, "%s inside a group; close the { first", stop)
	}
	return kids
}

// arg reads a command's argument: a group, or one token.
func (p *texParser) arg(cmd string) *node {
	p.skipSpace()
	if p.i >= len(p.src) {
		p.fail(p.i, "%s needs an argument", cmd)
	}
	switch c := p.src[p.i]; c {
	case '{':
		return row(p.group())
	case '}', '&', '^', '_':
		p.fail(p.i, "%s needs an argument before %c", cmd, c)
	}
	if p.src[p.i] == '\\' {
		switch name := p.peekCommand(); name {
		case "\\", "end", "right", "middle", "cr":
			p.fail(p.i, "%s needs an argument before \\%s", cmd, name)
		}
	}
	if isDigit(p.src[p.i]) {
		p.i++
		return tok("mn", p.styleText(p.src[p.i-1:p.i]), ord)
	}
	a := p.atom()
	if a == nil {
		p.fail(p.i, "%s needs an argument", cmd)
	}
	return a
}

// textArg reads a {…} argument as plain text (environment names, sizes).
func (p *texParser) textArg(cmd string) string {
	p.skipSpace()
	if p.peek() != '{' {
		p.fail(p.i, "%s needs an argument in braces", cmd)
	}
	end := strings.IndexByte(p.src[p.i:], '}')
	if end < 0 {
		p.fail(p.i, "{ without }")
	}
	s := p.src[p.i+1 : p.i+end]
	p.i += end + 1
	return strings.TrimSpace(s)
}

// scripts reads the sub- and superscripts and primes after base.
func (p *texParser) scripts(base *node, start int) *node {
	var sub, sup *node
	var primes []*node
	limits := 0 // 1 \limits, -1 \nolimits
	for {
		p.skipSpace()
		switch c := p.peek(); {
		case c == '^' || c == '_':
			at := p.i
			p.i++
			a := p.arg(string(c))
			if c == '^' {
				if sup != nil {
					p.fail(at, "double superscript; add braces: {x^a}^b")
				}
				sup = a
			} else {
				if sub != nil {
					p.fail(at, "double subscript; add braces: {x_a}_b")
				}
				sub = a
			}
		case c == '\'':
			if sup != nil {
				p.fail(p.i, "a prime after a superscript; write x'^2, not x^2'")
			}
			p.i++
			primes = append(primes, tok("mo", "′", ord))
		case c == '\\' && (p.peekCommand() == "limits" || p.peekCommand() == "nolimits"):
			if base.class != opClass {
				p.fail(p.i, "\\%s after something that is not an operator", p.peekCommand())
			}
			if p.command() == "limits" {
				limits = 1
			} else {
				limits = -1
			}
		default:
			if len(primes) > 0 {
				ps := row(primes)
				if sup != nil {
					ps = elem("mrow", ord, append(primes, sup)...)
				}
				sup = ps
			}
			if sub == nil && sup == nil {
				return base
			}
			under := base.brace || base.class == opClass && (limits == 1 || limits == 0 && p.display && base.limits())
			var n *node
			switch {
			case sub != nil && sup != nil && under:
				n = elem("munderover", base.class, base, sub, sup)
			case sub != nil && sup != nil:
				n = elem("msubsup", base.class, base, sub, sup)
			case sub != nil && under:
				n = elem("munder", base.class, base, sub)
			case sub != nil:
				n = elem("msub", base.class, base, sub)
			case under:
				n = elem("mover", base.class, base, sup)
			default:
				n = elem("msup", base.class, base, sup)
			}
			if under && base.tag == "mo" {
				base.set("movablelimits", "false")
			}
			return n
		}
	}
}

// limits tells whether an operator takes limits under and over in
// display style: \sum does, \int does not; \lim does, \sin does not.
func (n *node) limits() bool {
	return !n.side
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// styleText writes s in the math alphabet in force.
func (p *texParser) styleText(s string) string {
	v := p.font
	switch v {
	case "", "normal", "italic":
		return s
	case "boldsymbol":
		v = "bold"
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(styled(r, v))
	}
	return b.String()
}

// letter is the identifier for one letter in the font in force.
func (p *texParser) letter(r rune) *node {
	v := p.font
	if v == "boldsymbol" {
		v = "bold-italic"
		if 0x391 <= r && r <= 0x3A9 || !unicode.IsLetter(r) {
			v = "bold"
		}
	}
	switch v {
	case "":
		if 0x391 <= r && r <= 0x3A9 || !unicode.IsLetter(r) || strings.ContainsRune("ℓℏℜℑℵ℘", r) {
			return tok("mi", string(r), ord, "mathvariant", "normal")
		}
		return tok("mi", string(r), ord)
	case "normal":
		if r >= 0x370 && r <= 0x3FF && unicode.IsLower(r) {
			return tok("mi", string(r), ord) // TeX's \mathrm leaves small Greek italic
		}
		return tok("mi", string(r), ord, "mathvariant", "normal")
	case "italic":
		if 0x391 <= r && r <= 0x3A9 {
			return tok("mi", string(styled(r, "italic")), ord)
		}
		return tok("mi", string(r), ord)
	}
	s := styled(r, v)
	if s == r && (v == "bold" || v == "bold-italic") && r >= 0x370 && r <= 0x3FF && unicode.IsLower(r) && v == "bold" {
		return tok("mi", string(r), ord)
	}
	if s == r {
		return tok("mi", string(r), ord, "mathvariant", v)
	}
	return tok("mi", string(s), ord)
}
