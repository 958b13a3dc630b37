// Package lesson builds a course site: it loads Markdown lessons from an
// fs.FS, has markup convert them, figure compute every landscape directive,
// renders pages through the theme's templates, and has store swap the
// finished site into the output folder, or a MemorySite, in one step.
//
// The build runs in phases, each a function of its own: load (the theme,
// front matter, sections), plan (which pages the previous site still has),
// parse (Markdown, formulas and directives), compute and render (every
// figure, in parallel, cached by the hash of its directive; each page as
// soon as its figures are ready), write (the other files, then the swap).
// Any error stops the build before the swap, so a failed build leaves the
// previous site exactly as it was.
//
// It imports figure, markup, store, yamlnode, diag and the theme in
// layouts; only the commands import it.
//
// Trust: lesson text is the author's and is escaped wherever it lands in
// HTML or SVG; raw HTML in Markdown is dropped unless the site file sets
// unsafe_html: true. Templates come from the author's layouts folder and
// are trusted as code.
package lesson
