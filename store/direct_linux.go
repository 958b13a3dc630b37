package store

import (
	"os"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// oDirect opens a file for writes that bypass the page cache (packWriter).
const oDirect = syscall.O_DIRECT

// directMin is the smallest file writeOut writes directly: a direct
// write waits for the disk, about as long here as copying 100 to 200 KB
// into the page cache, so a smaller file is written faster buffered (the
// one-figure course's 117 KB page: 1.018 of the time directly, 100
// alternating builds), and a larger one saves the copy.
const directMin = 128 << 10

// writeOut writes data to the file p, made or emptied, as os.WriteFile
// does. A large file goes to the disk directly, all but its last partial
// block: a buffered write copies it into fresh page-cache pages, which the
// kernel writes back later on a core of its own (a cold 1,000-lesson build
// writes 336 MB of pages; see packWriter). Where the file system refuses
// direct writes, it writes as os.WriteFile.
func writeOut(p string, data []byte) error {
	if len(data) < directMin {
		return os.WriteFile(p, data, 0o644)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|oDirect, 0o644)
	if err != nil {
		return os.WriteFile(p, data, 0o644)
	}
	err = writeDirect(f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeDirect writes data into the empty file f, opened with O_DIRECT: the
// whole blocks directly, from data if it is aligned (a large Go allocation
// is) or from a copy, then the rest, or all of it if the disk refused,
// with O_DIRECT turned off.
func writeDirect(f *os.File, data []byte) error {
	whole := len(data) &^ (directAlign - 1)
	src := data[:whole]
	if uintptr(unsafe.Pointer(&data[0]))%directAlign != 0 {
		b := alignedBufs.Get().(*[]byte)
		defer alignedBufs.Put(b)
		if cap(*b) < whole {
			*b = alignedBytes(whole)
		}
		src = (*b)[:whole]
		copy(src, data)
	}
	done := 0
	if _, err := f.Write(src); err == nil {
		done = whole
	}
	if err := buffered(f); err != nil {
		return err
	}
	_, err := f.WriteAt(data[done:], int64(done))
	return err
}

// alignedBufs holds copies for writeDirect.
var alignedBufs = sync.Pool{New: func() any { return new([]byte) }}

// buffered turns f's O_DIRECT off.
func buffered(f *os.File) error {
	c, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := c.Control(func(fd uintptr) {
		var fl int
		if fl, ferr = unix.FcntlInt(fd, unix.F_GETFL, 0); ferr == nil {
			_, ferr = unix.FcntlInt(fd, unix.F_SETFL, fl&^oDirect)
		}
	}); err != nil {
		return err
	}
	return ferr
}
