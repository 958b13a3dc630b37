package lesson

import (
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"testing"

	"descent/layouts"
)

// literalIDs is the rule appendLiteralIDs follows by hand, kept here as
// the oracle it is checked against.
var literalIDs = regexp.MustCompile(`\bid="([^"{}<>]+)"`)

func regexpIDs(src []byte) []string {
	var ids []string
	for _, m := range literalIDs.FindAllSubmatch(src, -1) {
		ids = append(ids, string(m[1]))
	}
	return ids
}

var layoutIDCases = []string{
	``,
	`id="main"`,
	`<main id="main" class="x"><nav id="site-nav">`,
	`<a xid="no"><a data-id="yes"><a _id="no"><a 9id="no">`,
	`id=""`,
	`id="{{.ID}}"`,
	`id="a{{.}}b" id="after"`,
	`id="a<b" id="ok"`,
	`id="unclosed`,
	`id="one"id="two"`,
	`id="id="inner""`,
	`id="é\xff\x00"`,
	`ID="upper" id='single'`,
	`<div id="x"` + "\n" + `id="y">`,
	`id="a"b"`,
	`id="}"`,
}

func TestAppendLiteralIDs(t *testing.T) {
	for _, src := range layoutIDCases {
		if got, want := appendLiteralIDs(nil, []byte(src)), regexpIDs([]byte(src)); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

// The built-in theme's templates give the ids they gave the regular
// expression, and the ones the skip link and search box need.
func TestLayoutIDsTheme(t *testing.T) {
	ids := layoutIDs(nil)
	for _, id := range []string{"main", "search-input"} {
		if !slices.Contains(ids, id) {
			t.Errorf("no %q in %q", id, ids)
		}
	}
}

func FuzzAppendLiteralIDs(f *testing.F) {
	for _, src := range layoutIDCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := appendLiteralIDs(nil, []byte(src)), regexpIDs([]byte(src)); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	})
}

// BenchmarkLayoutIDs reads the built-in theme's ids by hand and, as the
// peer, with the regular expression.
func BenchmarkLayoutIDs(b *testing.B) {
	b.Run("by-hand", func(b *testing.B) {
		for b.Loop() {
			layoutIDs(nil)
		}
	})
	b.Run("regexp-peer", func(b *testing.B) {
		o := overlayFS{base: layouts.FS}
		for b.Loop() {
			var ids []string
			for _, f := range append([]string{"base.html"}, slices.Collect(maps.Values(pageKinds))...) {
				src, _ := fs.ReadFile(o, f)
				ids = append(ids, regexpIDs(src)...)
			}
		}
	})
}
