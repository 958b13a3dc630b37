package store

import (
	"errors"
	"os"
	"sync"
	"unsafe"
)

// packWriter appends to the pack a build writes. Where the file system
// takes it (Linux's ext4, xfs, btrfs; tmpfs on recent kernels, where it
// changes nothing), the bytes reach the disk
// with O_DIRECT, a block of directBlock bytes at a time, from a goroutine
// of its own: copying every figure into the page cache was a fifth of the
// CPU of a cold 1,000-lesson build (issue #21), 300 MB of fresh pages,
// where a direct write of a megabyte costs the CPU a thirtieth of that and
// its wait overlaps the build's work. Elsewhere the bytes go through f as
// they come.
//
// Appends come one at a time (diskCache.mu); ReadAt may run beside them.
type packWriter struct {
	f      *os.File // the pack, opened as usual: fallback writes, reads, truncation
	direct *os.File // the same file opened with O_DIRECT; nil: f takes every write

	mu    sync.Mutex // guards the fields below, against ReadAt
	size  int64      // bytes appended
	block []byte     // the block being filled: its first len bytes are the file's from base
	base  int64
	err   error // the first write that failed; the pack is then not kept

	// Blocks sent to writeBlocks and not yet written, and its signal
	// when one is: a sync.WaitGroup cannot be waited on while sends
	// may add to it.
	pending int
	written sync.Cond

	jobs chan pendingBlock // full blocks, to write
	free chan []byte       // blocks written, to fill again
}

type pendingBlock struct {
	b   []byte
	off int64
}

// directBlock is the size of a direct write: past a megabyte a larger one
// saves no more CPU (a test writing 300 MB: 40 ms at 1 MB, 25 ms at 4 MB,
// 150 ms at 152 KB, against 225 ms to 1.1 s buffered).
const (
	directBlock = 1 << 20
	directAlign = 4096 // what O_DIRECT asks of addresses, offsets and lengths on any Linux disk
	directSpare = 2    // blocks being written while the next fills
)

// newPackWriter writes the pack f, which holds nothing yet.
func newPackWriter(f *os.File) *packWriter {
	w := &packWriter{f: f}
	w.written.L = &w.mu
	if oDirect == 0 {
		return w
	}
	d, err := os.OpenFile(f.Name(), os.O_WRONLY|oDirect, 0)
	if err != nil {
		return w // EINVAL: the file system has no direct I/O
	}
	w.direct = d
	// Room for every block in both: a send never waits, holding w.mu,
	// for writeBlocks, which takes w.mu to note an error.
	w.jobs = make(chan pendingBlock, directSpare+1)
	w.free = make(chan []byte, directSpare+1)
	for range directSpare {
		w.free <- alignedBlock()
	}
	w.block = alignedBlock()
	go w.writeBlocks()
	return w
}

// alignedBlock returns an empty slice of directBlock bytes' capacity,
// aligned.
func alignedBlock() []byte { return alignedBytes(directBlock)[:0] }

// alignedBytes returns n bytes whose first byte's address is a multiple of
// directAlign.
func alignedBytes(n int) []byte {
	b := make([]byte, n+directAlign)
	skip := (directAlign - int(uintptr(unsafe.Pointer(&b[0]))%directAlign)) % directAlign
	return b[skip : skip+n : skip+n]
}

// writeBlocks writes the blocks sent to it, until jobs is closed.
func (w *packWriter) writeBlocks() {
	for j := range w.jobs {
		err := w.writeBlock(j)
		w.free <- j.b[:0]
		w.mu.Lock()
		if err != nil {
			w.err = errors.Join(w.err, err)
		}
		w.pending--
		w.written.Broadcast()
		w.mu.Unlock()
	}
}

// writeBlock writes one block directly, or through f if the disk refuses
// (a file system that opens with O_DIRECT but writes only other sizes).
func (w *packWriter) writeBlock(j pendingBlock) error {
	if _, err := w.direct.WriteAt(j.b, j.off); err == nil {
		return nil
	}
	_, err := w.f.WriteAt(j.b, j.off)
	return err
}

// Append adds p at the end of the pack.
func (w *packWriter) Append(p []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if w.direct == nil {
		if _, err := w.f.WriteAt(p, w.size); err != nil {
			w.err = err
			return err
		}
		w.size += int64(len(p))
		return nil
	}
	for len(p) > 0 {
		n := copy(w.block[len(w.block):cap(w.block)], p)
		w.block, p = w.block[:len(w.block)+n], p[n:]
		w.size += int64(n)
		if len(w.block) == cap(w.block) {
			w.send()
		}
	}
	return nil
}

// send hands the full block to writeBlocks and takes an empty one, waiting
// for it if the disk is behind. w.mu is held.
func (w *packWriter) send() {
	w.pending++
	w.jobs <- pendingBlock{w.block, w.base}
	w.base += int64(len(w.block))
	w.mu.Unlock() // a ReadAt may wait for the blocks sent meanwhile
	b := <-w.free
	w.mu.Lock()
	w.block = b
}

// ReadAt reads what was appended, whether it is on the disk yet or not.
func (w *packWriter) ReadAt(b []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if off < 0 || off+int64(len(b)) > w.size {
		return 0, errors.New("store: read past the end of the pack being written")
	}
	n := 0
	if w.direct != nil && off+int64(len(b)) > w.base { // the tail is in the block being filled
		from := max(off, w.base)
		n = copy(b[from-off:], w.block[from-w.base:])
		b = b[:from-off]
	}
	if len(b) == 0 {
		return n, nil
	}
	// What is before the block may still be on its way: wait for it. A
	// buffered read of a file written directly reads the disk.
	for w.pending > 0 {
		w.written.Wait()
	}
	m, err := w.f.ReadAt(b, off)
	return n + m, err
}

// Finish writes what is left and closes the direct file, leaving f open;
// the pack's length is then its size. It returns the first error of any
// write.
func (w *packWriter) Finish() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.direct == nil {
		return w.err
	}
	if len(w.block) > 0 {
		// The last block is written whole, rounded up to the alignment,
		// and the file cut back to its size after.
		n := len(w.block)
		full := (n + directAlign - 1) / directAlign * directAlign
		w.block = w.block[:full]
		clear(w.block[n:])
		w.pending++
		w.jobs <- pendingBlock{w.block, w.base}
		w.block = nil
	}
	close(w.jobs)
	for w.pending > 0 {
		w.written.Wait()
	}
	w.direct.Close()
	w.direct = nil
	if w.err != nil {
		return w.err
	}
	return w.f.Truncate(w.size)
}
