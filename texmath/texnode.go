package texmath

import (
	"html"
	"strings"
)

// node is one MathML element of a converted formula: a token (text set)
// or an element with children. class is the TeX atom it stands for.
type node struct {
	tag   string
	attrs []string // name, value, name, value…, written in this order
	text  string
	kids  []*node
	class class
	space bool // spacing only (mspace): skipped when deciding classes
	side  bool // an operator whose limits stay at its side (\int)
	brace bool // \overbrace, \underbrace: scripts go over and under
	pairs bool // a table of aligned pairs, each row's cells one line's halves
	binom bool // \binom{n}{k} or n \choose k: the fences and the fraction
}

func tok(tag, text string, c class, attrs ...string) *node {
	return &node{tag: tag, text: text, class: c, attrs: attrs}
}

func elem(tag string, c class, kids ...*node) *node {
	return &node{tag: tag, kids: kids, class: c}
}

func mspace(width string) *node {
	return &node{tag: "mspace", attrs: []string{"width", width}, space: true}
}

// row makes one node of a list: the node itself, or an mrow around them.
func row(kids []*node) *node {
	if len(kids) == 1 {
		return kids[0]
	}
	return elem("mrow", ord, kids...)
}

// rowKids is the children of n if n is a plain row, else n alone.
func rowKids(n *node) []*node {
	if n.tag == "mrow" && len(n.attrs) == 0 {
		return n.kids
	}
	return []*node{n}
}

func (n *node) set(name, value string) *node {
	for i := 0; i < len(n.attrs); i += 2 {
		if n.attrs[i] == name {
			n.attrs[i+1] = value
			return n
		}
	}
	n.attrs = append(n.attrs, name, value)
	return n
}

func (n *node) write(b *strings.Builder) {
	b.WriteString("<" + n.tag)
	for i := 0; i+1 < len(n.attrs); i += 2 {
		b.WriteString(" " + n.attrs[i] + `="` + html.EscapeString(n.attrs[i+1]) + `"`)
	}
	b.WriteString(">")
	if n.text != "" {
		b.WriteString(html.EscapeString(n.text))
	}
	for _, k := range n.kids {
		k.write(b)
	}
	b.WriteString("</" + n.tag + ">")
}

// spaceRow applies TeX's rules to the atoms of one list, in place: a
// binary operator with nothing to its left to operate on is unary (The
// TeXbook, rule 5: after nothing, an operator, a relation, an opening or
// punctuation) and gets form="prefix", so browsers do not space it as
// binary; a named operator (sin, max, \operatorname, \mathop) gets the
// thin spaces TeX puts between it and an ordinary atom, which MathML's
// identifiers do not get.
func spaceRow(kids []*node) []*node {
	out := make([]*node, 0, len(kids))
	prev := -1 // class of the previous atom; -1 for none
	for i, k := range kids {
		if k.space {
			out = append(out, k)
			continue
		}
		c := k.class
		if c == bin {
			switch class(prev) {
			case bin, opClass, rel, open, punct:
				c = ord
			}
			if prev == -1 {
				c = ord
			}
			if c == ord {
				k.class = ord
				if mo := k.embellished(); mo != nil {
					mo.set("form", "prefix")
				}
			}
		}
		if c == opClass && k.tag != "mo" && k.embellished() == nil && (prev == int(ord) || prev == int(closeClass) || prev == int(inner)) {
			out = append(out, mspace("0.1667em"))
		}
		out = append(out, k)
		if c == opClass && k.tag != "mo" && k.embellished() == nil {
			if next := nextAtom(kids[i+1:]); next != nil && (next.class == ord || next.class == opClass && next.embellished() == nil) {
				out = append(out, mspace("0.1667em"))
			}
		}
		prev = int(c)
	}
	return out
}

func nextAtom(kids []*node) *node {
	for _, k := range kids {
		if !k.space {
			return k
		}
	}
	return nil
}

// embellished is the mo that n is or starts with in a script, else nil.
func (n *node) embellished() *node {
	switch n.tag {
	case "mo":
		return n
	case "msub", "msup", "msubsup", "munder", "mover", "munderover":
		if len(n.kids) > 0 && n.kids[0].tag == "mo" {
			return n.kids[0]
		}
	}
	return nil
}
