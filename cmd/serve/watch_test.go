package main

import (
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestRelevant(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		op   fsnotify.Op
		want bool
	}{
		{"content/a/one.md", fsnotify.Write, true},
		{"content/a/one.md", fsnotify.Create, true},
		{"content/a/one.md", fsnotify.Remove, true},
		{"content/a/one.md", fsnotify.Rename, true},
		{"content/a/one.md", fsnotify.Chmod, false},
		{"content/a/one.md", fsnotify.Chmod | fsnotify.Write, true},
		{"content/a", fsnotify.Create, true},
		{"content/a/.one.md.swp", fsnotify.Write, false},
		{"content/a/one.md.swp", fsnotify.Write, false},
		{"content/a/one.md~", fsnotify.Create, false},
		{"content/a/.#one.md", fsnotify.Create, false},
		{"content/a/#one.md#", fsnotify.Write, false},
		{"content/a/4913", fsnotify.Create, false},
		{"content/a/one.md.tmp", fsnotify.Rename, false},
		{"content/.git", fsnotify.Create, false},
		{"content/a/one.md___jb_tmp___", fsnotify.Create, false},
		{"layouts/static/style.css", fsnotify.Write, true},
	} {
		if got := relevant(fsnotify.Event{Name: tc.name, Op: tc.op}); got != tc.want {
			t.Errorf("relevant(%s %s) = %v, want %v", tc.op, tc.name, got, tc.want)
		}
	}
}
