package optim

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

//go:generate go run ../internal/genops

// opNames are the opcodes' names in their numeric order: the browser
// engine's table (layouts/static/engine.js) is generated from it, and
// OpsVersion names the table so that a page never runs bytecode with
// another program's numbering.
var opNames = [...]string{
	opConst: "const", opX: "x", opY: "y", opAdd: "add", opSub: "sub", opMul: "mul", opDiv: "div",
	opPow: "pow", opSquare: "square", opPowC: "powc", opNeg: "neg", opSin: "sin", opCos: "cos",
	opTan: "tan", opExp: "exp", opLog: "log", opSqrt: "sqrt", opAbs: "abs", opTanh: "tanh",
	opSinh: "sinh", opCosh: "cosh", opAtan: "atan", opRelu: "relu", opSign: "sign", opSigmoid: "sigmoid",
	opMin: "min", opMax: "max", opLog1p: "log1p", opExpm1: "expm1",
}

// OpNames lists the opcode names by number.
func OpNames() []string { return opNames[:] }

// OpsVersion is a short hash of the opcode table.
func OpsVersion() string {
	h := sha256.Sum256([]byte(strings.Join(opNames[:], ",")))
	return hex.EncodeToString(h[:6])
}

// TakesValue reports whether opcode op carries a number: a constant or the
// exponent of powc.
func TakesValue(op int) bool { return opcode(op) == opConst || opcode(op) == opPowC }

// Code returns the compiled program, an opcode and, for those that take one
// (TakesValue), its number, instruction after instruction. Running it with
// Go's rules (the dual numbers of dual.go and derivatives in jet.go) gives
// Func and Grad bit for bit.
func (e *Expr) Code() []float64 {
	out := make([]float64, 0, 2*len(e.prog.code))
	for _, in := range e.prog.code {
		out = append(out, float64(in.op))
		if TakesValue(int(in.op)) {
			out = append(out, in.val)
		}
	}
	return out
}
