package store

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestPackWriter appends pieces of every size around a block's, reads
// back ranges that lie on the disk, in flight and in the block being
// filled, and checks that the finished file is what was appended, byte for
// byte and no longer: directly where the folder's file system allows it,
// through the file where it does not (tmpfs), and with direct writes off.
func TestPackWriter(t *testing.T) {
	dirs := map[string]string{"temp": t.TempDir()}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "packwriter-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(d) })
			dirs["shm"] = d
		}
	}
	for name, dir := range dirs {
		for _, direct := range []bool{true, false} {
			t.Run(name+map[bool]string{true: "/direct", false: "/buffered"}[direct], func(t *testing.T) {
				f, err := os.CreateTemp(dir, "pack-")
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				w := newPackWriter(f)
				if !direct && w.direct != nil {
					w.Finish() // stops its goroutine; nothing was written
					w = &packWriter{f: f}
				}
				t.Logf("direct writes: %v", w.direct != nil)
				rng := rand.New(rand.NewPCG(1, 2))
				bytesOf := rand.NewChaCha8([32]byte{7})
				var want []byte
				sizes := []int{0, 1, 4095, 4096, 4097, directBlock - 1, directBlock, directBlock + 1, 3*directBlock + 17}
				for i := range 60 {
					n := sizes[i%len(sizes)]
					if i >= len(sizes) {
						n = rng.IntN(300 << 10)
					}
					p := make([]byte, n)
					bytesOf.Read(p)
					if err := w.Append(p); err != nil {
						t.Fatal(err)
					}
					want = append(want, p...)
					checkRead(t, w, want, rng)
				}
				if err := w.Finish(); err != nil {
					t.Fatal(err)
				}
				checkRead(t, w, want, rng)
				got, err := os.ReadFile(f.Name())
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("the file has %d bytes, not the %d appended (or they differ)", len(got), len(want))
				}
			})
		}
	}
}

// checkRead reads three ranges of what w holds: the last bytes, a range
// from the start and one at random.
func checkRead(t *testing.T, w *packWriter, want []byte, rng *rand.Rand) {
	t.Helper()
	n := len(want)
	if n == 0 {
		return
	}
	tail := min(n, 5000)
	a := rng.IntN(n)
	for _, r := range [][2]int{{n - tail, n}, {0, min(n, directBlock+3)}, {a, a + rng.IntN(n-a+1)}} {
		b := make([]byte, r[1]-r[0])
		if _, err := w.ReadAt(b, int64(r[0])); err != nil {
			t.Fatalf("ReadAt [%d, %d): %v", r[0], r[1], err)
		}
		if !bytes.Equal(b, want[r[0]:r[1]]) {
			t.Fatalf("ReadAt [%d, %d) differs from what was appended", r[0], r[1])
		}
	}
	if _, err := w.ReadAt(make([]byte, 1), int64(n)); err == nil {
		t.Fatal("a read past the end succeeded")
	}
}

// TestPackWriterConcurrentRead reads while another goroutine appends (run
// it with -race).
func TestPackWriterConcurrentRead(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "pack"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := newPackWriter(f)
	piece := bytes.Repeat([]byte("0123456789abcdef"), 9000) // 144 KB, a figure's size
	var wg sync.WaitGroup
	var mu sync.Mutex
	appended := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 40 {
			if err := w.Append(piece); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			appended++
			mu.Unlock()
		}
	}()
	for range 200 {
		mu.Lock()
		k := appended
		mu.Unlock()
		if k == 0 {
			continue
		}
		b := make([]byte, len(piece))
		if _, err := w.ReadAt(b, int64((k-1)*len(piece))); err != nil || !bytes.Equal(b, piece) {
			t.Fatalf("piece %d read back wrong: %v", k-1, err)
		}
	}
	wg.Wait()
	if err := w.Finish(); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.Stat(); st.Size() != int64(40*len(piece)) {
		t.Fatalf("pack is %d bytes, want %d", st.Size(), 40*len(piece))
	}
}
