package optim

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits on author expressions, generous for real lessons and small enough
// that no expression can exhaust a build.
const (
	MaxExprLen   = 2000 // bytes
	MaxExprDepth = 64   // nested parentheses, calls and operators
)

// node is the expression tree: a number, a variable, or an operator applied
// to its arguments.
type node struct {
	op   opcode
	val  float64 // opConst
	args []*node
}

// SyntaxError is a mistake in an expression. Col counts characters from 1.
type SyntaxError struct {
	Col int
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("col %d: %s", e.Col, e.Msg) }

var functions = map[string]opcode{
	"sin": opSin, "cos": opCos, "tan": opTan, "exp": opExp, "log": opLog,
	"sqrt": opSqrt, "abs": opAbs, "tanh": opTanh, "sinh": opSinh,
	"cosh": opCosh, "atan": opAtan, "relu": opRelu, "sign": opSign, "sigmoid": opSigmoid,
	"log1p": opLog1p, "expm1": opExpm1,
}

// binaryFunctions take two arguments.
var binaryFunctions = map[string]opcode{"min": opMin, "max": opMax}

const functionList = "sin cos tan exp log sqrt abs tanh sinh cosh atan relu sign sigmoid log1p expm1, and min and max of two"

// parser reads one expression by recursive descent. Each method's comment
// gives its rule; errors abort the descent through panic(*SyntaxError) and
// are recovered in parse.
type parser struct {
	src    string
	pos    int
	depth  int
	consts map[string]float64 // named constants besides pi and e (catalog parameters)
	vars   int                // bit 0: x used, bit 1: y used
}

func parse(src string, consts map[string]float64) (n *node, vars int, err error) {
	if len(src) > MaxExprLen {
		return nil, 0, &SyntaxError{Col: 1, Msg: fmt.Sprintf("expression is %d characters long; the limit is %d", len(src), MaxExprLen)}
	}
	p := &parser{src: src, consts: consts}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			n, err = nil, se
		}
	}()
	p.skipSpace()
	if p.pos == len(p.src) {
		p.fail(p.pos, "empty expression; write a formula in x and y, such as x^2 + y^2")
	}
	n = p.expr()
	if p.pos < len(p.src) {
		p.fail(p.pos, fmt.Sprintf("unexpected %s; expected an operator (+ - * / ^) or the end", p.describe()))
	}
	return n, p.vars, nil
}

// col converts a byte offset to a 1-based character column.
func (p *parser) col(pos int) int { return len([]rune(p.src[:pos])) + 1 }

func (p *parser) fail(pos int, msg string) {
	panic(&SyntaxError{Col: p.col(pos), Msg: msg})
}

func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of expression"
	}
	r := []rune(p.src[p.pos:])[0]
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

// peek reports whether the input continues with tok (after spaces).
func (p *parser) peek(tok string) bool {
	return strings.HasPrefix(p.src[p.pos:], tok)
}

func (p *parser) accept(tok string) bool {
	if p.peek(tok) {
		p.pos += len(tok)
		p.skipSpace()
		return true
	}
	return false
}

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxExprDepth {
		p.fail(p.pos, fmt.Sprintf("expression nests deeper than %d levels", MaxExprDepth))
	}
}

// expr = term { ("+" | "-") term }
func (p *parser) expr() *node {
	p.enter()
	defer func() { p.depth-- }()
	n := p.term()
	for {
		switch {
		case p.accept("+"):
			n = &node{op: opAdd, args: []*node{n, p.term()}}
		case p.accept("-"):
			n = &node{op: opSub, args: []*node{n, p.term()}}
		default:
			return n
		}
	}
}

// term = unary { ("*" | "/") unary }   (but "**" is power, not two products)
func (p *parser) term() *node {
	n := p.unary()
	for {
		switch {
		case p.peek("**"):
			return n // only reachable after a complete power; let the caller report it
		case p.accept("*"):
			n = &node{op: opMul, args: []*node{n, p.unary()}}
		case p.accept("/"):
			n = &node{op: opDiv, args: []*node{n, p.unary()}}
		default:
			return n
		}
	}
}

// unary = ("-" | "+") unary | power
func (p *parser) unary() *node {
	p.enter()
	defer func() { p.depth-- }()
	switch {
	case p.accept("-"):
		return &node{op: opNeg, args: []*node{p.unary()}}
	case p.accept("+"):
		return p.unary()
	}
	return p.power()
}

// power = primary [ ("^" | "**") unary ]
//
// The exponent is a unary, so power is right-associative (2^3^2 = 2^9),
// binds tighter than a leading minus (-x^2 = -(x^2)) and takes a signed
// exponent (x^-2).
func (p *parser) power() *node {
	base := p.primary()
	if p.accept("^") || p.accept("**") {
		return &node{op: opPow, args: []*node{base, p.unary()}}
	}
	return base
}

// primary = number | name | name "(" expr ")" | "(" expr ")"
func (p *parser) primary() *node {
	start := p.pos
	switch {
	case p.pos >= len(p.src):
		p.fail(p.pos, "unexpected end of expression; expected a number, x, y, a function or \"(\"")
	case p.accept("("):
		n := p.expr()
		if !p.accept(")") {
			p.fail(p.pos, fmt.Sprintf("unexpected %s; expected \")\" to close the \"(\" at col %d", p.describe(), p.col(start)))
		}
		return n
	case isDigit(p.src[p.pos]) || p.src[p.pos] == '.':
		return p.number()
	case isLetter(p.src[p.pos]):
		return p.name()
	}
	p.fail(p.pos, fmt.Sprintf("unexpected %s; expected a number, x, y, a function or \"(\"", p.describe()))
	return nil
}

func (p *parser) number() *node {
	start := p.pos
	for p.pos < len(p.src) && (isDigit(p.src[p.pos]) || p.src[p.pos] == '.') {
		p.pos++
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		// An exponent only if digits follow; otherwise "2e" is 2 followed by the name e.
		q := p.pos + 1
		if q < len(p.src) && (p.src[q] == '+' || p.src[q] == '-') {
			q++
		}
		if q < len(p.src) && isDigit(p.src[q]) {
			for q < len(p.src) && isDigit(p.src[q]) {
				q++
			}
			p.pos = q
		}
	}
	text := p.src[start:p.pos]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || strings.Count(text, ".") > 1 || text == "." {
		p.fail(start, fmt.Sprintf("malformed number %q", text))
	}
	p.skipSpace()
	return &node{op: opConst, val: v}
}

func (p *parser) name() *node {
	start := p.pos
	for p.pos < len(p.src) && (isLetter(p.src[p.pos]) || isDigit(p.src[p.pos])) {
		p.pos++
	}
	name := p.src[start:p.pos]
	p.skipSpace()
	if op, ok := functions[name]; ok {
		if !p.accept("(") {
			p.fail(p.pos, fmt.Sprintf("expected \"(\" after the function %s", name))
		}
		arg := p.expr()
		if comma := p.pos; p.accept(",") {
			p.fail(comma, fmt.Sprintf("%s takes one argument", name))
		}
		if !p.accept(")") {
			p.fail(p.pos, fmt.Sprintf("unexpected %s; expected \")\" to close %s(", p.describe(), name))
		}
		return &node{op: op, args: []*node{arg}}
	}
	if op, ok := binaryFunctions[name]; ok {
		if !p.accept("(") {
			p.fail(p.pos, fmt.Sprintf("expected \"(\" after the function %s", name))
		}
		a := p.expr()
		if !p.accept(",") {
			p.fail(p.pos, fmt.Sprintf("unexpected %s; %s takes two arguments, such as %s(x, y)", p.describe(), name, name))
		}
		b := p.expr()
		if !p.accept(")") {
			p.fail(p.pos, fmt.Sprintf("unexpected %s; expected \")\" to close %s(", p.describe(), name))
		}
		return &node{op: op, args: []*node{a, b}}
	}
	if p.peek("(") {
		p.fail(start, fmt.Sprintf("unknown function %q; the functions are %s", name, functionList))
	}
	switch name {
	case "x":
		p.vars |= 1
		return &node{op: opX}
	case "y":
		p.vars |= 2
		return &node{op: opY}
	case "pi":
		return &node{op: opConst, val: 3.141592653589793}
	case "e":
		return &node{op: opConst, val: 2.718281828459045}
	}
	if v, ok := p.consts[name]; ok {
		return &node{op: opConst, val: v}
	}
	p.fail(start, fmt.Sprintf("unknown name %q; the variables are x and y, the constants pi and e (names are case-sensitive)", name))
	return nil
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
