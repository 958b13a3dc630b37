// Package quiz decodes a ```quiz block: a question, its choices (each with
// whether it is correct and why), and whether several may be correct.
// Every mistake is reported as FILE:LINE: key: message, as landscape
// blocks are.
//
// It reads YAML through yamlnode and reports through diag; it turns no
// Markdown into HTML (the site does that, with the page's converter) and
// must never import goldmark, templates, the site build, figure or store.
package quiz
