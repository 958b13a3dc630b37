// Package pmath is the math the figures compute with: Go's own pure-Go
// implementations of exp, log, pow, the trigonometric and hyperbolic
// functions, with every product that feeds a sum rounded on its own, so that
// the same inputs give the same bits on every architecture and in the
// browser's port (layouts/static/gomath.js).
//
// Why: the math package's Exp and Log are assembly on amd64 and arm64 and
// differ in the last bit from the pure-Go code other targets run, and Go may
// fuse a*b+c into one FMA instruction on arm64 (and with GOAMD64=v3), which
// rounds once instead of twice. An explicit float64(a*b) forbids the fusion
// (The Go Programming Language Specification, "Floating-point operators").
// Sqrt, Abs, Floor and Trunc are exact in IEEE arithmetic everywhere and come
// from math as they are.
//
// The algorithms and constants are Go's (src/math, BSD-style licence,
// Copyright The Go Authors), which come from FreeBSD's msun and Cephes; only
// the rounding of products is made explicit. It imports only math and
// math/bits, and nothing of ours.
package pmath
