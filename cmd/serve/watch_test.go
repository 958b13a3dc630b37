package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// A file emptied or taken away may be a save under way: its batch waits
// for settle; a file written whole waits for quiet only.
func TestWatcherSettles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	one := filepath.Join(dir, "one.md")
	if err := os.WriteFile(one, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher([]string{dir}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	w.quiet, w.settle, w.max = 5*time.Millisecond, 2*time.Second, 4*time.Second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan []string)
	go w.run(ctx, batches)
	batch := func(within time.Duration) bool {
		select {
		case <-batches:
			return true
		case <-time.After(within):
			return false
		}
	}

	if err := os.WriteFile(one, []byte("new text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !batch(time.Second) {
		t.Fatal("a file written whole: no batch within a second, with 5 ms of quiet")
	}
	if err := os.WriteFile(one, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if batch(500 * time.Millisecond) {
		t.Fatal("a file left empty: its batch came before the 2 s it settles for")
	}
	if !batch(3 * time.Second) {
		t.Fatal("a file left empty: no batch after it settled")
	}
	if err := os.Remove(one); err != nil {
		t.Fatal(err)
	}
	if batch(500 * time.Millisecond) {
		t.Fatal("a file removed: its batch came before the 2 s it settles for")
	}
}

func TestUnsettled(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	full, empty := filepath.Join(dir, "full.md"), filepath.Join(dir, "empty.md")
	os.WriteFile(full, []byte("x"), 0o644)
	os.WriteFile(empty, nil, 0o644)
	for name, want := range map[string]bool{full: false, empty: true, filepath.Join(dir, "gone.md"): true, dir: false} {
		if got := unsettled(name); got != want {
			t.Errorf("unsettled(%s) = %v, want %v", name, got, want)
		}
	}
}
