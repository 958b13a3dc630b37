package optim

import "math"

type opcode uint8

const (
	opConst opcode = iota
	opX
	opY
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opSquare // u^2, the commonest power, kept exact as u*u
	opPowC   // u^c for a constant c other than 2
	opNeg
	opSin
	opCos
	opTan
	opExp
	opLog
	opSqrt
	opAbs
	opTanh
	opSinh
	opCosh
	opAtan
)

// instr is one bytecode instruction of a stack machine. Leaves push, unary
// operators replace the top, binary operators pop one and replace the top.
type instr struct {
	op  opcode
	val float64 // the constant of opConst and the exponent of opPowC
}

// program is an expression compiled to bytecode; depth is the stack size it needs.
type program struct {
	code  []instr
	depth int
}

// fold replaces every subtree without variables by its value, so that
// evaluation does no work that the parser could have done once.
func fold(n *node) *node {
	for i, a := range n.args {
		n.args[i] = fold(a)
	}
	if len(n.args) == 0 {
		return n
	}
	for _, a := range n.args {
		if a.op != opConst {
			return n
		}
	}
	p := compile(n)
	return &node{op: opConst, val: p.eval(0, 0)}
}

func compile(n *node) program {
	var p program
	var depth int
	var emit func(n *node)
	emit = func(n *node) {
		switch {
		case n.op == opPow && n.args[1].op == opConst:
			emit(n.args[0])
			if c := n.args[1].val; c == 2 {
				p.code = append(p.code, instr{op: opSquare})
			} else {
				p.code = append(p.code, instr{op: opPowC, val: c})
			}
			return
		case len(n.args) == 0:
			depth++
			p.depth = max(p.depth, depth)
		}
		for _, a := range n.args {
			emit(a)
		}
		if len(n.args) == 2 {
			depth--
		}
		p.code = append(p.code, instr{op: n.op, val: n.val})
	}
	emit(n)
	return p
}

// unary applies a one-argument operator to a value.
func unary(op opcode, u, c float64) float64 {
	switch op {
	case opSquare:
		return u * u
	case opPowC:
		return powConst(u, c)
	case opNeg:
		return -u
	case opSin:
		return math.Sin(u)
	case opCos:
		return math.Cos(u)
	case opTan:
		return math.Tan(u)
	case opExp:
		return math.Exp(u)
	case opLog:
		return math.Log(u)
	case opSqrt:
		return math.Sqrt(u)
	case opAbs:
		return math.Abs(u)
	case opTanh:
		return math.Tanh(u)
	case opSinh:
		return math.Sinh(u)
	case opCosh:
		return math.Cosh(u)
	case opAtan:
		return math.Atan(u)
	}
	panic("optim: not a unary opcode")
}

// powConst computes u^c the way torch's pow kernel does for the exponents it
// special-cases, so that expression values match torch to the last bit there.
func powConst(u, c float64) float64 {
	switch c {
	case 3:
		return u * u * u
	case 0.5:
		return math.Sqrt(u)
	case -1:
		return 1 / u
	case -2:
		return 1 / (u * u)
	}
	return math.Pow(u, c)
}

func binary(op opcode, a, b float64) float64 {
	switch op {
	case opAdd:
		return a + b
	case opSub:
		return a - b
	case opMul:
		return a * b
	case opDiv:
		return a / b
	case opPow:
		return math.Pow(a, b)
	}
	panic("optim: not a binary opcode")
}

// eval computes the value at (x, y).
func (p *program) eval(x, y float64) float64 {
	var small [16]float64
	stack := small[:0]
	if p.depth > len(small) {
		stack = make([]float64, 0, p.depth)
	}
	for _, in := range p.code {
		switch in.op {
		case opConst:
			stack = append(stack, in.val)
		case opX:
			stack = append(stack, x)
		case opY:
			stack = append(stack, y)
		case opAdd, opSub, opMul, opDiv, opPow:
			n := len(stack) - 1
			stack[n-1] = binary(in.op, stack[n-1], stack[n])
			stack = stack[:n]
		default:
			n := len(stack) - 1
			stack[n] = unary(in.op, stack[n], in.val)
		}
	}
	return stack[0]
}

// evalRow computes dst[i] = f(xs[i], y) for a whole row at once: the
// interpreter's dispatch is paid once per instruction rather than once per
// point, which makes a 400×400 grid cost about as much as compiled Go.
// stack must hold p.depth rows of len(xs).
func (p *program) evalRow(dst, xs []float64, y float64, stack [][]float64) {
	sp := 0
	n := len(xs)
	for _, in := range p.code {
		switch in.op {
		case opConst, opY:
			v := in.val
			if in.op == opY {
				v = y
			}
			s := stack[sp][:n]
			for i := range s {
				s[i] = v
			}
			sp++
		case opX:
			copy(stack[sp][:n], xs)
			sp++
		case opAdd, opSub, opMul, opDiv, opPow:
			a, b := stack[sp-2][:n], stack[sp-1][:n]
			switch in.op {
			case opAdd:
				for i := range a {
					a[i] += b[i]
				}
			case opSub:
				for i := range a {
					a[i] -= b[i]
				}
			case opMul:
				for i := range a {
					a[i] *= b[i]
				}
			case opDiv:
				for i := range a {
					a[i] /= b[i]
				}
			default:
				for i := range a {
					a[i] = math.Pow(a[i], b[i])
				}
			}
			sp--
		case opSquare:
			a := stack[sp-1][:n]
			for i := range a {
				a[i] *= a[i]
			}
		case opNeg:
			a := stack[sp-1][:n]
			for i := range a {
				a[i] = -a[i]
			}
		default:
			a := stack[sp-1][:n]
			for i := range a {
				a[i] = unary(in.op, a[i], in.val)
			}
		}
	}
	copy(dst, stack[0][:n])
}
