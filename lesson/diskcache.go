package lesson

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// diskCache keeps figures in a folder between processes, one file per
// figure named by its key. The files live in a subfolder named by
// cacheVersion and a hash of the running executable, so a build never reads
// what a different program wrote. A file holds a header, the CRC-32C of its
// payload (a check against damage, not against forgery: the folder is the
// user's own) and the payload, a gob of FigureData (or, for the record of a site
// built into a folder, a siteRecord); it is written to a temporary
// name and renamed, so readers see whole files, and one that is damaged all
// the same is ignored and recomputed. Files and subfolders unused for
// maxAge are removed, at most once a day.
type diskCache struct {
	dir string
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const (
	diskMagic = "descent figure\n"
	maxAge    = 30 * 24 * time.Hour
	pruneFile = ".pruned"
)

// OpenCache returns a cache that keeps figures in dir (created if need be)
// between runs of the same executable. Builds may share dir, concurrently
// too.
func OpenCache(dir string) (*Cache, error) {
	id, err := executableID()
	if err != nil {
		return nil, err
	}
	sub := filepath.Join(dir, cacheVersion+"-"+id)
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return nil, err
	}
	now := time.Now()
	os.Chtimes(sub, now, now) // in use: not to be pruned
	if info, err := os.Stat(filepath.Join(dir, pruneFile)); err != nil || now.Sub(info.ModTime()) > 24*time.Hour {
		prune(dir, sub, now)
	}
	return &Cache{disk: &diskCache{dir: sub}}, nil
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

// executableID is a short hash of the running program's file.
func executableID() (string, error) { return exeID() }

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

func (d *diskCache) path(key string) string { return filepath.Join(d.dir, key+".fig") }

// get reads a figure; a missing or damaged file is a miss.
func (d *diskCache) get(key string) (*FigureData, bool) {
	fd := new(FigureData)
	if !d.read(d.path(key), fd) {
		return nil, false
	}
	return fd, true
}

// put writes a figure; failing to is not an error, only a later miss.
func (d *diskCache) put(key string, fd *FigureData) { d.write(d.path(key), fd) }

// sitePath names the record of the site last built into out.
func (d *diskCache) sitePath(out string) string {
	abs, _ := filepath.Abs(out)
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(d.dir, "site-"+hex.EncodeToString(sum[:8])+".rec")
}

// read decodes the gob in the file at p into v and marks the file used; it
// reports false for a missing or damaged file.
func (d *diskCache) read(p string, v any) bool {
	b, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(b, []byte(diskMagic)) || len(b) < len(diskMagic)+4 {
		return false
	}
	b = b[len(diskMagic):]
	if binary.LittleEndian.Uint32(b) != crc32.Checksum(b[4:], castagnoli) {
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
func (d *diskCache) write(p string, v any) {
	var b bytes.Buffer
	b.WriteString(diskMagic + "\x00\x00\x00\x00") // the checksum's place
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return
	}
	entry := b.Bytes()
	binary.LittleEndian.PutUint32(entry[len(diskMagic):], crc32.Checksum(entry[len(diskMagic)+4:], castagnoli))
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
