package lesson

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// countingFS is a folder on the disk that counts the lessons opened in it.
type countingFS struct {
	fs.FS
	lessons *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if isMarkdown(name) {
		c.lessons.Add(1)
	}
	return c.FS.Open(name)
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(c.FS, name)
}

// memoCourse writes a small course into a folder and returns its path.
func memoCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range courseFS(smallCourse) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// memoBuild builds the course in dir into memory and returns the page at
// rel, and how many lessons the build opened.
func memoBuild(t *testing.T, dir string, memo *TextMemo, site *MemorySite, rel string) (string, int64) {
	t.Helper()
	var opened atomic.Int64
	opt := Options{Content: countingFS{os.DirFS(dir), &opened}, Memory: site, Cache: &Cache{}, TextMemo: memo}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	page, err := fs.ReadFile(site.FS(), rel)
	if err != nil {
		t.Fatal(err)
	}
	return string(page), opened.Load()
}

// A lesson whose file has not changed is not read again; one that did is,
// whatever its size and times say.
func TestTextMemoFiles(t *testing.T) {
	t.Parallel()
	const rel, page = "basics/valley.md", "basics/valley/index.html"
	edit := func(t *testing.T, dir, from, to string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		src, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(src), from) {
			t.Fatalf("%s: %v, or no %q in it", rel, err, from)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(src), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("unchanged files are not read again", func(t *testing.T) {
		t.Parallel()
		dir := memoCourse(t)
		memo, site := &TextMemo{racy: -time.Hour}, &MemorySite{}
		first, opened := memoBuild(t, dir, memo, site, page)
		if opened == 0 {
			t.Fatal("the first build opened no lesson")
		}
		second, opened := memoBuild(t, dir, memo, site, page)
		if opened != 0 || second != first {
			t.Errorf("nothing changed: the second build opened %d lessons, and the page is the same: %v", opened, second == first)
		}
		// Replaced by a rename, as editors save: another inode.
		p := filepath.Join(dir, rel)
		src, _ := os.ReadFile(p)
		tmp := p + ".new"
		if err := os.WriteFile(tmp, []byte(strings.Replace(string(src), "Too far", "Tod far", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
		third, opened := memoBuild(t, dir, memo, site, page)
		if opened != 1 || !strings.Contains(third, "Tod far") {
			t.Errorf("a lesson renamed over: %d lessons read, and the page has the new text: %v", opened, strings.Contains(third, "Tod far"))
		}
	})

	t.Run("a front matter edit shows", func(t *testing.T) {
		t.Parallel()
		// The page's key holds its front matter through the digest the
		// memo keeps with the lesson, which the edit must not outlive.
		dir := memoCourse(t)
		memo, site := &TextMemo{racy: -time.Hour}, &MemorySite{}
		memoBuild(t, dir, memo, site, page)
		memoBuild(t, dir, memo, site, page) // from the memo, digest and all
		edit(t, dir, "Momentum in a valley.", "Momentum in a gorge.")
		if got, _ := memoBuild(t, dir, memo, site, page); !strings.Contains(got, "Momentum in a gorge.") {
			t.Error("after an edit of the description the page does not have it")
		}
	})

	t.Run("an edit of the same size at once", func(t *testing.T) {
		t.Parallel()
		// Two writes in one tick of the file clock keep the file's
		// stamp: the racy window makes the build read it again anyway.
		dir := memoCourse(t)
		memo, site := &TextMemo{}, &MemorySite{}
		memoBuild(t, dir, memo, site, page)
		last := "Too far"
		for _, word := range []string{"Tod far", "Toe far", "Tof far"} {
			edit(t, dir, last, word)
			last = word
			if got, _ := memoBuild(t, dir, memo, site, page); !strings.Contains(got, word) {
				t.Errorf("after an edit to %q the page does not have it", word)
			}
		}
	})

	t.Run("a lesson with a mistake is read every time", func(t *testing.T) {
		t.Parallel()
		dir := memoCourse(t)
		memo := &TextMemo{racy: -time.Hour}
		edit(t, dir, "Too far", "Too \x01ar")
		for range 2 {
			var opened atomic.Int64
			_, err := Build(context.Background(), Options{Content: countingFS{os.DirFS(dir), &opened}, Memory: &MemorySite{}, Cache: &Cache{}, TextMemo: memo})
			if err == nil || !strings.Contains(err.Error(), "control character") {
				t.Errorf("the build said %v, not the control character", err)
			}
		}
	})
}

// A stamp is trusted only once the file has been still for the racy
// window: a write in the same tick of the file clock as the one before
// would leave it as it was.
func TestTextMemoRacyStamps(t *testing.T) {
	t.Parallel()
	memo := &TextMemo{}
	memo.begin()
	now := memo.begun.UnixNano()
	for _, tt := range []struct {
		name         string
		mtime, ctime int64
		kept         bool
	}{
		{"changed as the build began", now, now, false},
		{"changed a second before", now - int64(time.Second), now - int64(time.Second), false},
		{"still for three seconds", now - 3*int64(time.Second), now - 3*int64(time.Second), true},
		{"an old time set on a new file", now - int64(time.Hour), now, false}, // touch -d, cp -p: ctime is now
	} {
		st := fileStamp{ino: 1, size: 3, mtime: tt.mtime, ctime: tt.ctime}
		memo.keepLesson(tt.name, memoFile{stamp: st})
		memo.begin() // the next build
		if _, ok := memo.lesson(tt.name, st); ok != tt.kept {
			t.Errorf("%s: kept %v, want %v", tt.name, ok, tt.kept)
		}
		memo.begin()
	}
}

// The 404 page is made again only when what every page sees changes, and
// is then the page a build without the memo makes.
func TestTextMemoNotFound(t *testing.T) {
	t.Parallel()
	content := courseFS(smallCourse)
	memo, site := &TextMemo{}, &MemorySite{}
	build := func(step string) string {
		t.Helper()
		if _, err := Build(context.Background(), Options{Content: content, Memory: site, Cache: &Cache{}, TextMemo: memo, LiveReload: true}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		got, err := fs.ReadFile(site.FS(), "404.html")
		if err != nil {
			t.Fatal(err)
		}
		fresh := &MemorySite{}
		if _, err := Build(context.Background(), Options{Content: content, Memory: fresh, Cache: &Cache{}, LiveReload: true}); err != nil {
			t.Fatal(err)
		}
		want, _ := fs.ReadFile(fresh.FS(), "404.html")
		if string(got) != string(want) {
			t.Errorf("%s: the 404 page differs from a build's without the memo", step)
		}
		return string(got)
	}
	edit := func(name, from, to string) {
		t.Helper()
		src := string(content[name].Data)
		if !strings.Contains(src, from) {
			t.Fatalf("no %q in %s", from, name)
		}
		content[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, from, to, 1))}
	}
	first := build("first build")
	edit("basics/valley.md", "## Too far", "## Much too far")
	if build("a lesson's text changed") != first {
		t.Error("a lesson's text changed the 404 page")
	}
	edit("basics/valley.md", "title: The valley", "title: Down the valley")
	if got := build("a lesson's title changed"); !strings.Contains(got, "Down the valley") {
		t.Error("the 404 page does not have the lesson's new title")
	}
}
