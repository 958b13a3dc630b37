package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// diskCache keeps values in a folder between processes, in the pack
// files described in doc.go.
type diskCache[V any] struct {
	dir      string
	maxPacks int // more packs holding a build's kept figures are merged

	mu       sync.Mutex
	loaded   bool             // the finished packs' indexes are read
	index    map[string]entry // the finished packs' entries, by key
	cur      *newPack         // the pack this build writes; nil before the first put
	readFrom map[string]*pack // figures read from finished packs, by key
	keep     map[string]bool  // the figures this build keeps (retain)
}

// pack is a finished pack file.
type pack struct {
	path string
	keys []string // every figure it holds
	f    *os.File // opened at the first read; nil before
	bad  bool     // could not be opened
}

// entry locates a figure in a pack.
type entry struct {
	p           *pack // nil: in the pack being written
	off, length int64
	crc         uint32
}

// newPack is the pack a build writes, under a temporary name until flush.
type newPack struct {
	f       *os.File
	w       *packWriter
	size    int64
	entries map[string]entry
	order   []string // keys in the order written
}

// castagnoli is made on first use: a build without a cache folder never
// needs it, and making it took a tenth of a millisecond of every start.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

const (
	formatVersion = "descent-figure-4"      // names the cache's subfolders; change it with the pack format
	diskMagic     = "descent figure\n"      // starts a site record
	packHeader    = "descent figure pack\n" // starts a pack
	packMagic     = "descent pack"          // ends a pack
	trailerSize   = 8 + 8 + 4 + len(packMagic)
	maxAge        = 30 * 24 * time.Hour
	pruneFile     = ".pruned"
	maxPacks      = 16
)

// DefaultDir is where the commands keep figures unless told otherwise:
// descent in the user's cache folder, or "" (no cache) if there is none.
func DefaultDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "descent")
}

// Open returns a cache that keeps values in dir (created if need be)
// between runs of the same executable. Builds may share dir, concurrently
// too.
func Open[V any](dir string) (*Cache[V], error) {
	id, err := ExecutableID()
	if err != nil {
		return nil, err
	}
	sub := filepath.Join(dir, formatVersion+"-"+id)
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return nil, err
	}
	now := time.Now()
	os.Chtimes(sub, now, now) // in use: not to be pruned
	lock, err := os.OpenFile(filepath.Join(dir, lockFileName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	// Every process using the folder holds a shared lock on it; pruning
	// takes the exclusive one, and is skipped while another process has
	// the folder open, so that it never removes what a live build reads
	// or is writing (an old version's folder, a pack not yet renamed).
	fd := int(lock.Fd())
	if unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) == nil {
		if info, err := os.Stat(filepath.Join(dir, pruneFile)); err != nil || now.Sub(info.ModTime()) > 24*time.Hour {
			prune(dir, sub, now)
		}
	}
	if err := unix.Flock(fd, unix.LOCK_SH); err != nil { // from exclusive, or waiting for a pruner
		lock.Close()
		return nil, err
	}
	c := &Cache[V]{disk: newDiskCache[V](sub)}
	runtime.AddCleanup(c, func(f *os.File) { f.Close() }, lock)
	return c, nil
}

// lockFileName is the cache folder's lock (Open).
const lockFileName = ".lock"

func newDiskCache[V any](dir string) *diskCache[V] {
	return &diskCache[V]{dir: dir, maxPacks: maxPacks}
}

var exeID = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
})

// ExecutableID is a short hash of the running program's file: what a
// cache folder and a page's key are tied to, so that a changed program
// never reuses what an old one made.
func ExecutableID() (string, error) { return exeID() }

// prune removes other versions' folders and this version's files that have
// not been used for maxAge, and temporary files a killed build left.
func prune(dir, sub string, now time.Time) {
	old := func(p string, age time.Duration) bool {
		info, err := os.Stat(p)
		return err == nil && now.Sub(info.ModTime()) > age
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.IsDir() && p != sub && strings.HasPrefix(e.Name(), "descent-figure-") && old(p, maxAge) {
				os.RemoveAll(p)
			}
		}
	}
	if entries, err := os.ReadDir(sub); err == nil {
		for _, e := range entries {
			p := filepath.Join(sub, e.Name())
			if old(p, maxAge) || strings.HasPrefix(e.Name(), ".tmp-") && old(p, time.Hour) {
				os.Remove(p)
			}
		}
	}
	if f, err := os.Create(filepath.Join(dir, pruneFile)); err == nil {
		f.Close()
	}
}

// get reads a figure; a missing or damaged entry is a miss.
func (d *diskCache[V]) get(key string) (V, bool) {
	var zero V
	d.mu.Lock()
	var f io.ReaderAt
	e, ok := entry{}, false
	if d.cur != nil {
		e, ok = d.cur.entries[key]
		f = d.cur.w
	}
	if !ok {
		d.load()
		if e, ok = d.index[key]; ok {
			if pf := e.p.open(); pf != nil {
				f = pf
			}
		}
	}
	d.mu.Unlock()
	if !ok || f == nil {
		return zero, false
	}
	b, ok := readEntry(f, e)
	if !ok {
		return zero, false
	}
	var v V
	if !decodeEntry(b, &v) {
		return zero, false
	}
	if e.p != nil {
		d.mu.Lock()
		if d.readFrom == nil {
			d.readFrom = map[string]*pack{}
		}
		d.readFrom[key] = e.p
		d.mu.Unlock()
	}
	return v, true
}

// readEntry returns e's bytes from f if their CRC is right.
func readEntry(f io.ReaderAt, e entry) ([]byte, bool) {
	b := make([]byte, e.length)
	if _, err := f.ReadAt(b, e.off); err != nil || crc32.Checksum(b, castagnoli()) != e.crc {
		return nil, false
	}
	return b, true
}

var entryBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Blobs is a value with large strings (a figure's SVG and JSON) that a
// cache folder writes as they are, after the gob of the rest, instead of
// copying them into the gob on their way to the file (300 MB on a course
// of 1,000 lessons).
type Blobs[V any] interface {
	// SplitBlobs returns a copy of the value without its large strings,
	// and the strings; the value itself is left as it was. A part it
	// cannot split (a nil element) is left in the copy, for the gob to
	// refuse.
	SplitBlobs() (V, []string)
	// JoinBlobs puts back, in the same order, the strings SplitBlobs
	// took out of a value like this one, reporting false if they are not
	// as many as it holds (the value, maybe filled in part, is then
	// dropped). The strings share one array, the entry's: a value that
	// keeps any of them keeps the entry.
	JoinBlobs([]string) bool
}

// put appends a figure to this build's pack; failing to is not an error,
// only a later miss.
func (d *diskCache[V]) put(key string, v V) {
	b := entryBufs.Get().(*bytes.Buffer)
	defer entryBufs.Put(b)
	parts, crc, ok := encodeEntry(b, v)
	if !ok {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.append(key, parts, crc)
}

// encodeEntry returns the parts of v's entry, to be written one after
// another, and their CRC-32C: the gob of v without its blobs (in buf),
// the blobs, their lengths and their count, each length and the count 8
// bytes little-endian. The blobs' parts are their strings' bytes, to be
// read only.
func encodeEntry[V any](buf *bytes.Buffer, v V) (parts [][]byte, crc uint32, ok bool) {
	var blobs []string
	if s, ok := any(v).(Blobs[V]); ok {
		v, blobs = s.SplitBlobs()
	}
	buf.Reset()
	if err := gob.NewEncoder(buf).Encode(v); err != nil {
		return nil, 0, false
	}
	trailer := make([]byte, 0, 8*(len(blobs)+1))
	parts = make([][]byte, 0, len(blobs)+2)
	parts = append(parts, buf.Bytes())
	for _, s := range blobs {
		parts = append(parts, unsafe.Slice(unsafe.StringData(s), len(s)))
		trailer = binary.LittleEndian.AppendUint64(trailer, uint64(len(s)))
	}
	parts = append(parts, binary.LittleEndian.AppendUint64(trailer, uint64(len(blobs))))
	for _, p := range parts {
		crc = crc32.Update(crc, castagnoli(), p)
	}
	return parts, crc, true
}

// decodeEntry decodes an entry that encodeEntry wrote into v, checking
// that its parts fill it exactly. The blobs share b's bytes, which must
// not change.
func decodeEntry[V any](b []byte, v *V) bool {
	n, ok := trailingUint(&b)
	if !ok || n > uint64(len(b)/8) {
		return false
	}
	lens := make([]uint64, n)
	for i := range lens {
		lens[len(lens)-1-i], _ = trailingUint(&b) // there are n: checked above
	}
	blobs := make([]string, n)
	for i := len(lens) - 1; i >= 0; i-- {
		if lens[i] > uint64(len(b)) {
			return false
		}
		s := b[len(b)-int(lens[i]):]
		b = b[:len(b)-len(s)]
		if len(s) > 0 {
			blobs[i] = unsafe.String(&s[0], len(s))
		}
	}
	r := bytes.NewReader(b)
	if gob.NewDecoder(r).Decode(v) != nil || r.Len() != 0 {
		return false
	}
	if s, ok := any(*v).(Blobs[V]); ok {
		return s.JoinBlobs(blobs)
	}
	return n == 0
}

// trailingUint removes the last 8 bytes of *b and returns them as a
// little-endian number.
func trailingUint(b *[]byte) (uint64, bool) {
	if len(*b) < 8 {
		return 0, false
	}
	n := binary.LittleEndian.Uint64((*b)[len(*b)-8:])
	*b = (*b)[:len(*b)-8]
	return n, true
}

// append writes one entry, in parts, to this build's pack, starting it if
// need be. d.mu is held.
func (d *diskCache[V]) append(key string, parts [][]byte, crc uint32) bool {
	if d.cur == nil {
		f, err := os.CreateTemp(d.dir, ".tmp-pack-*")
		if err != nil {
			return false
		}
		w := newPackWriter(f)
		if err := w.Append([]byte(packHeader)); err != nil {
			w.Finish()
			f.Close()
			os.Remove(f.Name())
			return false
		}
		d.cur = &newPack{f: f, w: w, size: int64(len(packHeader)), entries: map[string]entry{}}
	}
	c := d.cur
	if _, ok := c.entries[key]; ok {
		return true
	}
	// A failed write spoils the pack: finish removes it.
	off := c.size
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		if err := c.w.Append(p); err != nil {
			return false
		}
		off += int64(len(p))
	}
	c.entries[key] = entry{off: c.size, length: off - c.size, crc: crc}
	c.order = append(c.order, key)
	c.size = off
	return true
}

// retain learns the figures this build keeps, for flush.
func (d *diskCache[V]) retain(keep map[string]bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.keep = keep
}

// flush ends a build: if the kept figures are spread over more than
// maxPacks packs, it copies those of all but the pack that holds most of
// them into this build's pack, so the course depends on two packs again;
// it finishes the pack, removes the packs whose every figure it copied
// (nothing is lost), and marks the packs the build used as used. A preview
// that saves one figure at a time thus keeps one large pack and merges the
// small ones. The next get reads the folder afresh.
func (d *diskCache[V]) flush() {
	d.mu.Lock()
	defer d.mu.Unlock()
	keep, read := d.keep, d.readFrom
	d.keep, d.readFrom = nil, nil

	// The finished packs holding kept figures.
	deps := map[*pack][]string{}
	inNew := false
	if len(keep) > 0 {
		d.load()
		for k := range keep {
			if d.cur != nil {
				if _, ok := d.cur.entries[k]; ok {
					inNew = true
					continue
				}
			}
			if e, ok := d.index[k]; ok {
				deps[e.p] = append(deps[e.p], k)
			}
		}
	}
	copied := map[string]bool{}
	var sources []*pack // the packs copied from
	if n := len(deps) + b2i(inNew); n > d.maxPacks {
		var anchor *pack // stays: it holds the most kept figures
		for p, keys := range deps {
			if a := deps[anchor]; anchor == nil || len(keys) > len(a) || len(keys) == len(a) && p.path < anchor.path {
				anchor = p
			}
		}
		for p, keys := range deps {
			if p == anchor {
				continue
			}
			sources = append(sources, p)
			slices.Sort(keys)
			for _, k := range keys {
				e := d.index[k]
				f := p.open()
				if f == nil {
					break
				}
				if b, ok := readEntry(f, e); ok && d.append(k, [][]byte{b}, e.crc) {
					copied[k] = true
				}
			}
		}
	}
	if !d.finish() {
		clear(copied) // the copies are lost: the old packs are still used
	}
	used := map[*pack]bool{}
	for p, keys := range deps {
		for _, k := range keys {
			if !copied[k] {
				used[p] = true
				break
			}
		}
	}
	for k, p := range read {
		if !copied[k] {
			used[p] = true
		}
	}

	for _, p := range sources {
		if !used[p] && !slices.ContainsFunc(p.keys, func(k string) bool { return !copied[k] }) {
			os.Remove(p.path)
		}
	}
	now := time.Now()
	for p := range used {
		os.Chtimes(p.path, now, now)
	}
	for _, p := range d.packs() {
		if p.f != nil {
			p.f.Close()
		}
	}
	d.loaded, d.index = false, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// packs lists the loaded packs. d.mu is held.
func (d *diskCache[V]) packs() []*pack {
	seen := map[*pack]bool{}
	var ps []*pack
	for _, e := range d.index {
		if !seen[e.p] {
			seen[e.p] = true
			ps = append(ps, e.p)
		}
	}
	return ps
}

// finish writes the index and trailer of this build's pack and renames it
// to its final name; a pack that cannot be finished is removed. d.mu is
// held. It reports whether the pack, if any, was kept.
func (d *diskCache[V]) finish() bool {
	c := d.cur
	if c == nil {
		return true
	}
	d.cur = nil
	tmp := c.f.Name()
	err := errors.New("empty pack")
	if len(c.entries) > 0 {
		idx := binary.AppendUvarint(nil, uint64(len(c.order)))
		for _, k := range c.order {
			e := c.entries[k]
			idx = binary.AppendUvarint(idx, uint64(len(k)))
			idx = append(idx, k...)
			idx = binary.AppendUvarint(idx, uint64(e.off))
			idx = binary.AppendUvarint(idx, uint64(e.length))
			idx = binary.LittleEndian.AppendUint32(idx, e.crc)
		}
		tail := binary.LittleEndian.AppendUint64(idx, uint64(c.size))
		tail = binary.LittleEndian.AppendUint64(tail, uint64(len(idx)))
		tail = binary.LittleEndian.AppendUint32(tail, crc32.Checksum(idx, castagnoli()))
		tail = append(tail, packMagic...)
		err = c.w.Append(tail)
	}
	if ferr := c.w.Finish(); err == nil {
		err = ferr
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(d.dir, "pack-"+rand.Text()+".pack"))
	}
	if err != nil {
		os.Remove(tmp)
		return false
	}
	return true
}

// load reads the indexes of the folder's finished packs, once per build.
// A damaged pack is left out. Where packs hold the same key, the most
// recently used wins. d.mu is held.
func (d *diskCache[V]) load() {
	if d.loaded {
		return
	}
	d.loaded = true
	d.index = map[string]entry{}
	des, err := os.ReadDir(d.dir)
	if err != nil {
		return
	}
	type found struct {
		p       *pack
		mod     time.Time
		entries map[string]entry
	}
	var fs []found
	for _, de := range des {
		name := de.Name()
		if !strings.HasPrefix(name, "pack-") || !strings.HasSuffix(name, ".pack") {
			continue
		}
		p := &pack{path: filepath.Join(d.dir, name)}
		if mod, entries, ok := readIndex(p); ok {
			for k := range entries {
				p.keys = append(p.keys, k)
			}
			fs = append(fs, found{p, mod, entries})
		}
	}
	slices.SortFunc(fs, func(a, b found) int { return b.mod.Compare(a.mod) })
	for _, f := range fs {
		for k, e := range f.entries {
			if _, ok := d.index[k]; !ok {
				d.index[k] = e
			}
		}
	}
}

// readIndex reads the entries of the pack at p.path; it reports false for
// a pack that is damaged or not a pack.
func readIndex(p *pack) (time.Time, map[string]entry, bool) {
	f, err := os.Open(p.path)
	if err != nil {
		return time.Time{}, nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return time.Time{}, nil, false
	}
	size := info.Size()
	if size < int64(len(packHeader)+trailerSize) {
		return time.Time{}, nil, false
	}
	head := make([]byte, len(packHeader))
	tail := make([]byte, trailerSize)
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != packHeader {
		return time.Time{}, nil, false
	}
	if _, err := f.ReadAt(tail, size-int64(trailerSize)); err != nil || string(tail[20:]) != packMagic {
		return time.Time{}, nil, false
	}
	idxOff := binary.LittleEndian.Uint64(tail)
	idxLen := binary.LittleEndian.Uint64(tail[8:])
	end := uint64(size - int64(trailerSize))
	if idxOff < uint64(len(packHeader)) || idxOff > end || idxLen != end-idxOff {
		return time.Time{}, nil, false
	}
	idx := make([]byte, idxLen)
	if _, err := f.ReadAt(idx, int64(idxOff)); err != nil || crc32.Checksum(idx, castagnoli()) != binary.LittleEndian.Uint32(tail[16:]) {
		return time.Time{}, nil, false
	}
	n, idx, ok := uvarint(idx)
	if !ok || n > uint64(len(idx)) {
		return time.Time{}, nil, false
	}
	entries := make(map[string]entry, n)
	for range n {
		var kl, off, length uint64
		if kl, idx, ok = uvarint(idx); !ok || kl > uint64(len(idx)) {
			return time.Time{}, nil, false
		}
		key := string(idx[:kl])
		idx = idx[kl:]
		if off, idx, ok = uvarint(idx); !ok {
			return time.Time{}, nil, false
		}
		if length, idx, ok = uvarint(idx); !ok || len(idx) < 4 {
			return time.Time{}, nil, false
		}
		if off < uint64(len(packHeader)) || off > idxOff || length > idxOff-off {
			return time.Time{}, nil, false
		}
		entries[key] = entry{p: p, off: int64(off), length: int64(length), crc: binary.LittleEndian.Uint32(idx)}
		idx = idx[4:]
	}
	if len(idx) != 0 {
		return time.Time{}, nil, false
	}
	return info.ModTime(), entries, true
}

func uvarint(b []byte) (uint64, []byte, bool) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

// open returns the pack's file, opening it at the first call; nil if it
// cannot be opened. d.mu is held.
func (p *pack) open() *os.File {
	if p.f == nil && !p.bad {
		f, err := os.Open(p.path)
		if err != nil {
			p.bad = true
			return nil
		}
		p.f = f
	}
	return p.f
}

// sitePath names the record of the site last built into out.
func (d *diskCache[V]) sitePath(out string) string {
	abs, _ := filepath.Abs(out)
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(d.dir, "site-"+hex.EncodeToString(sum[:8])+".rec")
}

// read decodes the gob in the file at p into v and marks the file used; it
// reports false for a missing or damaged file.
func (d *diskCache[V]) read(p string, v any) bool {
	b, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(b, []byte(diskMagic)) || len(b) < len(diskMagic)+4 {
		return false
	}
	b = b[len(diskMagic):]
	if binary.LittleEndian.Uint32(b) != crc32.Checksum(b[4:], castagnoli()) {
		return false
	}
	payload := b[4:]
	if gob.NewDecoder(bytes.NewReader(payload)).Decode(v) != nil {
		return false
	}
	now := time.Now()
	os.Chtimes(p, now, now)
	return true
}

// write stores v as a gob in the file at p, atomically; failing to is not an
// error, only a later miss.
func (d *diskCache[V]) write(p string, v any) {
	var b bytes.Buffer
	b.WriteString(diskMagic + "\x00\x00\x00\x00") // the checksum's place
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return
	}
	entry := b.Bytes()
	binary.LittleEndian.PutUint32(entry[len(diskMagic):], crc32.Checksum(entry[len(diskMagic)+4:], castagnoli()))
	f, err := os.CreateTemp(d.dir, ".tmp-")
	if err != nil {
		return
	}
	_, err = f.Write(entry)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
