// Package lesson builds a course site: it loads Markdown lessons from an
// fs.FS, computes every landscape figure with optim and draws it with
// svgviz, renders pages through the theme's templates, and swaps the
// finished site into the output folder, or a MemorySite, in one step.
//
// The build runs in phases: load (front matter, sections), parse (Markdown
// and directives), compute (every figure, in parallel, cached by the hash of
// its directive), render (templates), write (a temporary folder, then an
// atomic swap; or a new snapshot in memory). Pages unchanged since the
// previous build into the same place are taken from it. Any error stops the
// build before the swap, so a failed build leaves the previous site exactly
// as it was.
//
// Trust: lesson text is the author's and is escaped wherever it lands in
// HTML or SVG; raw HTML in Markdown is dropped unless the site file sets
// unsafe_html: true. Templates come from the author's layouts folder and
// are trusted as code.
package lesson
