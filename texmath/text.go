package texmath

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textOf writes a formula's tree as one line of Unicode text.
func textOf(math *node) string {
	return collapse(write(math, false))
}

// write returns n as text. In a script (inScript), TeX drops the medium
// and thick spaces around operators and relations (The TeXbook, chapter
// 18, rule 20), and so does the text: xᵢ₌₁, not "x_(i = 1)".
func write(n *node, inScript bool) string {
	switch n.tag {
	case "mi", "mn", "mo", "mtext":
		return tokenText(n.text)
	case "mspace":
		return spaceText(n)
	case "mphantom": // room for its content, which is not shown
		if strings.TrimSpace(write(row1(n.kids), inScript)) == "" {
			return ""
		}
		return " "
	case "mpadded":
		if attr(n, "width") == "0px" && len(n.kids) == 1 && n.kids[0].tag == "mphantom" {
			return "" // \vphantom: height, and no room
		}
	case "msup", "mover":
		if accent, ok := accentText(n, inScript); ok {
			return accent
		}
		if n.kids[0].brace { // \overbrace{…}^{n}: the label after, not a power
			return braceText(n, inScript)
		}
		return base(n.kids[0], inScript) + script(n.kids[1], superscripts, "^")
	case "msub", "munder":
		if accent, ok := accentText(n, inScript); ok {
			return accent
		}
		if n.kids[0].brace {
			return braceText(n, inScript)
		}
		return base(n.kids[0], inScript) + script(n.kids[1], subscripts, "_")
	case "msubsup", "munderover":
		sub := script(n.kids[1], subscripts, "_")
		if strings.HasPrefix(sub, "_") && !strings.HasPrefix(sub, "_(") { // x_α^β is not x_(α^β)
			sub = "_(" + sub[1:] + ")"
		}
		return base(n.kids[0], inScript) + sub + script(n.kids[2], superscripts, "^")
	case "mfrac":
		num, den := write(n.kids[0], inScript), write(n.kids[1], inScript)
		if attr(n, "linethickness") == "0px" { // \binom, \atop: the fences are around it
			return collapse(num) + " " + collapse(den)
		}
		// ab/c is read as (ab)/c, but a/bc is not clear: a denominator
		// of more than one atom is bracketed.
		return wrapIf(operated(n.kids[0], true), num) + "/" + wrapIf(atoms(n.kids[1]) > 1 && !differential(n.kids[1]), den)
	case "msqrt":
		arg := row1(n.kids)
		return "√" + wrapIf(atoms(arg) > 1, write(arg, inScript))
	case "mroot":
		return rootText(n, inScript)
	case "mtable":
		return tableText(n, inScript)
	}
	if f := binomFraction(n); f != nil { // C(n, k): (n k) would read as a product
		return "C(" + collapse(write(f.kids[0], inScript)) + ", " + collapse(write(f.kids[1], inScript)) + ")"
	}
	if t := fencedCases(n); t != nil { // {x, x ≥ 0; −x, x < 0}: the brace of cases closed
		return "{" + tableText(t, inScript) + "}"
	}
	// math, mrow, mstyle, menclose, mtd…: the row of its children.
	return writeRow(n.kids, inScript || attr(n, "scriptlevel") == "1" || attr(n, "scriptlevel") == "2")
}

// fencedCases is the table of n if n is a table with a brace on one side
// only, as cases and rcases (or \left\{ … \right.) draw it, or nil.
func fencedCases(n *node) *node {
	if n.tag != "mrow" {
		return nil
	}
	kids := visible(n.kids)
	switch {
	case len(kids) == 2 && kids[0].text == "{" && kids[1].tag == "mtable":
		return kids[1]
	case len(kids) == 2 && kids[0].tag == "mtable" && kids[1].text == "}":
		return kids[0]
	}
	return nil
}

// binomFraction is the fraction of \binom{n}{k} (or \dbinom, \tbinom,
// n \choose k) that n is, or nil.
func binomFraction(n *node) *node {
	if !n.binom || len(n.kids) != 3 {
		return nil
	}
	f := n.kids[1]
	for f.tag == "mstyle" && len(f.kids) == 1 {
		f = f.kids[0]
	}
	if f.tag != "mfrac" || len(f.kids) != 2 {
		return nil
	}
	return f
}

// writeRow writes a row of atoms with the spaces TeX puts between their
// classes: around binary operators and relations (outside scripts),
// after punctuation, beside large operators and named functions, and
// none inside brackets. A fraction beside another atom is bracketed:
// (1/2)x, not 1/2x.
func writeRow(kids []*node, inScript bool) string {
	type atom struct {
		s     string
		n     *node
		space bool
	}
	var row []atom
	for _, k := range kids {
		if s := write(k, inScript); s != "" {
			row = append(row, atom{s, k, k.space})
		}
	}
	var b strings.Builder
	for i, a := range row {
		if a.space {
			b.WriteString(a.s)
			continue
		}
		before, after := -1, -1 // the atoms beside it, spaces passed over
		for j := i - 1; j >= 0 && before < 0; j-- {
			if !row[j].space {
				before = j
			}
		}
		for j := i + 1; j < len(row) && after < 0; j++ {
			if !row[j].space {
				after = j
			}
		}
		joinedAfter := after >= 0 && !apart(row[after].n, false)
		switch {
		case fraction(a.n) && (before >= 0 && !apart(row[before].n, true) || joinedAfter):
			a.s = "(" + collapse(a.s) + ")"
		case radical(a.n) && joinedAfter: // √(x)y, not √xy
			if i := strings.IndexAny(a.s, "√∛∜"); i >= 0 {
				_, n := utf8.DecodeRuneInString(a.s[i:])
				if rest := a.s[i+n:]; !strings.HasPrefix(rest, "(") {
					a.s = a.s[:i+n] + "(" + collapse(rest) + ")"
				}
			}
		}
		if i > 0 && !row[i-1].space && (spaced(row[i-1].n.class, a.n.class, inScript) || openScript(row[i-1].s) && !apart(a.n, false) && !opensBracket(a.s)) {
			b.WriteByte(' ')
		}
		b.WriteString(a.s)
	}
	return b.String()
}

// apart reports whether atom n before (or after) a fraction keeps it
// apart from the rest: an operator, a relation, punctuation, the bracket
// it is in, or a full stop or comma after it.
func apart(n *node, before bool) bool {
	switch n.class {
	case bin, rel, punct:
		return true
	case open:
		return before
	case closeClass:
		return !before && n.text != "!" // a bracket closing; a factorial binds (a/b)!
	}
	return !before && n.text != "" && strings.Contains(".,;:", n.text)
}

// fraction reports whether n is a fraction written with a slash.
func fraction(n *node) bool {
	n = unwrap(n)
	return n.tag == "mfrac" && attr(n, "linethickness") != "0px"
}

// tableText writes a table's rows apart by semicolons and its cells by
// commas ({x, x ≥ 0; −x, x < 0}; an empty cell stays, (1, , 2)). The
// cells of aligned pairs are halves of one line and join with a space,
// and a line that begins at the alignment (&= …) goes on the line
// before. A row ending in punctuation of its own needs no semicolon.
func tableText(n *node, inScript bool) string {
	var b strings.Builder
	for _, r := range n.kids {
		cells := make([]string, 0, len(r.kids))
		firstEmpty := false // the row begins at the alignment (&= …)
		for j, c := range r.kids {
			s := collapse(write(c, inScript)) // once: writing a cell again at every level of nested tables took exponential time
			firstEmpty = firstEmpty || j == 0 && s == ""
			if s != "" || !n.pairs {
				cells = append(cells, s)
			}
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" { // (1, , 2) keeps its place; a row's end need not
			cells = cells[:len(cells)-1]
		}
		sep := ", "
		if n.pairs {
			sep = " "
		}
		line := strings.Join(cells, sep)
		if strings.TrimSpace(line) == "" || strings.Trim(line, ", ") == "" && n.pairs {
			continue
		}
		continued := n.pairs && len(r.kids) > 1 && firstEmpty && startsWithRelation(r.kids[1])
		if b.Len() > 0 {
			if last, _ := utf8.DecodeLastRuneInString(b.String()); continued || strings.ContainsRune(",;.", last) {
				b.WriteByte(' ')
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// startsWithRelation reports whether a cell's first atom is a relation
// or an operator: "&= …", "&\quad + …" go on with the line before.
func startsWithRelation(n *node) bool {
	for len(n.kids) > 0 && n.text == "" {
		kids := visible(n.kids)
		if len(kids) == 0 {
			return false
		}
		n = kids[0]
	}
	return n.class == rel || n.class == bin
}

// spaced reports whether a space goes between atoms of classes a and b.
func spaced(a, b class, inScript bool) bool {
	switch {
	case a == open || b == closeClass || b == punct:
		return false
	case a == b && (a == rel || a == bin): // :=, not ": ="
		return false
	case a == punct:
		return !inScript
	case a == bin || b == bin || a == rel || b == rel:
		return !inScript
	case a == opClass: // sin x, Σ aᵢ, but sin(x)
		return b != open
	case b == opClass:
		return true
	}
	return false
}

// base is a script's base, in brackets when operators or relations
// join it, or it is a fraction or a root: (a + b)², (a/b)², (√x)².
func base(n *node, inScript bool) string {
	inner := unwrap(n)
	return wrapIf(operated(inner, false) || fraction(inner) || radical(inner), write(n, inScript))
}

// script raises (or lowers) a script: each character in its Unicode
// form when all have one, else mark and the script, in brackets when it
// is longer than one character (x^(q) would read as x^q for x^{(q)}). A
// prime or a star is already raised.
func script(n *node, table map[rune]rune, mark string) string {
	s, _ := raise(collapse(write(n, true)), table, mark)
	return s
}

// raise is script for a script already written as s; ok is false when
// some character of it has no raised (or lowered) form.
func raise(s string, table map[rune]rune, mark string) (string, bool) {
	if s == "" {
		return "", true
	}
	var b strings.Builder
	for _, r := range s {
		u, ok := table[r]
		if !ok {
			if first, _ := utf8.DecodeRuneInString(s); utf8.RuneCountInString(s) > 1 && (first == '(' || !bracketed(s)) {
				return mark + "(" + s + ")", false
			}
			return mark + s, false
		}
		b.WriteRune(u)
	}
	return b.String(), true
}

// openScript reports whether s ends in a script of one character written
// with its mark, ∇_θ: what follows it is set apart by a space (∇_θ L),
// or it would read as part of the script.
func openScript(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if n == 0 || r == ')' || len(s) == n {
		return false
	}
	mark, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return mark == '_' || mark == '^'
}

// opensBracket reports whether s begins with an opening bracket: f_θ(x)
// is applied, not spaced.
func opensBracket(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("([{⟨|‖⌊⌈", r)
}

// rootText writes \sqrt[q]{x}: ∛x and ∜x, an index Unicode can raise
// before the root (ⁿ√x), else the power, x^(1/q). Each part is written
// once: writing one twice at every level of nested roots took time
// exponential in their depth.
func rootText(n *node, inScript bool) string {
	body, idx := write(n.kids[0], inScript), collapse(write(n.kids[1], true))
	radicand := wrapIf(atoms(n.kids[0]) > 1, body)
	switch idx {
	case "3":
		return "∛" + radicand
	case "4":
		return "∜" + radicand
	}
	if raised, ok := raise(idx, superscripts, ""); ok {
		return raised + "√" + radicand
	}
	return wrapIf(atoms(n.kids[0]) > 1 || radical(unwrap(n.kids[0])), body) + "^(1/" + wrapIf(atoms(n.kids[1]) > 1, idx) + ")"
}

// radical reports whether n is a root.
func radical(n *node) bool { return n.tag == "msqrt" || n.tag == "mroot" }

// braceText writes \overbrace{…}^{label} (or \underbrace) as what the
// brace is over and its label in brackets after it: x₁, …, xₖ (k terms).
func braceText(n *node, inScript bool) string {
	over := collapse(write(n.kids[0].kids[0], inScript))
	label := collapse(write(n.kids[1], true))
	if label == "" {
		return over
	}
	return over + " (" + label + ")"
}

// accentText writes an accent over or under a single character as its
// combining mark (x̂, ȳ). Over or under more, it writes the accent's name
// with the base (hat(ab), vec(AB), overline(a + b)): a mark on the last
// character alone would read as that character's, marks on every one
// read badly aloud (alt text is read aloud), and the base without its
// accent is another formula. A brace, or an accent without a name, leaves
// the base alone. ok is false when n is no accent.
func accentText(n *node, inScript bool) (s string, ok bool) {
	if attr(n, "accent") != "true" && attr(n, "accentunder") != "true" && !n.brace {
		return "", false
	}
	b := write(n.kids[0], inScript)
	switch name, named := accentName(n); {
	case b == "" || name == "":
		return b, true
	case named:
		return name + "(" + collapse(b) + ")", true
	case n.tag == "munder":
		return b + "\u0332", true
	default:
		return b + combining[n.kids[1].text], true
	}
}

// accentName is the name of the accent n (an mover or munder with an
// accent), "" if the text leaves it out (a brace, or an accent without a
// mark), and whether the text writes it by its name: over more than one
// character.
func accentName(n *node) (name string, named bool) {
	accent := n.kids[1].text
	switch {
	case n.brace:
		return "", false
	case n.tag == "munder" && accent == "‾":
		name = "underline"
	case n.tag != "munder" && combining[accent] != "":
		name = accentNames[accent]
	default:
		return "", false
	}
	base := unwrap(n.kids[0])
	single := (base.tag == "mi" || base.tag == "mn" || base.tag == "mo" || base.tag == "mtext") && utf8.RuneCountInString(base.text) == 1
	return name, !single
}

// combining are the combining marks of the accents' characters.
var combining = map[string]string{
	"^": "\u0302", "ˇ": "\u030c", "~": "\u0303", "ˊ": "\u0301", "ˋ": "\u0300", "˙": "\u0307", "¨": "\u0308",
	"⃛": "\u20db", "˘": "\u0306", "ˉ": "\u0304", "⃗": "\u20d7", "˚": "\u030a", "‾": "\u0305", "→": "\u20d7",
}

// accentNames are the accents' names as TeX spells them, for an accent
// over more than one character.
var accentNames = map[string]string{
	"^": "hat", "ˇ": "check", "~": "tilde", "ˊ": "acute", "ˋ": "grave", "˙": "dot", "¨": "ddot",
	"⃛": "dddot", "˘": "breve", "ˉ": "bar", "⃗": "vec", "˚": "mathring", "→": "vec", "‾": "overline",
}

// wrapIf brackets s when cond holds and s is not one bracketed group.
func wrapIf(cond bool, s string) string {
	s = collapse(s)
	if cond && !bracketed(s) {
		return "(" + s + ")"
	}
	return s
}

// operated reports whether n is a row that a binary operator, a relation
// or punctuation outside brackets holds together (a + b, x = 1, i, j),
// or with ops a large operator or a function's name too (∂ log det X).
func operated(n *node, ops bool) bool {
	n = unwrap(n)
	if n.tag != "mrow" {
		return false
	}
	depth := 0
	for _, k := range n.kids {
		switch {
		case k.space:
		case k.class == open:
			depth++
		case k.class == closeClass:
			depth--
		case depth == 0 && (k.class == bin || k.class == rel || k.class == punct || ops && k.class == opClass):
			return true
		}
	}
	return false
}

// atoms is how many atoms n is: a row's visible ones (a space counts as
// one where it stands between two), else one.
func atoms(n *node) int {
	n = unwrap(n)
	if n.tag != "mrow" && !fraction(n) || n.binom {
		return 1
	}
	if fraction(n) {
		return 2
	}
	return len(visible(n.kids))
}

// differential reports whether n is ∂x or dx (with scripts): a
// denominator that reads as one, ∂L/∂θ₁.
func differential(n *node) bool {
	n = unwrap(n)
	if n.tag != "mrow" {
		return false
	}
	kids := visible(n.kids)
	return len(kids) == 2 && (kids[0].text == "∂" || kids[0].text == "d")
}

// unwrap is what n writes as its own text: n without rows, styles and
// boxes of one child around it, or accents the text leaves out.
func unwrap(n *node) *node {
	for {
		switch {
		case (n.tag == "mrow" || n.tag == "mstyle" || n.tag == "menclose") && len(visible(n.kids)) == 1:
			n = visible(n.kids)[0]
		case n.brace || attr(n, "accent") == "true" || attr(n, "accentunder") == "true":
			if _, named := accentName(n); named {
				return n // hat(ab) is one atom
			}
			n = n.kids[0]
		default:
			return n
		}
	}
}

// visible is kids without the empty ones: spaces of no width, invisible
// operators.
func visible(kids []*node) []*node {
	var out []*node
	for _, k := range kids {
		if k.space && spaceText(k) == "" || k.text != "" && tokenText(k.text) == "" || len(k.kids) == 0 && k.text == "" && !k.space {
			continue
		}
		out = append(out, k)
	}
	return out
}

// bracketed reports whether s is one bracketed group: "(a + b)", not
// "(a)(b)".
func bracketed(s string) bool {
	pairs := map[rune]rune{'(': ')', '[': ']', '{': '}', '⟨': '⟩', '|': '|', '‖': '‖'}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if pairs[first] == 0 || pairs[first] != last || len(s) < 2 {
		return false
	}
	depth := 0
	for i, r := range s {
		switch {
		case r == first && (first != last || i == 0):
			depth++
		case r == last:
			depth--
			if depth == 0 && i+utf8.RuneLen(r) < len(s) {
				return false
			}
		}
	}
	return true
}

// tokenText is a token's text without the invisible operators (function
// application, invisible times) and with every kind of space a plain one.
func tokenText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u2061' && r <= '\u2064':
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

// spaceText is an mspace as text: a space when it is wide, nothing when
// it is narrow or negative (\!, \kern-1mu), and a semicolon for a line
// break (\\ outside a table).
func spaceText(n *node) string {
	if attr(n, "linebreak") != "" {
		return "; "
	}
	w := attr(n, "width")
	if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "0em") || w == "0" || w == "" {
		return ""
	}
	return " "
}

// row1 is the row of kids as one node.
func row1(kids []*node) *node { return elem("mrow", ord, kids...) }

// attr is n's attribute name, or "".
func attr(n *node, name string) string {
	for i := 0; i+1 < len(n.attrs); i += 2 {
		if n.attrs[i] == name {
			return n.attrs[i+1]
		}
	}
	return ""
}

// collapse makes each run of spaces one and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// superscripts and subscripts are the characters Unicode has raised or
// lowered. Primes and stars stand raised as they are.
var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷',
	'8': '⁸', '9': '⁹', '-': '⁻', '−': '⁻', '+': '⁺', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ', 't': 'ᵗ',
	'k': 'ᵏ', 'T': 'ᵀ', '⊤': 'ᵀ', 'a': 'ᵃ', 'b': 'ᵇ', 'c': 'ᶜ', 'd': 'ᵈ', 'e': 'ᵉ', 'm': 'ᵐ', 'p': 'ᵖ', 's': 'ˢ',
	'x': 'ˣ', 'y': 'ʸ', 'j': 'ʲ', 'r': 'ʳ', 'l': 'ˡ', 'h': 'ʰ', 'o': 'ᵒ', 'u': 'ᵘ', 'v': 'ᵛ', 'w': 'ʷ',
	'′': '′', '″': '″', '‴': '‴', '*': '*', '∗': '*', '⋆': '⋆', '†': '†', '‡': '‡'}
var subscripts = map[rune]rune{'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇',
	'8': '₈', '9': '₉', '-': '₋', '−': '₋', '+': '₊', '=': '₌', '(': '₍', ')': '₎', 'i': 'ᵢ', 'j': 'ⱼ', 'k': 'ₖ',
	't': 'ₜ', 'n': 'ₙ', 'x': 'ₓ', 'a': 'ₐ', 'e': 'ₑ', 'o': 'ₒ', 'm': 'ₘ', 'p': 'ₚ', 's': 'ₛ', 'l': 'ₗ', 'h': 'ₕ',
	'r': 'ᵣ', 'u': 'ᵤ', 'v': 'ᵥ'}
