package lesson

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"descent/store"
)

// memSnapshot reads every file of a MemorySite, by slash path.
func memSnapshot(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		m[filepath.FromSlash(p)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A build into memory makes the same files as a build into a folder, keeps
// unchanged pages, and a failed build leaves the site as it was.
func TestMemorySite(t *testing.T) {
	t.Parallel()
	content := courseFS(smallCourse)
	site := &MemorySite{}
	opt := Options{Content: content, Memory: site, Cache: &Cache{}, LiveReload: true}
	check := func(step string) fs.FS {
		t.Helper()
		if _, err := Build(context.Background(), opt); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		fresh := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Content: content, Out: fresh, LiveReload: true}); err != nil {
			t.Fatal(err)
		}
		got := site.FS()
		onDisk := relSnapshot(t, fresh)
		delete(onDisk, store.SiteMarker) // a folder's mark, which a site in memory needs not
		if !equalMaps(memSnapshot(t, got), onDisk) {
			t.Errorf("%s: the site in memory differs from a build into a folder", step)
		}
		if err := fstest.TestFS(got, "index.html", "basics/valley/index.html", "404.html"); err != nil {
			t.Errorf("%s: %v", step, err)
		}
		return got
	}
	// A page kept from the previous build keeps the time it was written.
	same := func(a, b fs.FS, rel string) bool {
		ia, errA := fs.Stat(a, rel)
		ib, errB := fs.Stat(b, rel)
		return errA == nil && errB == nil && ia.ModTime().Equal(ib.ModTime())
	}

	first := check("first build")
	second := check("nothing changed")
	if !same(first, second, "basics/valley/index.html") {
		t.Error("nothing changed, yet a page was rendered again")
	}
	valley := content["basics/valley.md"]
	content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(valley.Data), "## Too far", "## Much too far", 1))}
	third := check("prose changed")
	if same(second, third, "basics/valley/index.html") || !same(second, third, "basics/first/index.html") {
		t.Error("after one lesson changed, want that page rendered again and the others kept")
	}
	if b, _ := fs.ReadFile(second, "basics/valley/index.html"); strings.Contains(string(b), "Much too far") {
		t.Error("a later build changed the site an earlier FS returned")
	}

	content["basics/valley.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	if _, err := Build(context.Background(), opt); err == nil {
		t.Fatal("a broken lesson built")
	}
	if site.FS() != third {
		t.Error("a failed build replaced the site")
	}
}

// An empty MemorySite is an empty file system.
func TestMemorySiteEmpty(t *testing.T) {
	if err := fstest.TestFS((&MemorySite{}).FS()); err != nil {
		t.Error(err)
	}
	if _, err := fs.Stat((&MemorySite{}).FS(), "index.html"); err == nil {
		t.Error("an empty site has index.html")
	}
}

// With Ready, a rebuild in memory tells it when the new pages are in, with
// the last index still there, and returns with the new text indexed: the
// same site as a build without Ready.
func TestMemorySiteReadyBeforeIndex(t *testing.T) {
	t.Parallel()
	content := courseFS(smallCourse)
	site := &MemorySite{}
	var atReady []fs.FS
	opt := Options{Content: content, Memory: site, Cache: &Cache{},
		Ready: func(Summary) { atReady = append(atReady, site.FS()) }}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	valley := content["basics/valley.md"]
	content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(valley.Data), "## Too far", "## Much too zanzibarish", 1))}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if len(atReady) != 2 {
		t.Fatalf("Ready told %d times in two builds", len(atReady))
	}
	indexed := func(fsys fs.FS) bool {
		for name, text := range memSnapshot(t, fsys) {
			if strings.HasPrefix(filepath.ToSlash(name), SearchDir+"/") && strings.Contains(text, `"zanzibarish"`) {
				return true
			}
		}
		return false
	}
	if page, _ := fs.ReadFile(atReady[1], "basics/valley/index.html"); !strings.Contains(string(page), "zanzibarish") {
		t.Error("when Ready was told, the site did not have the new page")
	}
	if _, err := fs.Stat(atReady[1], SearchDir+"/index.js"); err != nil || indexed(atReady[1]) {
		t.Errorf("when Ready was told, want the last index in place (%v), not yet the new one", err)
	}
	if !indexed(site.FS()) {
		t.Error("after Build, the new text is not in the index")
	}
	plain := &MemorySite{}
	if _, err := Build(context.Background(), Options{Content: content, Memory: plain}); err != nil {
		t.Fatal(err)
	}
	if !equalMaps(memSnapshot(t, site.FS()), memSnapshot(t, plain.FS())) {
		t.Error("the site built with Ready differs from one built without")
	}
}

// Builds that share a TextMemo make the sites builds without one make, as
// titles, links and anchors change, and report a front matter's mistakes
// every time.
func TestTextMemo(t *testing.T) {
	t.Parallel()
	content := courseFS(smallCourse)
	memo, site := &TextMemo{}, &MemorySite{}
	check := func(step string) {
		t.Helper()
		if _, err := Build(context.Background(), Options{Content: content, Memory: site, Cache: &Cache{}, TextMemo: memo}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		plain := &MemorySite{}
		if _, err := Build(context.Background(), Options{Content: content, Memory: plain}); err != nil {
			t.Fatal(err)
		}
		if !equalMaps(memSnapshot(t, site.FS()), memSnapshot(t, plain.FS())) {
			t.Errorf("%s: the site built with a TextMemo differs from one built without", step)
		}
	}
	check("first build")
	check("nothing changed")
	valley := string(content["basics/valley.md"].Data)
	content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(valley, "title:", "title: Renamed,", 1))}
	check("a title changed")
	content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(valley, "## Too far", "## Too far {#gone-too-far}", 1))}
	check("an anchor changed")
	content["basics/valley.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\nText.\n")}
	for i := range 2 {
		if _, err := Build(context.Background(), Options{Content: content, Memory: site, TextMemo: memo}); err == nil || !strings.Contains(err.Error(), "basics/valley.md:2") {
			t.Errorf("build %d with a broken front matter: %v", i+1, err)
		}
	}
}
