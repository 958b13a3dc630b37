// Package bib reads the BibTeX subset that reference managers write
// (@article{key, field = {…}, …}), and formats author–year citations and
// reference-list entries from it.
//
// It takes entries in braces or parentheses, values in braces, in quotes,
// bare numbers, month names and @string macros joined with #; @comment and
// @preamble are skipped, and text between entries is a comment, as
// BibTeX has it. TeX in values is reduced to text: formulas ($…$) as
// Unicode text, braces dropped, the common accents (\"u, \'e, \c{c}), \&,
// --, --- and ~ turned into their characters. Other commands keep their
// argument's text. Crossref, biblatex's data model and name particles
// beyond "von" are non-goals.
//
// Every mistake is reported to a diag.List at its line: syntax, a
// duplicate key, an entry without author (or editor), title or year, a
// formula in a field shown as text that does not convert (texmath). It
// imports only diag, plainmath and texmath; the caller converts a title's
// formulas to MathML (Entry.TitleHTML takes the converter as a value).
package bib
