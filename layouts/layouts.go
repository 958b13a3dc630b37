// Package layouts is Descent's default theme: the HTML templates a site is
// built with and the static files (style.css, landscape.js, reload.js) copied
// next to the pages.
//
// The templates are Go html/template files. The build parses base.html once,
// clones it for each page kind, parses that kind's file (home.html,
// section.html, lesson.html, 404.html) and executes the template named "base"
// with a lesson.PageData. figure.html defines the template "figure", executed
// with a lesson.FigureData once per landscape directive. A course may replace
// the theme with `-layouts DIR`, which must hold files of the same names.
//
// The theme makes no request to any other host: no CDN, no web fonts.
package layouts

import "embed"

// FS holds the templates (*.html) at its root and the files to copy into the
// built site under static/.
//
//go:embed *.html static
var FS embed.FS
