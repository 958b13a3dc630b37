// Package optim is Descent's numerical core: objective functions (a catalog
// of test functions, expressions in x and y, a linear regression), optimizers
// that follow torch.optim step for step, runs of an optimizer from a start,
// and the critical points of a function inside a domain.
//
// Conventions. A point is a []float64 of length Dim (1 or 2). Functions never
// modify the x they are given. Every derivative is exact: expressions are
// differentiated in forward mode with second-order jets, never by finite
// differences. Everything is float64 and deterministic: the same input gives
// the same bits on every build, on every architecture and in the browser's
// port (.ci/crossbuild checks amd64, GOAMD64=v3, 386, arm64 and js/wasm).
// For that, every transcendental function comes from pmath (Go's pure-Go
// code, never the platform's assembly), and every product that feeds a sum
// is rounded on its own, float64(a*b) + c, which forbids Go to fuse the two
// into one multiply-add. BFGS, Nelder–Mead and Newton's linear solve are
// therefore our own code, not gonum's.
//
// Non-goals: problems of more than two variables other than the linear
// regression's two parameters, constrained optimization, and anything that
// knows about Markdown, HTML or SVG.
//
// Trust: expressions come from course authors and are parsed with limits on
// length and nesting; the package panics only on programmer misuse (a slice
// of the wrong length), with a message starting "optim: ".
package optim
