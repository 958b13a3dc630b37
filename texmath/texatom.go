package texmath

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chars are the characters that are operators in math mode.
var chars = map[byte]symbol{
	'+': binSym("+"), '-': binSym("−"), '*': binSym("∗"), '=': relSym("="), '<': relSym("<"), '>': relSym(">"),
	':': relSym(":"), ',': {",", punct, false}, ';': {";", punct, false}, '(': openSym("("), ')': closeSym(")"),
	'[': openSym("["), ']': closeSym("]"), '!': closeSym("!"), '?': closeSym("?"), '/': {"/", ord, false},
	'|': {"|", ord, false}, '.': ordSym("."), '@': ordSym("@"), '"': ordSym("\""), '`': ordSym("‘"),
}

// atom reads one atom at p.i; nil for what writes nothing (\label, \notag).
func (p *texParser) atom() *node {
	c := p.src[p.i]
	switch {
	case c == '{':
		return row(p.group())
	case c == '\\':
		return p.cmd()
	case c == '^' || c == '_':
		return elem("mrow", ord) // a script on nothing: x_{}^2 and ^2 both work
	case c == '$':
		p.fail(p.i, "$ inside a formula; close the formula first")
	case c == '#':
		p.fail(p.i, "# in a formula; write \\#")
	case c == '~':
		p.i++
		return mspace("0.25em")
	case isDigit(c) || c == '.' && p.i+1 < len(p.src) && isDigit(p.src[p.i+1]):
		return p.number()
	case isLetterAt(p.src, p.i):
		p.i++
		return p.letter(rune(c))
	case c == '\'':
		p.i++
		return elem("msup", ord, elem("mrow", ord), tok("mo", "′", ord))
	}
	if s, ok := chars[c]; ok {
		p.i++
		return p.symbolNode(s)
	}
	if c < utf8.RuneSelf {
		p.fail(p.i, "the character %q cannot be in a formula", c)
	}
	r, size := utf8.DecodeRuneInString(p.src[p.i:])
	p.i += size
	if unicode.IsLetter(r) {
		return p.letter(r)
	}
	if unicode.IsDigit(r) {
		return tok("mn", string(r), ord)
	}
	return tok("mo", string(r), ord)
}

// number reads digits and decimal points as one number, as TeX users
// expect "3.14" to be one.
func (p *texParser) number() *node {
	start := p.i
	var b strings.Builder
	for p.i < len(p.src) && (isDigit(p.src[p.i]) || p.src[p.i] == '.') {
		b.WriteByte(p.src[p.i])
		p.i++
		// TeX ignores spaces in math: "3.14 15" is one number, as KaTeX has it.
		save := p.i
		p.skipSpace()
		if p.i < len(p.src) && !isDigit(p.src[p.i]) && p.src[p.i] != '.' {
			p.i = save
		}
	}
	_ = start
	if p.font == "boldsymbol" {
		return tok("mi", p.styleText(b.String()), ord) // as KaTeX has it
	}
	return tok("mn", p.styleText(b.String()), ord)
}

func (p *texParser) symbolNode(s symbol) *node {
	switch {
	case s.mi:
		if utf8.RuneCountInString(s.char) == 1 {
			r, _ := utf8.DecodeRuneInString(s.char)
			return p.letter(r)
		}
		return tok("mi", s.char, s.class)
	case s.char == "(" || s.char == ")" || s.char == "[" || s.char == "]" || s.char == "{" || s.char == "}" ||
		s.char == "|" || s.char == "‖" || s.char == "⟨" || s.char == "⟩" || s.char == "⌊" || s.char == "⌋" ||
		s.char == "⌈" || s.char == "⌉" || s.char == "/":
		n := tok("mo", s.char, s.class, "stretchy", "false")
		if s.class == ord {
			n.set("lspace", "0").set("rspace", "0")
		}
		return n
	case s.class == punct && s.char == ",":
		return tok("mo", s.char, s.class, "separator", "true")
	}
	return tok("mo", s.char, s.class)
}

// cmd reads a command and its arguments at p.i.
func (p *texParser) cmd() *node {
	at := p.i
	name := p.command()
	if name == "" {
		p.fail(at, "a lone \\ at the end of the formula")
	}
	if s, ok := symbols[name]; ok {
		return p.symbolNode(s)
	}
	if w, ok := spaces[name]; ok {
		return mspace(w)
	}
	if c, ok := largeOps[name]; ok {
		n := tok("mo", c, opClass)
		n.side = sideLimits[name]
		return n
	}
	if functions[name] {
		t := name
		if s, ok := funcText[name]; ok {
			t = s
		}
		n := elem("mrow", opClass, tok("mi", t, ord), tok("mo", "\u2061", ord))
		n.side = !limitFuncs[name]
		return n
	}
	if v, ok := oldFonts[name]; ok {
		p.font = v // to the end of the group: group() restores it
		return nil
	}
	if v, ok := fonts[name]; ok {
		saved := p.font
		p.font = v
		a := p.arg(`\` + name)
		p.font = saved
		return a
	}
	if v, ok := textFonts[name]; ok {
		return p.text(`\`+name, v)
	}
	if a, ok := accents[name]; ok {
		base := p.arg(`\` + name)
		mark := tok("mo", a.char, ord)
		if a.stretch {
			mark.set("stretchy", "true")
		} else {
			mark.set("stretchy", "false")
		}
		if name == "overbrace" {
			return &node{tag: "mover", kids: []*node{base, mark}, brace: true}
		}
		if name == "underbrace" {
			return &node{tag: "munder", kids: []*node{base, mark}, brace: true}
		}
		if a.under {
			return elem("munder", ord, base, mark).set("accentunder", "true")
		}
		return elem("mover", ord, base, mark).set("accent", "true")
	}
	if size, ok := bigSizes[strings.TrimRight(name, "lrm")]; ok {
		cl := map[string]class{"l": open, "r": closeClass, "m": rel, "": ord}[strings.TrimLeft(name, "bBig")]
		d := p.delimiter(`\` + name)
		if d == "" {
			return mspace("0em")
		}
		return tok("mo", d, cl, "fence", fmt.Sprint(cl != ord), "stretchy", "true", "minsize", size, "maxsize", size)
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
		num := p.arg(`\` + name)
		den := p.arg(`\` + name)
		f := elem("mfrac", ord, num, den)
		if strings.HasSuffix(name, "binom") {
			f.set("linethickness", "0px")
		}
		var out *node = f
		switch name[0] {
		case 'd':
			out = elem("mstyle", ord, f).set("displaystyle", "true").set("scriptlevel", "0")
		case 't':
			out = elem("mstyle", ord, f).set("displaystyle", "false").set("scriptlevel", "0")
		}
		if strings.HasSuffix(name, "binom") {
			b := elem("mrow", inner, fence("(", open), out, fence(")", closeClass))
			b.binom = true
			return b
		}
		return out
	case "sqrt":
		p.skipSpace()
		if p.peek() == '[' {
			p.i++
			var idx []*node
			for {
				p.skipSpace()
				if p.i >= len(p.src) {
					p.fail(at, "\\sqrt[ without ]")
				}
				if p.peek() == ']' {
					p.i++
					break
				}
				start := p.i
				a := p.atom()
				if a != nil {
					idx = append(idx, p.scripts(a, start))
				}
			}
			base := p.arg(`\sqrt`)
			return elem("mroot", ord, base, row(spaceRow(idx)))
		}
		return elem("msqrt", ord, p.arg(`\sqrt`))
	case "left":
		return p.leftRight(at)
	case "not":
		p.skipSpace()
		if p.i >= len(p.src) {
			p.fail(at, "\\not needs something to negate")
		}
		a := p.atom()
		if a != nil && a.tag == "mo" {
			if n, ok := negated[a.text]; ok {
				a.text = n
				return a
			}
			a.text += "\u0338"
			return a
		}
		if a != nil && a.tag == "mi" {
			a.text += "\u0338"
			return a
		}
		p.fail(at, "\\not before something it cannot negate; use a negated symbol such as \\neq")
	case "stackrel", "overset", "underset":
		top := p.arg(`\` + name)
		base := p.arg(`\` + name)
		cl := base.class
		if name == "stackrel" {
			cl = rel
		}
		if name == "underset" {
			return elem("munder", cl, base, top)
		}
		return elem("mover", cl, base, top)
	case "operatorname", "operatornamewithlimits":
		star := p.peek() == '*'
		if star {
			p.i++
		}
		saved := p.font
		p.font = "normal"
		a := p.arg(`\` + name)
		p.font = saved
		n := elem("mrow", opClass, mergeLetters(a), tok("mo", "\u2061", ord))
		n.side = !star && name == "operatorname"
		return n
	case "mathop":
		a := p.arg(`\mathop`)
		n := elem("mrow", opClass, a)
		n.side = true // as KaTeX has it: limits only with \limits
		return n
	case "mathbin", "mathrel", "mathopen", "mathclose", "mathpunct", "mathord", "mathinner":
		a := p.arg(`\` + name)
		if a.tag == "mi" {
			a = tok("mo", a.text, ord)
		}
		n := elem("mrow", map[string]class{"mathbin": bin, "mathrel": rel, "mathopen": open, "mathclose": closeClass, "mathpunct": punct, "mathord": ord, "mathinner": inner}[name], a)
		return n
	case "tag":
		star := p.peek() == '*'
		if star {
			p.i++
		}
		if p.tag != nil {
			p.fail(at, "a second \\tag in one formula")
		}
		t := p.text(`\tag`, "")
		if !star && t.tag == "mtext" {
			t.text = "(" + t.text + ")"
		} else if !star {
			t = elem("mrow", ord, tok("mtext", "(", ord), t, tok("mtext", ")", ord))
		}
		p.tag = t
		return nil
	case "hline", "hdashline":
		if p.inTable == 0 {
			p.fail(at, "\\%s outside a table", name)
		}
		return nil
	case "notag", "nonumber":
		p.notag = true
		return nil
	case "label":
		p.textArg(`\label`)
		return nil
	case "hspace", "kern", "mkern", "hskip", "mskip":
		if p.peek() == '*' {
			p.i++
		}
		var w string
		if name == "hspace" {
			w = p.textArg(`\hspace`)
		} else {
			p.skipSpace()
			start := p.i
			for p.i < len(p.src) && (isLetterAt(p.src, p.i) || isDigit(p.src[p.i]) || strings.IndexByte(".-+", p.src[p.i]) >= 0) && p.i-start < 12 {
				p.i++
			}
			w = p.src[start:p.i]
		}
		if name == "mkern" || name == "mskip" {
			w = strings.Replace(w, "mu", "", 1)
			var f float64
			fmt.Sscan(w, &f)
			w = fmt.Sprintf("%.4gem", f/18)
		}
		if !isMathValue(w) || w == "" {
			p.fail(at, "\\%s needs a width such as 1em", name)
		}
		return mspace(w)
	case "phantom", "hphantom", "vphantom":
		// mphantom holds a row itself, as KaTeX writes it.
		ph := elem("mphantom", ord, rowKids(p.arg(`\`+name))...)
		switch name {
		case "hphantom": // its width only
			return elem("mpadded", ord, ph).set("height", "0px").set("depth", "0px")
		case "vphantom": // its height and depth only
			return elem("mpadded", ord, ph).set("width", "0px")
		}
		return ph
	case "boxed", "fbox":
		if name == "fbox" {
			return elem("menclose", ord, p.text(`\fbox`, "")).set("notation", "box")
		}
		return elem("menclose", ord, p.arg(`\boxed`)).set("notation", "box")
	case "pmb":
		a := p.arg(`\pmb`)
		return elem("mstyle", ord, a).set("style", "text-shadow: 0.02em 0.01em 0.04px")
	case "bmod":
		return elem("mrow", bin, mspace("0.2222em"), tok("mi", "mod", ord), mspace("0.2222em"))
	case "pmod":
		a := p.arg(`\pmod`)
		return elem("mrow", ord, mspace("1em"), tok("mo", "(", open, "stretchy", "false"), tok("mi", "mod", ord), mspace("0.3333em"), a, tok("mo", ")", closeClass, "stretchy", "false"))
	case "mod":
		return elem("mrow", ord, mspace("1em"), tok("mi", "mod", ord), mspace("0.3333em"))
	case "substack":
		p.skipSpace()
		if p.peek() != '{' {
			p.fail(p.i, "\\substack needs {…}")
		}
		p.i++
		t := p.table(`\substack`, "")
		if p.peek() != '}' {
			p.fail(at, "\\substack{ without }")
		}
		p.i++
		return elem("mstyle", ord, t).set("scriptlevel", "1")
	case "begin":
		return p.environment(at)
	case "end":
		p.fail(at, "\\end without \\begin")
	case "xrightarrow", "xleftarrow":
		a := p.arg(`\` + name)
		arrow := map[string]string{"xrightarrow": "→", "xleftarrow": "←"}[name]
		return elem("mover", rel, tok("mo", arrow, ord, "stretchy", "true", "minsize", "3.0em"), a)
	case "argmin", "argmax":
		n := elem("mrow", opClass, tok("mi", "arg\u2009"+name[3:], ord), tok("mo", "\u2061", ord))
		return n
	case "sign":
		return elem("mrow", opClass, tok("mi", "sign", ord), tok("mo", "\u2061", ord)).setSide()
	case "arg":
		return elem("mrow", opClass, tok("mi", "arg", ord), tok("mo", "\u2061", ord)).setSide()
	}
	msg := "unknown command \\" + name
	if a, ok := advice[name]; ok {
		msg += " (write " + a + ")"
	} else if near := nearestCommand(name); near != "" {
		msg += " (write \\" + near + ")"
	}
	p.fail(at, "%s", msg)
	return nil
}

func (n *node) setSide() *node { n.side = true; return n }

// mergeLetters joins a run of upright letters into one identifier, as in
// \operatorname{Var}: one word, not three variables.
func mergeLetters(n *node) *node {
	if n.tag == "mi" {
		return n
	}
	if n.tag != "mrow" {
		return n
	}
	var out []*node
	for i, k := range n.kids {
		if k.tag == "mspace" && i > 0 && i+1 < len(n.kids) && n.kids[i-1].tag == "mi" && n.kids[i+1].tag == "mi" && k.attrs[1] == "0.1667em" {
			k = tok("mi", "\u2009", ord, "mathvariant", "normal") // arg\,min: one word with a thin space
		}
		if last := len(out) - 1; last >= 0 && k.tag == "mi" && out[last].tag == "mi" && variantOf(k) == "normal" && variantOf(out[last]) == "normal" {
			out[last] = tok("mi", out[last].text+k.text, ord)
			continue
		}
		if k.tag == "mi" && variantOf(k) == "normal" {
			k = tok("mi", k.text, ord, k.attrs...)
		}
		out = append(out, k)
	}
	for i, k := range out {
		if k.tag == "mi" && utf8.RuneCountInString(k.text) > 1 {
			out[i] = tok("mi", k.text, ord)
		}
	}
	return row(out)
}

func variantOf(n *node) string {
	for i := 0; i+1 < len(n.attrs); i += 2 {
		if n.attrs[i] == "mathvariant" {
			return n.attrs[i+1]
		}
	}
	if utf8.RuneCountInString(n.text) > 1 {
		return "normal"
	}
	return ""
}

// delimiter reads what follows \left, \right, \middle or \big.
func (p *texParser) delimiter(cmd string) string {
	p.skipSpace()
	if p.i >= len(p.src) {
		p.fail(p.i, "%s needs a delimiter", cmd)
	}
	at := p.i
	key := p.src[p.i : p.i+1]
	if key == "\\" {
		key = `\` + p.command()
	} else {
		p.i++
	}
	d, ok := delimiters[key]
	if !ok {
		p.fail(at, "%s cannot take %s; use ( ) [ ] \\{ \\} | \\| \\langle \\rangle or .", cmd, key)
	}
	return d
}

// leftRight reads \left… \middle… \right… as one fenced row.
func (p *texParser) leftRight(at int) *node {
	l := p.delimiter(`\left`)
	kids := []*node{}
	if l != "" {
		kids = append(kids, fence(l, open))
	}
	for {
		body, stop := p.list()
		kids = append(kids, body...)
		switch stop {
		case `\middle`:
			p.command()
			if m := p.delimiter(`\middle`); m != "" {
				kids = append(kids, tok("mo", m, rel, "fence", "true", "stretchy", "true", "lspace", "0.05em", "rspace", "0.05em"))
			}
			continue
		case `\right`:
			p.command()
			if r := p.delimiter(`\right`); r != "" {
				kids = append(kids, fence(r, closeClass))
			}
			return elem("mrow", inner, kids...)
		case "":
			p.fail(at, "\\left without \\right")
		default:
			p.fail(at, "\\left without \\right before %s", stop)
		}
	}
}

// nearestCommand is a known command one edit away from name, if any.
func nearestCommand(name string) string {
	var known []string
	for _, m := range []map[string]string{fonts, textFonts, spaces, largeOps} {
		for k := range m {
			known = append(known, k)
		}
	}
	for k := range symbols {
		known = append(known, k)
	}
	for k := range functions {
		known = append(known, k)
	}
	for k := range accents {
		known = append(known, k)
	}
	known = append(known, "frac", "sqrt", "left", "right", "begin", "end", "operatorname", "mathop", "stackrel",
		"overset", "underset", "binom", "tag", "label", "notag", "phantom", "boxed", "substack")
	sort.Strings(known)
	for _, k := range known {
		if len(name) > 2 && editOne(name, k) {
			return k
		}
	}
	return ""
}

// editOne tells whether a and b differ by one insertion, deletion,
// substitution or swap of neighbours.
func editOne(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		return a[i+1:] == b[i+1:] || i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case len(a) < len(b):
		return a[i:] == b[i+1:]
	default:
		return a[i+1:] == b[i:]
	}
}
