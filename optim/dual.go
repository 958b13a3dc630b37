package optim

import (
	"math"

	"descent/optim/pmath"
)

// dual is a value with its exact gradient: forward-mode automatic
// differentiation to first order, which is all an optimizer's step needs.
// Its rules are the first-order part of the jet's, computed the same way, so
// a dual's value and gradient equal a jet's bit for bit at a third of the
// work.
type dual struct{ v, gx, gy float64 }

func dualBinary(op opcode, a, b dual) dual {
	switch op {
	case opAdd:
		return dual{a.v + b.v, a.gx + b.gx, a.gy + b.gy}
	case opSub:
		return dual{a.v - b.v, a.gx - b.gx, a.gy - b.gy}
	case opMul:
		return dual{a.v * b.v, float64(b.v*a.gx) + float64(a.v*b.gx), float64(b.v*a.gy) + float64(a.v*b.gy)}
	case opDiv:
		q := a.v / b.v
		fa, fb := 1/b.v, -q/b.v
		return dual{q, float64(fa*a.gx) + float64(fb*b.gx), float64(fa*a.gy) + float64(fb*b.gy)}
	case opPow:
		v := pmath.Pow(a.v, b.v)
		fa, fb := float64(b.v*pmath.Pow(a.v, b.v-1)), float64(v*pmath.Log(a.v))
		return dual{v, float64(fa*a.gx) + float64(fb*b.gx), float64(fa*a.gy) + float64(fb*b.gy)}
	case opMin, opMax:
		v, fa, fb := pick(op, a.v, b.v)
		return dual{v, float64(fa*a.gx) + float64(fb*b.gx), float64(fa*a.gy) + float64(fb*b.gy)}
	}
	panic("optim: not a binary opcode")
}

// pick returns min or max of a and b with the weights of a and b in the
// result's derivative, as torch's minimum and maximum give them: the
// chosen one 1, the other 0, and ½ each at a tie.
func pick(op opcode, a, b float64) (v, fa, fb float64) {
	if op == opMin {
		v = math.Min(a, b)
	} else {
		v = math.Max(a, b)
	}
	switch {
	case a == b:
		return v, 0.5, 0.5
	case (a < b) == (op == opMin):
		return v, 1, 0
	}
	return v, 0, 1
}

func dualUnary(op opcode, u dual, c float64) dual {
	if op == opNeg {
		return dual{-u.v, -u.gx, -u.gy}
	}
	v, d1, _ := derivatives(op, u.v, c, false)
	return dual{v, float64(d1 * u.gx), float64(d1 * u.gy)}
}

// evalDual computes the value and gradient at (x, y).
func (p *program) evalDual(x, y float64) dual {
	var small [16]dual
	stack := small[:0]
	if p.depth > len(small) {
		stack = make([]dual, 0, p.depth)
	}
	for _, in := range p.code {
		switch in.op {
		case opConst:
			stack = append(stack, dual{v: in.val})
		case opX:
			stack = append(stack, dual{v: x, gx: 1})
		case opY:
			stack = append(stack, dual{v: y, gy: 1})
		case opAdd, opSub, opMul, opDiv, opPow, opMin, opMax:
			n := len(stack) - 1
			stack[n-1] = dualBinary(in.op, stack[n-1], stack[n])
			stack = stack[:n]
		default:
			n := len(stack) - 1
			stack[n] = dualUnary(in.op, stack[n], in.val)
		}
	}
	return stack[0]
}
