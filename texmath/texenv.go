package texmath

import "strings"

// environments are the \begin{…} blocks: their fences, column alignment,
// and whether their cells are in display style.
var environments = map[string]struct {
	left, right string
	align       string // per column, repeated: "rl" for aligned
	display     bool
}{
	"matrix": {"", "", "c", false}, "pmatrix": {"(", ")", "c", false}, "bmatrix": {"[", "]", "c", false},
	"Bmatrix": {"{", "}", "c", false}, "vmatrix": {"|", "|", "c", false}, "Vmatrix": {"‖", "‖", "c", false},
	"smallmatrix": {"", "", "c", false}, "cases": {"{", "", "l", false}, "rcases": {"", "}", "l", false},
	"aligned": {"", "", "rl", true}, "align": {"", "", "rl", true}, "align*": {"", "", "rl", true},
	"split": {"", "", "rl", true}, "gathered": {"", "", "c", true}, "gather": {"", "", "c", true},
	"gather*": {"", "", "c", true}, "array": {"", "", "", false}, "alignedat": {"", "", "rl", true},
	"equation": {"", "", "c", true}, "equation*": {"", "", "c", true}, "darray": {"", "", "", true},
	"dcases": {"{", "", "l", true},
}

var alignName = map[byte]string{'l': "left", 'c': "center", 'r': "right"}

func (p *texParser) environment(at int) *node {
	name := p.textArg(`\begin`)
	env, ok := environments[name]
	if !ok {
		p.fail(at, "unknown environment %s", name)
	}
	align := env.align
	var lines []string
	if name == "array" || name == "darray" {
		spec := p.textArg(`\begin{` + name + `}`)
		align = ""
		for i := 0; i < len(spec); i++ {
			switch c := spec[i]; c {
			case 'l', 'c', 'r':
				align += string(c)
				if len(lines) < len(align)-1 {
					lines = append(lines, "none")
				}
			case '|':
				if len(align) > 0 {
					if len(lines) < len(align) {
						lines = append(lines, "solid")
					}
				}
			case ' ':
			default:
				p.fail(at, "\\begin{array} takes columns l, c, r and |, not %q", c)
			}
		}
	}
	if name == "alignedat" {
		p.textArg(`\begin{alignedat}`)
	}
	saved := p.display
	p.display = env.display
	t := p.table(`\begin{`+name+`}`, align)
	p.display = saved
	if len(lines) > 0 {
		for len(lines) >= len(align) {
			lines = lines[:len(lines)-1]
		}
		if len(lines) > 0 {
			t.set("columnlines", strings.Join(lines, " "))
		}
	}
	if !strings.HasPrefix(p.src[p.i:], `\end`) {
		p.fail(at, "\\begin{%s} without \\end{%s}", name, name)
	}
	p.command()
	if end := p.textArg(`\end`); end != name {
		p.fail(at, "\\begin{%s} ended by \\end{%s}", name, end)
	}
	if env.left == "" && env.right == "" {
		return t
	}
	kids := []*node{}
	if env.left != "" {
		kids = append(kids, fence(env.left, open))
	}
	kids = append(kids, t)
	if env.right != "" {
		kids = append(kids, fence(env.right, closeClass))
	}
	return elem("mrow", inner, kids...)
}

// table reads rows of cells up to \end or the closing }, and leaves p.i
// there. align repeats over the columns ("rl": right, left, right…).
func (p *texParser) table(cmd, align string) *node {
	p.inTable++
	defer func() { p.inTable-- }()
	var rows []*node
	var cells []*node
	pairs := align == "rl"
	for {
		col := len(cells)
		kids, stop := p.list()
		if pairs && col%2 == 1 && len(kids) > 0 {
			kids = append([]*node{elem("mrow", ord)}, kids...)
		}
		if len(kids) > 0 || stop == "&" || len(cells) > 0 {
			cells = append(cells, elem("mtd", ord, row(kids)))
		}
		switch stop {
		case "&":
			p.i++
			continue
		case `\\`, `\cr`:
			p.command()
			p.skipOptional()
			rows = append(rows, elem("mtr", ord, cells...))
			cells = nil
			p.skipSpace()
			for strings.HasPrefix(p.src[p.i:], `\hline`) || strings.HasPrefix(p.src[p.i:], `\hdashline`) {
				p.command()
				p.skipSpace()
			}
			continue
		case `\end`, "}":
			if stop == "}" {
				p.i--
			}
			if len(cells) > 0 {
				rows = append(rows, elem("mtr", ord, cells...))
			}
			t := elem("mtable", ord, rows...)
			if align != "" {
				var cols []string
				n := 0
				for _, r := range rows {
					n = max(n, len(r.kids))
				}
				for i := range max(n, 1) {
					cols = append(cols, alignName[align[i%len(align)]])
				}
				t.set("columnalign", strings.Join(cols, " "))
				cellStyles(rows, cols, pairs)
			}
			if pairs {
				t.set("columnspacing", "0em")
				t.pairs = true
			}
			if p.display {
				t.set("displaystyle", "true")
			}
			return t
		case "":
			p.fail(p.i, "%s without its end", cmd)
		default:
			p.fail(p.i, "%s inside %s", stop, cmd)
		}
	}
}

// cellStyles aligns each cell with CSS as well: Chromium follows MathML
// Core, which has no columnalign or columnspacing, and centres every cell. In aligned pairs the
// two halves meet without a gap, as in TeX, and pairs stand 2em apart.
func cellStyles(rows []*node, cols []string, pairs bool) {
	for _, r := range rows {
		for i, c := range r.kids {
			// Chromium aligns a cell's math only by -webkit-right and its
			// kin (measured); others read columnalign or the plain value.
			a := cols[min(i, len(cols)-1)]
			style := "text-align: " + a + "; text-align: -webkit-" + a
			switch {
			case pairs && i%2 == 1:
				style += "; padding-left: 0"
			case pairs && i > 0:
				style += "; padding-right: 0; padding-left: 2em"
			case pairs:
				style += "; padding-right: 0"
			}
			c.set("style", style)
		}
	}
}
