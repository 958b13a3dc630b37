// Package plainmath finds the $…$ formulas in a line of author text (a
// title, a label, a description, an image's alt text) and writes them as
// Unicode text, for the places where MathML cannot go: SVG text, a figure's
// data, a page's <title>, a meta description, an alt attribute, the search
// index. The text comes from texmath, from the same tree as the page's
// MathML, so it never shows a command the MathML understood.
//
// Split reads the dollars as Pandoc does (tex_math_dollars), as the
// Markdown of a page does, so "$20 and $30" stays text. It imports only
// texmath and the standard library, so that the browser's build of figure
// can use it.
package plainmath
