package optim

import (
	"math"

	"descent/optim/pmath"
)

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
	opRelu    // max(u, 0)
	opSign    // −1, 0 or 1
	opSigmoid // 1 / (1 + e^−u)
	opMin     // min(a, b)
	opMax     // max(a, b)
	opLog1p   // log(1 + u)
	opExpm1   // e^u − 1
)

// isBinary reports whether op pops two values.
func isBinary(op opcode) bool {
	return op >= opAdd && op <= opPow || op == opMin || op == opMax
}

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
		return pmath.Sin(u)
	case opCos:
		return pmath.Cos(u)
	case opTan:
		return pmath.Tan(u)
	case opExp:
		return pmath.Exp(u)
	case opLog:
		return pmath.Log(u)
	case opSqrt:
		return math.Sqrt(u)
	case opAbs:
		return math.Abs(u)
	case opTanh:
		return pmath.Tanh(u)
	case opSinh:
		return pmath.Sinh(u)
	case opCosh:
		return pmath.Cosh(u)
	case opAtan:
		return pmath.Atan(u)
	case opRelu, opSign, opSigmoid, opLog1p, opExpm1:
		v, _, _ := derivatives(op, u, c, false)
		return v
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
	return pmath.Pow(u, c)
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
		return pmath.Pow(a, b)
	case opMin:
		return math.Min(a, b)
	case opMax:
		return math.Max(a, b)
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
		case opAdd, opSub, opMul, opDiv, opPow, opMin, opMax:
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
// point, which makes a 400×400 grid cost about as much as compiled Go. A
// value that is the same along the row (a constant, y, or made of them) is
// kept as one number, and x is read where it lies, so only the work that
// varies along the row loops over it. The arithmetic is eval's, operation
// for operation, so the values are the same bits. stack must hold p.depth
// rows of len(xs); the first may be dst itself.
func (p *program) evalRow(dst, xs []float64, y float64, stack [][]float64) {
	type slot struct {
		row    []float64 // the values along the row, or nil when scalar
		scalar float64
	}
	var small [16]slot
	slots := small[:0]
	if p.depth > len(small) {
		slots = make([]slot, 0, p.depth)
	}
	n := len(xs)
	if n == 0 {
		return
	}
	// own returns stack row k, where slot k writes its values; row 0 is dst.
	own := func(k int) []float64 {
		if k == 0 {
			return dst[:n]
		}
		return stack[k][:n]
	}
	for _, in := range p.code {
		switch in.op {
		case opConst:
			slots = append(slots, slot{scalar: in.val})
		case opY:
			slots = append(slots, slot{scalar: y})
		case opX:
			slots = append(slots, slot{row: xs})
		case opAdd, opSub, opMul, opDiv, opPow, opMin, opMax:
			k := len(slots) - 2
			a, b := slots[k], slots[k+1]
			slots = slots[:k+1]
			switch {
			case a.row == nil && b.row == nil:
				slots[k] = slot{scalar: binary(in.op, a.scalar, b.scalar)}
			case b.row == nil:
				slots[k] = slot{row: rowScalar(in.op, own(k), a.row, b.scalar)}
			case a.row == nil:
				slots[k] = slot{row: scalarRow(in.op, own(k), a.scalar, b.row)}
			default:
				slots[k] = slot{row: rowRow(in.op, own(k), a.row, b.row)}
			}
		default:
			k := len(slots) - 1
			a := slots[k]
			if a.row == nil {
				slots[k] = slot{scalar: unary(in.op, a.scalar, in.val)}
				continue
			}
			out := own(k)
			switch in.op {
			case opSquare:
				for i, v := range a.row {
					out[i] = v * v
				}
			case opNeg:
				for i, v := range a.row {
					out[i] = -v
				}
			default:
				for i, v := range a.row {
					out[i] = unary(in.op, v, in.val)
				}
			}
			slots[k] = slot{row: out}
		}
	}
	if r := slots[0].row; r == nil {
		for i := range dst[:n] {
			dst[i] = slots[0].scalar
		}
	} else if &r[0] != &dst[0] {
		copy(dst, r) // f is x itself
	}
}

// rowRow sets out[i] = a[i] op b[i]; out may be a or b.
func rowRow(op opcode, out, a, b []float64) []float64 {
	b = b[:len(a)]
	out = out[:len(a)]
	switch op {
	case opAdd:
		for i := range a {
			out[i] = a[i] + b[i]
		}
	case opSub:
		for i := range a {
			out[i] = a[i] - b[i]
		}
	case opMul:
		for i := range a {
			out[i] = a[i] * b[i]
		}
	case opDiv:
		for i := range a {
			out[i] = a[i] / b[i]
		}
	default:
		for i := range a {
			out[i] = binary(op, a[i], b[i])
		}
	}
	return out
}

// rowScalar sets out[i] = a[i] op b; out may be a.
func rowScalar(op opcode, out, a []float64, b float64) []float64 {
	out = out[:len(a)]
	switch op {
	case opAdd:
		for i := range a {
			out[i] = a[i] + b
		}
	case opSub:
		for i := range a {
			out[i] = a[i] - b
		}
	case opMul:
		for i := range a {
			out[i] = a[i] * b
		}
	case opDiv:
		for i := range a {
			out[i] = a[i] / b
		}
	default:
		for i := range a {
			out[i] = binary(op, a[i], b)
		}
	}
	return out
}

// scalarRow sets out[i] = a op b[i]; out may be b.
func scalarRow(op opcode, out []float64, a float64, b []float64) []float64 {
	out = out[:len(b)]
	switch op {
	case opAdd:
		for i := range b {
			out[i] = a + b[i]
		}
	case opSub:
		for i := range b {
			out[i] = a - b[i]
		}
	case opMul:
		for i := range b {
			out[i] = a * b[i]
		}
	case opDiv:
		for i := range b {
			out[i] = a / b[i]
		}
	default:
		for i := range b {
			out[i] = binary(op, a, b[i])
		}
	}
	return out
}
