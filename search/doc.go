// Package search builds the site's offline search index: the title,
// headings and text of every page, written as small static script files
// that the theme's search.js loads on demand (no server, no other host,
// and it works from file:// because the files are scripts, not fetches).
//
// The index is split so that a query loads little of it: index.js lists
// the pages and their sections; the postings of the terms are in one
// shard per first two letters (t-HEX.js); each page's text, for the
// snippets, is a file of its own (p-N.js). search.js does prefix and
// typo-tolerant matching on the shards it loads. The format is in
// index.go.
//
// It imports nothing of ours: it takes plain text and returns files.
package search
