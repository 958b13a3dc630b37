package lesson

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"descent/store"
)

// TestCommandOptionsOut tries output folders that would delete the course,
// the theme or the cache (the inputs of issue #20 and variants), and ones
// that are fine. Paths are relative to a course folder made for the test,
// which is the working folder.
func TestCommandOptionsOut(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	mk := func(rel string) {
		if err := os.MkdirAll(rel, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(rel, s string) {
		if err := os.WriteFile(rel, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("content/s")
	mk("../elsewhere")
	write("content/s/lesson.md", "---\ntitle: L\n---\nText.\n")
	mk("layouts/static")
	mk("cache")
	mk("real-course/s")
	if err := os.Symlink("real-course", "link"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("content", "to-content"); err != nil {
		t.Fatal(err)
	}
	mk("docs")
	write("docs/thesis.tex", "years of work")
	write("notes.txt", "a file")
	mk("empty")
	mk("built")
	write(filepath.Join("built", store.SiteMarker), "")
	write("built/index.html", "old site")

	const advice = ", and the build replaces -out as a whole; choose an output folder of its own, such as public"
	tests := []struct {
		name, content, out, cache string
		want                      string // "" for accepted
	}{
		{"inside content", "content", "content/s", "cache", "-out content/s is inside -content content" + advice},
		{"a lesson file", "content", "content/s/lesson.md", "cache", "-out content/s/lesson.md is inside -content content" + advice},
		{"inside layouts", "content", "layouts/static", "cache", "-out layouts/static is inside -layouts layouts" + advice},
		{"not yet made, inside content", "content", "content/s/out", "cache", "-out content/s/out is inside -content content" + advice},
		{"the content folder", "content", "content", "cache", "-out content is the same folder as -content content" + advice},
		{"with a trailing slash", "content", "content/", "cache", "-out content/ is the same folder as -content content" + advice},
		{"through dot-dot", "content", "layouts/../content/s", "cache", "-out layouts/../content/s is inside -content content" + advice},
		{"content is a link to out", "link", "real-course", "cache", "-out real-course is the same folder as -content link" + advice},
		{"out inside a linked content", "link", "real-course/s", "cache", "-out real-course/s is inside -content link" + advice},
		{"out is a link to content", "content", "to-content", "cache", "-out to-content is the same folder as -content content" + advice},
		{"out through a link into content", "content", "to-content/s", "cache", "-out to-content/s is inside -content content" + advice},
		{"the working folder", "content", ".", "cache", "-out . contains -content content" + advice},
		{"the working folder, content elsewhere", "../elsewhere", ".", "", "-out . contains -layouts layouts" + advice},
		{"containing the working folder", "content", "..", "", "-out .. contains -content content" + advice},
		{"absolute, containing all", "content", "/", "", "-out / contains -content content" + advice},
		{"inside the cache", "content", "cache/site", "cache", "-out cache/site is inside -cache cache" + advice},
		{"containing the cache", "content", "docs", "docs/cache", "-out docs contains -cache docs/cache" + advice},
		{"the cache", "content", "cache", "cache", "-out cache is the same folder as -cache cache" + advice},
		{"a folder of documents", "content", "docs", "cache", "-out docs: holds files that no Descent build wrote (there is no .descent-site in it), and the build replaces the output folder as a whole; empty or remove the folder, or choose another -out, such as public"},
		{"a file", "content", "notes.txt", "cache", "-out notes.txt: is a file, not a folder; the build replaces the output folder as a whole: remove the file or choose another -out, such as public"},
		{"a control character", "content", "content/\x1b[2J", "cache", `-out content/\x1b[2J is inside -content content` + advice},
		{"inside a content of .", ".", "public", "", "-out public is inside -content ." + advice},
		{"inside a cache of .", "content", "public", ".", "-out public is inside -cache ." + advice},

		{"new folder", "content", "public", "cache", ""},
		{"empty folder", "content", "empty", "cache", ""},
		{"a built site", "content", "built", "cache", ""},
		{"no cache", "content", "public", "", ""},
		{"beside a linked content", "link", "public", "cache", ""},
		{"a sibling with a common prefix", "content", "content-site", "cache", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CommandOptions(tt.content, "layouts", tt.out, tt.cache)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("CommandOptions(-content %s, -out %s, -cache %s):\ngot  %s\nwant %s", tt.content, tt.out, tt.cache, got, tt.want)
			}
		})
	}
	if _, err := os.Stat("docs/thesis.tex"); err != nil {
		t.Error("the documents are gone")
	}
}

// TestLayoutsLink: the theme is real files, like the course.
func TestLayoutsLink(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("content/s", 0o755)
	os.MkdirAll("theme", 0o755)
	if err := os.Symlink("theme", "layouts"); err != nil {
		t.Fatal(err)
	}
	_, err := CommandOptions("content", "layouts", "public", "")
	want := "-layouts layouts: is a symbolic link; name the folder itself"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestBuildOutputGuard: Build itself refuses an output it may not replace
// or that another build is writing, naming the folder, and leaves it be.
func TestBuildOutputGuard(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "a.txt"), []byte("work"), 0o644)
	busy := filepath.Join(dir, "busy")
	held, err := store.NewFolder(busy, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Abandon()
	tests := []struct{ name, out, want string }{
		{"documents", docs, docs + ": holds files that no Descent build wrote (there is no .descent-site in it), and the build replaces the output folder as a whole; empty or remove the folder, or choose another -out, such as public"},
		{"busy", busy, busy + ": another build is writing this folder; wait for it to finish and build again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(context.Background(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Out: tt.out})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(docs, "a.txt")); err != nil || string(b) != "work" {
		t.Error("the documents changed")
	}
}

// TestCommandOptionsCache: the cache is not kept inside the course or the
// theme, where its packs would be published as the course's files (and
// each figure written would be a change to the preview).
func TestCommandOptionsCache(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("content/s", 0o755)
	os.MkdirAll("layouts/static", 0o755)
	os.MkdirAll("course", 0o755)
	if err := os.Symlink("content", "to-content"); err != nil {
		t.Fatal(err)
	}
	const advice = ", where the build would publish its files with the course; choose a cache folder of its own, or -cache \"\" for none"
	tests := []struct {
		name, cache string
		want        string // "" for accepted
	}{
		{"the content folder", "content", "-cache content is the same folder as -content content" + advice},
		{"inside the content", "content/s/cache", "-cache content/s/cache is inside -content content" + advice},
		{"through a link", "to-content/cache", "-cache to-content/cache is inside -content content" + advice},
		{"the layouts", "layouts", "-cache layouts is the same folder as -layouts layouts" + advice},
		{"inside the layouts", "layouts/static", "-cache layouts/static is inside -layouts layouts" + advice},
		{"beside the course", "cache", ""},
		{"none", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, out := range []string{"public", ""} { // build, and serve in memory
				_, err := CommandOptions("content", "layouts", out, tt.cache)
				got := ""
				if err != nil {
					got = err.Error()
				}
				if got != tt.want {
					t.Errorf("CommandOptions(-out %q, -cache %s):\ngot  %s\nwant %s", out, tt.cache, got, tt.want)
				}
			}
		})
	}
}
