package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// testFigure is a figure of about size bytes, different for each i.
func testFigure(i, size int) *FigureData {
	return &FigureData{ID: fmt.Sprintf("f%d", i), Title: fmt.Sprintf("Figure %d", i),
		Main: (strings.Repeat(fmt.Sprintf("<path d=\"M%d\"/>", i), size/16)), Steps: i}
}

func testKey(i int) string { return testKeyOf(fmt.Sprintf("f%d", i), []byte("test")) }

// testKeyOf makes a key as the site build does, a hash of an id and a text.
func testKeyOf(id string, src []byte) string {
	h := sha256.Sum256(append([]byte(id+"\x00"), src...))
	return hex.EncodeToString(h[:])
}

// FigureData, FigureRun and Sweep are stand-ins for the figures the site
// build keeps: a Cache stores any gob-able value.
type FigureData struct {
	ID, Title, Main, JSON string
	Steps                 int
	Runs                  []FigureRun
	Sweeps                []Sweep
}

type FigureRun struct {
	Index        int
	Label, Final string
}

type Sweep struct {
	ID      int
	Setting string
	Values  []string
}

// packsIn lists the finished packs in dir.
func packsIn(t *testing.T, dir string) []string {
	t.Helper()
	packs, err := filepath.Glob(filepath.Join(dir, "pack-*.pack"))
	if err != nil {
		t.Fatal(err)
	}
	return packs
}

// packOf maps each key in dir's packs to the pack holding it.
func packOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, p := range packsIn(t, dir) {
		_, entries, ok := readIndex(&pack{path: p})
		if !ok {
			t.Fatalf("%s: damaged", p)
		}
		for k := range entries {
			if m[k] != "" {
				t.Fatalf("%s is in %s and %s", k, m[k], p)
			}
			m[k] = p
		}
	}
	return m
}

// TestDiskCacheConcurrent has two caches write to one folder at the same
// time, as two builds do, and a third read what both wrote.
func TestDiskCacheConcurrent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := &Cache[*FigureData]{disk: newDiskCache[*FigureData](dir)}, &Cache[*FigureData]{disk: newDiskCache[*FigureData](dir)}
	const n = 60
	var wg sync.WaitGroup
	for w := range 4 { // two writers per cache
		c := []*Cache[*FigureData]{a, b}[w%2]
		wg.Go(func() {
			for i := w; i < 2*n; i += 4 {
				c.Put(testKey(i), testFigure(i, 20000))
				if _, ok := c.Get(testKey(i)); !ok {
					t.Errorf("figure %d: miss right after put", i)
				}
			}
		})
	}
	wg.Wait()
	wg.Go(a.Flush)
	wg.Go(b.Flush)
	wg.Wait()
	if packs := packsIn(t, dir); len(packs) != 2 {
		t.Errorf("%d packs, want 2: %v", len(packs), packs)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	c := &Cache[*FigureData]{disk: newDiskCache[*FigureData](dir)}
	for i := range 2 * n {
		got, ok := c.Get(testKey(i))
		if !ok || !reflect.DeepEqual(got, testFigure(i, 20000)) {
			t.Errorf("figure %d: got %v, %v", i, got != nil, ok)
		}
	}
}

// TestDiskCacheKeep checks which packs a build marks as used, and that the
// kept figures outside their largest pack are copied into a new one when
// they are spread over more than maxPacks.
func TestDiskCacheKeep(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	open := func() *Cache[*FigureData] { return cacheOfFewPacks(dir) }
	// Five packs of two figures each: pack i holds figures 2i and 2i+1.
	for i := range 5 {
		c := open()
		c.Put(testKey(2*i), testFigure(2*i, 1000))
		c.Put(testKey(2*i+1), testFigure(2*i+1, 1000))
		c.Flush()
	}
	where := packOf(t, dir)
	long := time.Now().Add(-10 * 24 * time.Hour)
	age := func() {
		for _, p := range packsIn(t, dir) {
			os.Chtimes(p, long, long)
		}
	}
	fresh := func(p string) bool {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return time.Since(info.ModTime()) < time.Hour
	}
	keys := func(figs ...int) map[string]bool {
		m := map[string]bool{}
		for _, i := range figs {
			m[testKey(i)] = true
		}
		return m
	}

	// Kept figures in three packs (not more than maxPacks), one read from a
	// fourth: those four are used, the fifth is not; nothing is copied.
	age()
	c := open()
	if _, ok := c.Get(testKey(6)); !ok {
		t.Fatal("miss")
	}
	c.Retain(keys(0, 1, 2, 5))
	c.Flush()
	if n := len(packsIn(t, dir)); n != 5 {
		t.Errorf("%d packs, want 5: a build that computed nothing and copied nothing wrote one", n)
	}
	for i := range 5 {
		if got, want := fresh(where[testKey(2*i)]), i < 4; got != want {
			t.Errorf("pack %d: touched %v, want %v", i, got, want)
		}
	}

	// Kept figures in five packs (0 and 1 in the first): those outside the
	// first are copied into a new pack, and the course uses those two.
	age()
	c = open()
	if _, ok := c.Get(testKey(0)); !ok {
		t.Fatal("miss")
	}
	c.Put(testKey(10), testFigure(10, 1000))
	c.Retain(keys(0, 1, 2, 4, 6, 9, 10))
	c.Flush()
	packs := packsIn(t, dir)
	if len(packs) != 6 {
		t.Fatalf("%d packs, want 6: none of the old ones was copied whole", len(packs))
	}
	var used []string
	for _, p := range packs {
		if fresh(p) {
			used = append(used, p)
		}
	}
	var merged string
	if len(used) != 2 || !slices.Contains(used, where[testKey(0)]) {
		t.Fatalf("used packs %v, want the first and a new one", used)
	}
	for _, p := range used {
		if p != where[testKey(0)] {
			merged = p
		}
	}
	_, entries, ok := readIndex(&pack{path: merged})
	if !ok {
		t.Fatal("the new pack is damaged")
	}
	var got []string
	for k := range entries {
		got = append(got, k)
	}
	slices.Sort(got)
	want := []string{testKey(10), testKey(2), testKey(4), testKey(6), testKey(9)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the new pack holds %d figures, want the %d kept outside the first pack", len(got), len(want))
	}
	// The packs no longer used gone, the course's figures are all still there.
	for _, p := range packs {
		if !slices.Contains(used, p) {
			os.Remove(p)
		}
	}
	c = open()
	for _, i := range []int{0, 1, 2, 4, 6, 9, 10} {
		if got, ok := c.Get(testKey(i)); !ok || !reflect.DeepEqual(got, testFigure(i, 1000)) {
			t.Errorf("figure %d: got %v, %v after merging", i, got != nil, ok)
		}
	}
	c.Flush()
}

// cacheOfFewPacks opens a cache in dir that merges beyond 3 packs.
func cacheOfFewPacks(dir string) *Cache[*FigureData] {
	c := &Cache[*FigureData]{disk: newDiskCache[*FigureData](dir)}
	c.disk.maxPacks = 3
	return c
}

// A preview saves one figure at a time: each build adds a pack of one
// figure, and once they pass maxPacks they are merged into one and removed,
// while the large first pack stays.
func TestDiskCacheSmallPacksMerge(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	open := func() *Cache[*FigureData] { return cacheOfFewPacks(dir) }
	c := open()
	kept := map[string]bool{}
	for i := range 20 {
		c.Put(testKey(i), testFigure(i, 100))
		kept[testKey(i)] = true
	}
	c.Retain(kept)
	c.Flush()
	first := packsIn(t, dir)[0]
	for i := 20; i < 30; i++ {
		c := open()
		c.Put(testKey(i), testFigure(i, 100))
		kept[testKey(i)] = true
		c.Retain(kept)
		c.Flush()
		if n := len(packsIn(t, dir)); n > 3 {
			t.Fatalf("after figure %d: %d packs, want at most 3", i, n)
		}
	}
	if !slices.Contains(packsIn(t, dir), first) {
		t.Error("the first, large pack was merged away")
	}
	c = open()
	for i := range 30 {
		if _, ok := c.Get(testKey(i)); !ok {
			t.Errorf("figure %d lost", i)
		}
	}
	c.Flush()
}

// TestDiskCacheReadOnly checks that a build that computes nothing writes
// nothing.
func TestDiskCacheReadOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c, err := Open[*FigureData](dir)
	if err != nil {
		t.Fatal(err)
	}
	files := func() []string {
		var names []string
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			names = append(names, p)
			return nil
		})
		return names
	}
	before := files()
	if _, ok := c.Get(testKey(1)); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Retain(map[string]bool{testKey(1): true})
	c.Flush()
	if after := files(); !slices.Equal(after, before) {
		t.Errorf("files before: %v\nafter: %v", before, after)
	}
}

// blobFigure is a stand-in for a figure that gives its large strings as
// Blobs, one of them in each of its variants.
type blobFigure struct {
	ID, Main, JSON string
	Variants       []*blobFigure
}

func (f *blobFigure) SplitBlobs() (*blobFigure, []string) {
	c := *f
	blobs := []string{f.Main, f.JSON}
	c.Main, c.JSON, c.Variants = "", "", nil
	for _, v := range f.Variants {
		vc, vb := v.SplitBlobs()
		c.Variants = append(c.Variants, vc)
		blobs = append(blobs, vb...)
	}
	return &c, blobs
}

func (f *blobFigure) JoinBlobs(blobs []string) bool {
	rest, ok := f.join(blobs)
	return ok && len(rest) == 0
}

func (f *blobFigure) join(b []string) ([]string, bool) {
	if len(b) < 2 {
		return nil, false
	}
	f.Main, f.JSON, b = b[0], b[1], b[2:]
	for _, v := range f.Variants {
		var ok bool
		if b, ok = v.join(b); !ok {
			return nil, false
		}
	}
	return b, true
}

// TestDiskCacheBlobs keeps values whose large strings are written beside
// their gob, and reads them back in another process's cache, the value put
// unchanged; an entry whose blob count or lengths are wrong is a miss.
func TestDiskCacheBlobs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	figs := map[string]*blobFigure{
		"plain": {ID: "a", Main: "<svg>a</svg>", JSON: `{"id":"a"}`},
		"empty": {ID: "b"},
		"variant": {ID: "c", Main: strings.Repeat("<path/>", 5000), Variants: []*blobFigure{{ID: "c1", JSON: "{}"}, {ID: "c2", Main: "<g/>",
			Variants: []*blobFigure{{ID: "c21", JSON: "[2]"}}}}},
	}
	c, err := Open[*blobFigure](dir)
	if err != nil {
		t.Fatal(err)
	}
	for k, f := range figs {
		before := *f
		c.Put(k, f)
		if !reflect.DeepEqual(*f, before) {
			t.Errorf("%s: Put changed the value: %+v", k, *f)
		}
	}
	c.Flush()
	c, err = Open[*blobFigure](dir)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range figs {
		got, ok := c.Get(k)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, %v; want %+v", k, got, ok, want)
		}
	}

	entry := func(gobPart []byte, lens ...uint64) []byte {
		b := append([]byte(nil), gobPart...)
		for _, n := range lens {
			b = binary.LittleEndian.AppendUint64(b, n)
		}
		return b
	}
	var v *blobFigure
	for name, b := range map[string][]byte{
		"empty":                      nil,
		"short trailer":              {1, 2, 3},
		"huge count":                 entry(nil, 1<<62),
		"count past data":            entry(nil, 3),
		"length past data":           entry([]byte("xy"), 1<<40, 1),
		"no blobs for a Blobs value": entry(gobOf(t, &blobFigure{ID: "a"}), 0),
		"bytes after the gob":        entry(append(gobOf(t, &blobFigure{ID: "a"}), 0), 0, 0, 2),
	} {
		if decodeEntry(b, &v) {
			t.Errorf("%s: decoded", name)
		}
	}
}

func gobOf(t *testing.T, v any) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzDecodeEntry checks that no entry, however damaged past its CRC,
// crashes a read or allocates without bound; it starts from entries as
// put writes them.
func FuzzDecodeEntry(f *testing.F) {
	f.Add([]byte{})
	for _, v := range []*blobFigure{
		{ID: "a", Main: "<svg/>", JSON: "{}"},
		{ID: "b", Variants: []*blobFigure{{ID: "b1", Main: "<g/>"}, {ID: "b2", JSON: "[1]"}}},
	} {
		var buf bytes.Buffer
		parts, _, ok := encodeEntry(&buf, v)
		if !ok {
			f.Fatal("encodeEntry failed")
		}
		f.Add(bytes.Join(parts, nil))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v *blobFigure
		decodeEntry(b, &v)
		var w *FigureData
		decodeEntry(b, &w)
	})
}
