package store

import (
	"runtime"

	"fmt"
	"golang.org/x/sys/unix"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestDiskCache stores a figure, reads it back, from the pack being
// written and from the finished pack, and ignores damaged packs.
func TestDiskCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c, err := Open[*FigureData](dir)
	if err != nil {
		t.Fatal(err)
	}
	fd := &FigureData{ID: "f", Title: "A <title>", Main: "<svg/>", JSON: `{"id":"f"}`, Steps: 3,
		Runs: []FigureRun{{Index: 0, Label: "gd", Final: "(1, 2)"}}, Sweeps: []Sweep{{ID: 0, Setting: "lr", Values: []string{"0.1"}}}}
	key := testKeyOf("f", []byte("function: quadratic"))
	if _, ok := c.Get(key); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(key, fd)
	got, ok := c.Get(key)
	if !ok || !reflect.DeepEqual(got, fd) {
		t.Fatalf("before flush: got %+v, %v; want %+v", got, ok, fd)
	}
	c.Flush()
	if left, _ := filepath.Glob(filepath.Join(c.disk.dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	packs, _ := filepath.Glob(filepath.Join(c.disk.dir, "pack-*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs after one flush, want 1: %v", len(packs), packs)
	}
	if got, ok := c.Get(key); !ok || !reflect.DeepEqual(got, fd) {
		t.Fatalf("after flush: got %+v, %v; want %+v", got, ok, fd)
	}
	again, err := Open[*FigureData](dir) // another build, the same program
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := again.Get(key); !ok || !reflect.DeepEqual(got, fd) {
		t.Errorf("a second cache on the same folder: got %+v, %v", got, ok)
	}

	p := packs[0]
	good, _ := os.ReadFile(p)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not ours", []byte("hello, world, this is not a cache entry at all, but long enough")},
	}
	for n := range len(good) {
		tests = append(tests, struct {
			name string
			data []byte
		}{fmt.Sprintf("truncated to %d bytes", n), good[:n]})
	}
	for i := range good {
		b := slices.Clone(good)
		b[i] ^= 1
		tests = append(tests, struct {
			name string
			data []byte
		}{fmt.Sprintf("byte %d flipped", i), b})
	}
	for _, tt := range tests {
		if err := os.WriteFile(p, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		fresh := &Cache[*FigureData]{disk: newDiskCache[*FigureData](c.disk.dir)}
		if got, ok := fresh.Get(key); ok {
			t.Errorf("%s: read %+v from a damaged pack", tt.name, got)
		}
	}
	// Damaged after its index was read.
	for _, tt := range tests[2:] {
		if err := os.WriteFile(p, good, 0o644); err != nil {
			t.Fatal(err)
		}
		loaded := &Cache[*FigureData]{disk: newDiskCache[*FigureData](c.disk.dir)}
		if _, ok := loaded.Get(key); !ok {
			t.Fatal("miss on the whole pack")
		}
		if err := os.WriteFile(p, tt.data, 0o644); err != nil { // in place: the open file sees it
			t.Fatal(err)
		}
		got, ok := loaded.Get(key)
		if ok && !reflect.DeepEqual(got, fd) {
			t.Errorf("%s after the index was read: read %+v", tt.name, got)
		}
		loaded.Flush()
	}
	if left, _ := filepath.Glob(filepath.Join(c.disk.dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCachePrune removes other versions' folders unused for maxAge.
func TestCachePrune(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "descent-figure-0-old"), filepath.Join(dir, "descent-figure-0-fresh")
	for _, d := range []string{old, fresh} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * maxAge)
	os.Chtimes(old, long, long)
	if _, err := Open[*FigureData](dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("%s was kept", old)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("%s was removed: %v", fresh, err)
	}
}

// TestCachePruneWaitsForOthers: while another user holds the cache folder,
// nothing is pruned; once it is done, the next Open prunes.
func TestCachePruneWaitsForOthers(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "descent-figure-0-old")
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * maxAge)
	os.Chtimes(old, long, long)
	// Another process's shared lock, as Open takes it.
	other, err := os.OpenFile(filepath.Join(dir, lockFileName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(other.Fd()), unix.LOCK_SH); err != nil {
		t.Fatal(err)
	}
	if _, err := Open[*FigureData](dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err != nil {
		t.Errorf("pruned while another build used the folder: %v", err)
	}
	other.Close()
	// The Cache Open returned holds its lock until it is collected; once
	// no cache is left, an Open prunes.
	for deadline := time.Now().Add(5 * time.Second); ; {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // cleanups run after the collection
		if _, err := Open[*FigureData](dir); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(old); os.IsNotExist(err) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was kept once the folder was free", old)
		}
	}
}
