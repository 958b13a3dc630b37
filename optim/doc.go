// Package optim is Descent's numerical core: objective functions (a catalog
// of test functions, expressions in x and y, a linear regression), optimizers
// that follow torch.optim step for step, runs of an optimizer from a start,
// and the critical points of a function inside a domain.
//
// Conventions. A point is a []float64 of length Dim (1 or 2). Functions never
// modify the x they are given. Every derivative is exact: expressions are
// differentiated in forward mode with second-order jets, never by finite
// differences. Everything is float64 and deterministic: the same input gives
// the same bits on every build.
//
// Non-goals: problems of more than two variables other than the linear
// regression's two parameters, constrained optimization, and anything that
// knows about Markdown, HTML or SVG.
//
// Trust: expressions come from course authors and are parsed with limits on
// length and nesting; the package panics only on programmer misuse (a slice
// of the wrong length), with a message starting "optim: ".
package optim
