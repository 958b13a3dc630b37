package store

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteOut writes files of every size around the direct writes'
// limits, from aligned and unaligned memory, over a longer file, and reads
// them back.
func TestWriteOut(t *testing.T) {
	dir := t.TempDir()
	src := make([]byte, 3*directMin+2*directAlign+9)
	rand.NewChaCha8([32]byte{3}).Read(src)
	p := filepath.Join(dir, "page.html")
	if err := os.WriteFile(p, bytes.Repeat([]byte("old "), len(src)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, directAlign, directMin - 1, directMin, directMin + 1, 2*directMin + directAlign, 3 * directMin, 3*directMin + 2*directAlign} {
		for _, skip := range []int{0, 1, 9} {
			data := src[skip : skip+n]
			if err := writeOut(p, data); err != nil {
				t.Fatalf("%d bytes from offset %d: %v", n, skip, err)
			}
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Fatalf("%d bytes from offset %d: read back %d bytes, or they differ", n, skip, len(got))
			}
		}
	}
}
