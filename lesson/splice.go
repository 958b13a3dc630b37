package lesson

import (
	"bytes"
	"errors"
	"html/template"
	"strconv"
	"sync"
	"text/template/parse"
)

// Splicing puts a page's body and a figure's SVG and data into the
// template's output without text/template printing them. It prints every
// value through fmt, which builds it in a buffer of its own: a page body
// of a few hundred KB was copied twice more, and allocated at twice its
// size, for each page, and each figure's data and SVG the same. Where a
// theme prints such a field only as it is, the build executes the template
// with a short placeholder in the field and puts the value in its place
// afterwards; the page is the same byte for byte.
//
// "Only as it is" is checked on the escaped templates, once per template set
// and entry: every mention of the field must be {{.F}} printed through the
// escaper that leaves the field's type as it is (template.HTML in HTML
// text, template.JS in a script), or a bare test of it ({{if .F}}, or
// {{with .F}} whose dot is then printed the same way). Anything else (a
// pipeline, a variable, an attribute, a call) leaves the field printed the
// usual way. A placeholder stands only for a value that is not empty, so
// the tests see the same truth.

// spliceMark begins each placeholder; the NUL bytes cannot come from a
// template's other output, whose escapers replace NUL.
const spliceMark = "\x00descent-splice:"

// spliceCore is the mark without its NUL: a trace of it in the output that
// is not a whole placeholder (an escaped struct, say) means the values
// cannot be put back, and the template is executed again the usual way.
const spliceCore = "descent-splice:"

// placeholder returns the placeholder of value i.
func placeholder(i int) string { return spliceMark + strconv.Itoa(i) + "\x00" }

// A splicer decides, once, whether a template set entered at one name
// prints its spliced fields only as they are.
type splicer struct {
	escapers map[string]string // field → the escaper that leaves its type as it is
	once     sync.Once
	ok       bool
}

func newSplicer(escapers map[string]string) *splicer { return &splicer{escapers: escapers} }

// splices reports whether placeholders may stand for the fields when set
// is executed at entry. The first call has html/template escape the
// templates (an execution into a writer that refuses the first byte stops
// there; a real execution reports its errors) and checks them.
func (s *splicer) splices(set *template.Template, entry string) bool {
	if s == nil {
		return false
	}
	s.once.Do(func() {
		set.ExecuteTemplate(refuseWriter{}, entry, nil)
		s.ok = verbatim(set, entry, s.escapers)
	})
	return s.ok
}

type refuseWriter struct{}

func (refuseWriter) Write([]byte) (int, error) { return 0, errRefused }

var errRefused = errors.New("lesson: escaping the templates only")

// splice writes out to dst with each placeholder replaced by its value. It
// reports false, having written a part, if the output holds a trace of the
// mark that is not a whole placeholder.
func splice[V string | []byte](dst *bytes.Buffer, out []byte, values []V) bool {
	size, found := len(out), 0
	for rest := out; ; found++ {
		i := bytes.Index(rest, []byte(spliceMark))
		if i < 0 {
			break
		}
		k, n, ok := placeholderAt(rest[i:], len(values))
		if !ok {
			return false
		}
		size += len(values[k]) - n
		rest = rest[i+n:]
	}
	if bytes.Count(out, []byte(spliceCore)) != found {
		return false
	}
	dst.Grow(size)
	for {
		i := bytes.Index(out, []byte(spliceMark))
		if i < 0 {
			dst.Write(out)
			return true
		}
		k, n, _ := placeholderAt(out[i:], len(values))
		dst.Write(out[:i])
		switch v := any(values[k]).(type) { // no copy of a string to bytes
		case string:
			dst.WriteString(v)
		case []byte:
			dst.Write(v)
		}
		out = out[i+n:]
	}
}

// placeholderAt parses the placeholder at the start of b: the value's
// index, below n, and the placeholder's length.
func placeholderAt(b []byte, n int) (k, length int, ok bool) {
	digits := b[len(spliceMark):]
	end := bytes.IndexByte(digits, 0)
	if end < 1 {
		return 0, 0, false
	}
	k, err := strconv.Atoi(string(digits[:end]))
	if err != nil || k < 0 || k >= n || strconv.Itoa(k) != string(digits[:end]) { // only as placeholder writes it
		return 0, 0, false
	}
	return k, len(spliceMark) + end + 1, true
}

// verbatim reports whether the templates reachable from entry in set
// mention each field of escapers only as the package comment allows.
func verbatim(set *template.Template, entry string, escapers map[string]string) bool {
	seen := map[string]bool{}
	var tmpl func(name string) bool
	// list walks nodes; dot names the field that dot is inside {{with .F}},
	// or is "".
	var list func(l *parse.ListNode, dot string) bool
	// ref returns the field a lone argument names: .F, $.F, or dot itself.
	ref := func(p *parse.PipeNode, dot string) (string, bool) {
		if p == nil || len(p.Decl) > 0 || len(p.Cmds) == 0 || len(p.Cmds[0].Args) != 1 {
			return "", false
		}
		switch a := p.Cmds[0].Args[0].(type) {
		case *parse.FieldNode:
			if dot == "" && len(a.Ident) == 1 && escapers[a.Ident[0]] != "" {
				return a.Ident[0], true
			}
		case *parse.VariableNode:
			if len(a.Ident) == 2 && a.Ident[0] == "$" && escapers[a.Ident[1]] != "" {
				return a.Ident[1], true
			}
		case *parse.DotNode:
			if dot != "" {
				return dot, true
			}
		}
		return "", false
	}
	// mentions reports whether node n names a watched field, or dot when
	// dot is one.
	var mentions func(n parse.Node, dot string) bool
	mentions = func(n parse.Node, dot string) bool {
		named := func(idents []string) bool {
			for _, id := range idents {
				if escapers[id] != "" {
					return true
				}
			}
			return false
		}
		switch n := n.(type) {
		case nil:
			return false
		case *parse.PipeNode:
			if n == nil {
				return false
			}
			for _, c := range n.Cmds {
				if mentions(c, dot) {
					return true
				}
			}
			return false
		case *parse.CommandNode:
			for _, a := range n.Args {
				if mentions(a, dot) {
					return true
				}
			}
			return false
		case *parse.FieldNode:
			return dot != "" || named(n.Ident)
		case *parse.VariableNode:
			return named(n.Ident)
		case *parse.ChainNode:
			return named(n.Field) || mentions(n.Node, dot)
		case *parse.DotNode:
			return dot != ""
		}
		return false
	}
	list = func(l *parse.ListNode, dot string) bool {
		if l == nil {
			return true
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
			case *parse.ActionNode:
				if f, ok := ref(n.Pipe, dot); ok && len(n.Pipe.Cmds) == 2 {
					esc := n.Pipe.Cmds[1].Args
					if id, isID := esc[0].(*parse.IdentifierNode); len(esc) == 1 && isID && id.Ident == escapers[f] {
						continue
					}
				}
				if mentions(n.Pipe, dot) {
					return false
				}
			case *parse.IfNode:
				if _, ok := ref(n.Pipe, dot); !ok || len(n.Pipe.Cmds) != 1 {
					if mentions(n.Pipe, dot) {
						return false
					}
				}
				if !list(n.List, dot) || !list(n.ElseList, dot) {
					return false
				}
			case *parse.WithNode:
				inner := ""
				if f, ok := ref(n.Pipe, dot); ok && len(n.Pipe.Cmds) == 1 {
					inner = f
				} else if mentions(n.Pipe, dot) {
					return false
				}
				if !list(n.List, inner) || !list(n.ElseList, dot) {
					return false
				}
			case *parse.RangeNode:
				if mentions(n.Pipe, dot) || !list(n.List, "") || !list(n.ElseList, dot) {
					return false
				}
			case *parse.TemplateNode:
				if mentions(n.Pipe, dot) || !tmpl(n.Name) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	tmpl = func(name string) bool {
		if seen[name] {
			return true
		}
		seen[name] = true
		t := set.Lookup(name)
		if t == nil || t.Tree == nil {
			return false
		}
		return list(t.Tree.Root, "")
	}
	return tmpl(entry)
}
