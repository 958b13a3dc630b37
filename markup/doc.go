// Package markup turns a page's Markdown into HTML: goldmark with GitHub's
// extensions, TeX formulas converted to MathML at build time (texmath),
// fenced code highlighted once per distinct block, and each ```landscape
// block replaced by a node whose HTML the site fills in after computing
// the figure.
//
// It imports goldmark and its extensions, highlight, plainmath, texmath
// and diag; it knows nothing of figures, templates, files or the course,
// and must never import the site build, figure or store.
package markup
