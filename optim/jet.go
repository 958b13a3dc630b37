package optim

import (
	"math"

	"descent/optim/pmath"
)

// jet is a value with its exact first and second derivatives with respect
// to x and y: forward-mode automatic differentiation to second order. Every
// arithmetic rule below is the chain rule; nothing is approximated.
type jet struct {
	v             float64 // value
	gx, gy        float64 // gradient
	hxx, hxy, hyy float64 // Hessian (symmetric)
}

// chain1 applies a function with derivatives d1 = φ'(u), d2 = φ”(u) to u.
func chain1(u jet, v, d1, d2 float64) jet {
	return jet{
		v:   v,
		gx:  float64(d1 * u.gx),
		gy:  float64(d1 * u.gy),
		hxx: float64(d1*u.hxx) + float64(d2*u.gx*u.gx),
		hxy: float64(d1*u.hxy) + float64(d2*u.gx*u.gy),
		hyy: float64(d1*u.hyy) + float64(d2*u.gy*u.gy),
	}
}

// chain2 applies a function φ(a, b) given its value and its partial
// derivatives fa, fb, faa, fab, fbb at (a, b).
func chain2(a, b jet, v, fa, fb, faa, fab, fbb float64) jet {
	return jet{
		v:   v,
		gx:  float64(fa*a.gx) + float64(fb*b.gx),
		gy:  float64(fa*a.gy) + float64(fb*b.gy),
		hxx: float64(fa*a.hxx) + float64(fb*b.hxx) + float64(faa*a.gx*a.gx) + float64(2*fab*a.gx*b.gx) + float64(fbb*b.gx*b.gx),
		hxy: float64(fa*a.hxy) + float64(fb*b.hxy) + float64(faa*a.gx*a.gy) + float64(fab*(float64(a.gx*b.gy)+float64(a.gy*b.gx))) + float64(fbb*b.gx*b.gy),
		hyy: float64(fa*a.hyy) + float64(fb*b.hyy) + float64(faa*a.gy*a.gy) + float64(2*fab*a.gy*b.gy) + float64(fbb*b.gy*b.gy),
	}
}

func jetBinary(op opcode, a, b jet) jet {
	switch op {
	case opAdd:
		return jet{a.v + b.v, a.gx + b.gx, a.gy + b.gy, a.hxx + b.hxx, a.hxy + b.hxy, a.hyy + b.hyy}
	case opSub:
		return jet{a.v - b.v, a.gx - b.gx, a.gy - b.gy, a.hxx - b.hxx, a.hxy - b.hxy, a.hyy - b.hyy}
	case opMul:
		return chain2(a, b, a.v*b.v, b.v, a.v, 0, 1, 0)
	case opDiv:
		q := a.v / b.v
		return chain2(a, b, q, 1/b.v, -q/b.v, 0, -1/(b.v*b.v), 2*q/(b.v*b.v))
	case opPow:
		// a^b = exp(b log a) for a variable exponent.
		v := pmath.Pow(a.v, b.v)
		la := pmath.Log(a.v)
		pa := pmath.Pow(a.v, b.v-1)
		return chain2(a, b, v,
			b.v*pa, v*la,
			float64(b.v*(b.v-1)*pmath.Pow(a.v, b.v-2)), float64(pa*(1+float64(b.v*la))), float64(v*la*la))
	case opMin, opMax:
		v, fa, fb := pick(op, a.v, b.v)
		return chain2(a, b, v, fa, fb, 0, 0, 0)
	}
	panic("optim: not a binary opcode")
}

func jetUnary(op opcode, u jet, c float64) jet {
	if op == opNeg {
		return jet{-u.v, -u.gx, -u.gy, -u.hxx, -u.hxy, -u.hyy}
	}
	v, d1, d2 := derivatives(op, u.v, c, true)
	return chain1(u, v, d1, d2)
}

// derivatives returns φ(x), φ'(x) and, when second is set, φ”(x) for the
// unary operator op (not opNeg). Jets and duals share it, so their values
// and gradients agree bit for bit.
func derivatives(op opcode, x, c float64, second bool) (v, d1, d2 float64) {
	switch op {
	case opSquare:
		return x * x, 2 * x, 2
	case opPowC:
		v, d1 = powConst(x, c), c*pmath.Pow(x, c-1)
		if second {
			d2 = c * (c - 1) * pmath.Pow(x, c-2)
		}
		return v, d1, d2
	case opSin:
		s, co := pmath.Sincos(x)
		return s, co, -s
	case opCos:
		s, co := pmath.Sincos(x)
		return co, -s, -co
	case opTan:
		t := pmath.Tan(x)
		d := 1 + float64(t*t)
		return t, d, 2 * t * d
	case opExp:
		e := pmath.Exp(x)
		return e, e, e
	case opLog:
		return pmath.Log(x), 1 / x, -1 / (x * x)
	case opSqrt:
		s := math.Sqrt(x)
		return s, 0.5 / s, -0.25 / (s * x)
	case opAbs:
		sign := 1.0
		if x < 0 {
			sign = -1
		} else if x == 0 {
			sign = 0 // the subgradient torch uses at a kink
		}
		return math.Abs(x), sign, 0
	case opTanh:
		t := pmath.Tanh(x)
		d := 1 - float64(t*t)
		return t, d, -2 * t * d
	case opSinh:
		return pmath.Sinh(x), pmath.Cosh(x), pmath.Sinh(x)
	case opCosh:
		return pmath.Cosh(x), pmath.Sinh(x), pmath.Cosh(x)
	case opAtan:
		d := 1 / (1 + float64(x*x))
		return pmath.Atan(x), d, -2 * x * d * d
	case opRelu:
		// torch's relu: the gradient is 0 at 0, and NaN stays NaN.
		if x > 0 {
			return x, 1, 0
		}
		return math.Max(x, 0), 0, 0
	case opSign:
		switch {
		case x > 0:
			return 1, 0, 0
		case x < 0:
			return -1, 0, 0
		}
		return x, 0, 0 // ±0 and NaN as they are
	case opLog1p:
		d := 1 / (1 + x)
		return pmath.Log1p(x), d, -float64(d * d)
	case opExpm1:
		v := pmath.Expm1(x)
		return v, v + 1, v + 1 // torch's expm1 backward: grad·(result + 1)
	case opSigmoid:
		s := 1 / (1 + pmath.Exp(-x))
		d := float64(s * (1 - s))
		return s, d, float64(d * (1 - float64(2*s)))
	}
	panic("optim: not a unary opcode")
}

// evalJet computes the value, gradient and Hessian at (x, y).
func (p *program) evalJet(x, y float64) jet {
	var small [16]jet
	stack := small[:0]
	if p.depth > len(small) {
		stack = make([]jet, 0, p.depth)
	}
	for _, in := range p.code {
		switch in.op {
		case opConst:
			stack = append(stack, jet{v: in.val})
		case opX:
			stack = append(stack, jet{v: x, gx: 1})
		case opY:
			stack = append(stack, jet{v: y, gy: 1})
		case opAdd, opSub, opMul, opDiv, opPow, opMin, opMax:
			n := len(stack) - 1
			stack[n-1] = jetBinary(in.op, stack[n-1], stack[n])
			stack = stack[:n]
		default:
			n := len(stack) - 1
			stack[n] = jetUnary(in.op, stack[n], in.val)
		}
	}
	return stack[0]
}
