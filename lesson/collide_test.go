package lesson

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestCollisions: two files at one address, or a file where a page needs
// a folder, are errors naming both (issue #20: 日本語.md replaced its
// section's page, content/index.html the home page).
func TestCollisions(t *testing.T) {
	t.Parallel()
	const text = "---\ntitle: X\n---\nText.\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"copied home page", map[string]string{"index.html": "<p>mine"},
			"content/index.html: is published at /index.html, as is content/_index.md; rename or remove one of them"},
		{"copied 404 page", map[string]string{"404.html": "<p>mine"},
			"content/404.html: is published at /404.html, as is the page for missing addresses (layouts/404.html); rename or remove one of them"},
		{"copied sitemap", map[string]string{"sitemap.xml": "<urlset/>"},
			"content/sitemap.xml: is published at /sitemap.xml, as is the sitemap; rename or remove one of them"},
		{"copied section page", map[string]string{"s/index.html": "<p>mine"},
			"content/s/index.html: is published at /s/index.html, as is content/s/_index.md; rename or remove one of them"},
		{"copied lesson page", map[string]string{"s/neighbour/index.html": "x"},
			"content/s/neighbour/index.html: is published at /s/neighbour/index.html, as is content/s/neighbour.md; rename or remove one of them"},
		{"a theme file", map[string]string{"style.css": "body{}"},
			"content/style.css: is published at /style.css, as is the built-in theme's static/style.css; rename or remove one of them"},
		{"a file where a lesson's folder goes", map[string]string{"s/neighbour": "x"},
			"content/s/neighbour: is published at /s/neighbour, where content/s/neighbour.md needs a folder; rename or remove one of them"},
		{"no letters in the name", map[string]string{"s/🎉.md": text},
			"content/s/🎉.md:1: slug: the file name has no letters or digits to make the lesson's address from; rename the file or set a slug in the front matter"},
		{"only punctuation", map[string]string{"s/---.md": text},
			"content/s/---.md:1: slug: the file name has no letters or digits to make the lesson's address from; rename the file or set a slug in the front matter"},
		{"same name, other case", map[string]string{"s/Neighbour.md": text},
			`content/s/neighbour.md:1: slug: the slug "neighbour" is taken by content/s/Neighbour.md; set a different slug in the front matter`},
		{"same name, other extension case", map[string]string{"s/neighbour.MD": text},
			`content/s/neighbour.md:1: slug: the slug "neighbour" is taken by content/s/neighbour.MD; set a different slug in the front matter`},
		{"non-ASCII names alike", map[string]string{"s/日本語.md": text, "s/日本語.Md": text},
			`content/s/日本語.md:1: slug: the slug "日本語" is taken by content/s/日本語.Md; set a different slug in the front matter`},
		{"two section pages", map[string]string{"s/_INDEX.md": text},
			"content/s/_index.md:1: the section's page is content/s/_INDEX.md already; keep one of them"},
		{"two home pages", map[string]string{"_Index.MD": text},
			"content/_index.md:1: the home page is content/_Index.MD already; keep one of them"},
		{"a slug that is not one", map[string]string{"s/x.md": "---\ntitle: X\nslug: Big Slug\n---\nText.\n"},
			`content/s/x.md:3: slug: "Big Slug" is not a slug; use lower-case letters, digits and single hyphens, such as "saddle-points"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantError(t, lessonWithFiles(tt.files), tt.want)
		})
	}
}

// TestSlugs: a lesson's address keeps the letters of any script.
func TestSlugs(t *testing.T) {
	t.Parallel()
	const text = "---\ntitle: X\n---\nText.\n"
	files := map[string]string{"s/日本語.md": text, "s/Über Größe.md": text, "s/Plan.MD": text,
		"s/x.md": "---\ntitle: X\nslug: выпуклость\n---\nText.\n"}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Content: lessonWithFiles(files), Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"s/日本語/index.html", "s/über-größe/index.html", "s/plan/index.html", "s/выпуклость/index.html", "s/index.html"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("no %s", want)
		}
	}
	for _, gone := range []string{"s/Plan.MD", "s/日本語.md"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s was copied", gone)
		}
	}
}

// TestDrafts: a draft stays out however its extension is written, and a
// draft flag that is not a YAML boolean is an error, not false.
func TestDrafts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, draft string
		want              string // "" for a build that leaves the draft out
	}{
		{"plan.MD", "s/plan.MD", "true", ""},
		{"plan.Md", "s/plan.Md", "true", ""},
		{"TRUE", "s/plan.md", "TRUE", ""},
		{"!!bool yes", "s/plan.md", "!!bool yes", `content/s/plan.md:3: draft: expected true or false, found "yes"`},
		{"!!bool on", "s/plan.md", "!!bool on", `content/s/plan.md:3: draft: expected true or false, found "on"`},
		{"!!bool 1", "s/plan.md", "!!bool 1", `content/s/plan.md:3: draft: expected true or false, found "1"`},
		{"yes", "s/plan.md", "yes", `content/s/plan.md:3: draft: expected true or false, found the text "yes"`},
		{"1", "s/plan.md", "1", `content/s/plan.md:3: draft: expected true or false, found 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "---\ntitle: Plan\ndraft: " + tt.draft + "\n---\nSECRET draft text.\n"
			out := filepath.Join(t.TempDir(), "out")
			_, err := Build(context.Background(), Options{Content: lessonWithFiles(map[string]string{tt.file: src}), Out: out})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
			if err != nil {
				return
			}
			filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
				if b, _ := os.ReadFile(p); info.Mode().IsRegular() && strings.Contains(string(b), "SECRET") {
					t.Errorf("%s holds the draft's text", p)
				}
				return nil
			})
		})
	}
}

// TestThemeStatic: one file of the author's in static/ adds to the built-in
// ones and overrides its namesake; links and pipes are refused.
func TestThemeStatic(t *testing.T) {
	t.Parallel()
	layouts := fstest.MapFS{"static/extra.css": {Data: []byte("mine")}, "static/reload.js": {Data: []byte("// mine")}}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Layouts: layouts, Out: out}); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]string{"extra.css": "mine", "reload.js": "// mine"} {
		if got := readOut(t, out, f); got != want {
			t.Errorf("%s = %q, want %q", f, got, want)
		}
	}
	for _, f := range []string{"style.css", "landscape.js"} {
		if got := readOut(t, out, f); len(got) < 100 {
			t.Errorf("the built-in %s is missing or short: %d bytes", f, len(got))
		}
	}
}

// TestThemeNotReal: the theme is real files: a link to /etc/passwd in
// static/ is not published, a pipe does not hang the build, a template
// that is a link is refused.
func TestThemeNotReal(t *testing.T) {
	t.Parallel()
	const notReal = ": is not a regular file (a link, a pipe or a device); the theme is real files only, as the course is: copy the file in"
	tests := []struct {
		name  string
		setup func(dir string) error
		want  string
	}{
		{"a link to /etc/passwd", func(dir string) error { return os.Symlink("/etc/passwd", filepath.Join(dir, "static/passwd")) }, "layouts/static/passwd" + notReal},
		{"a link to a folder", func(dir string) error { return os.Symlink("/etc", filepath.Join(dir, "static/etc")) }, "layouts/static/etc" + notReal},
		{"a pipe", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "static/fifo"), 0o644) }, "layouts/static/fifo" + notReal},
		{"a template that is a link", func(dir string) error { return os.Symlink("/etc/passwd", filepath.Join(dir, "lesson.html")) }, "layouts/lesson.html: is not a regular file (a link, a pipe or a device); the theme is real files only, as the course is: copy the file in"},
		{"a template that is a pipe", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "base.html"), 0o644) }, "layouts/base.html: is not a regular file (a link, a pipe or a device); the theme is real files only, as the course is: copy the file in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "static"), 0o755)
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			done := make(chan error, 1)
			go func() {
				_, err := Build(context.Background(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Layouts: os.DirFS(dir), Out: out})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || err.Error() != tt.want {
					t.Errorf("got  %v\nwant %s", err, tt.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the build hangs")
			}
			if b, err := os.ReadFile(filepath.Join(out, "passwd")); err == nil {
				t.Errorf("published %d bytes of /etc/passwd", len(b))
			}
		})
	}
}

// TestCourseFilesNotReal: the site file and the bibliography are read by
// name, not found by the walk that skips links and pipes: they too must be
// real files. A link is not followed out of the course, a pipe does not
// hang the build, and a site file that cannot be read is an error, not a
// course built with the default title.
func TestCourseFilesNotReal(t *testing.T) {
	t.Parallel()
	const notReal = ": cannot read: is not a regular file (a link, a pipe or a device); a course is real files: copy the file in"
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret+".yaml", []byte("title: SECRET\n"), 0o644)
	os.WriteFile(secret+".bib", []byte("@article{sec, author = {Secret, A}, title = {SECRET}, year = {2024}}\n"), 0o644)
	withBib := "title: T\nbibliography: references.bib\n"
	tests := []struct {
		name  string
		setup func(dir string) error
		want  string
	}{
		{"a site file that is a link", func(dir string) error { return os.Symlink(secret+".yaml", filepath.Join(dir, "site.yaml")) }, "content/site.yaml" + notReal},
		{"a site file that is a pipe", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "site.yaml"), 0o644) }, "content/site.yaml" + notReal},
		{"a site file that is a folder", func(dir string) error { return os.Mkdir(filepath.Join(dir, "site.yaml"), 0o755) }, "content/site.yaml: cannot read: is a folder, not a file"},
		{"a bibliography that is a link", func(dir string) error {
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(withBib), 0o644)
			return os.Symlink(secret+".bib", filepath.Join(dir, "references.bib"))
		}, "content/site.yaml:2: bibliography: cannot read content/references.bib: is not a regular file (a link, a pipe or a device); a course is real files: copy the file in"},
		{"a bibliography that is a pipe", func(dir string) error {
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(withBib), 0o644)
			return syscall.Mkfifo(filepath.Join(dir, "references.bib"), 0o644)
		}, "content/site.yaml:2: bibliography: cannot read content/references.bib: is not a regular file (a link, a pipe or a device); a course is real files: copy the file in"},
		{"a bibliography in a linked folder", func(dir string) error {
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\nbibliography: linked/secret.bib\n"), 0o644)
			return os.Symlink(filepath.Dir(secret), filepath.Join(dir, "linked"))
		}, "content/site.yaml:2: bibliography: cannot read content/linked/secret.bib: is not a regular file (a link, a pipe or a device); a course is real files: copy the file in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, text := range map[string]string{"_index.md": "---\ntitle: Home\n---\n", "s/_index.md": "---\ntitle: S\n---\n", "s/lesson.md": "---\ntitle: L\n---\nText.\n"} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
				os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
			}
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			done := make(chan error, 1)
			go func() {
				_, err := Build(context.Background(), Options{Content: os.DirFS(dir), Out: out})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || err.Error() != tt.want {
					t.Errorf("got  %v\nwant %s", err, tt.want)
				}
			case <-time.After(20 * time.Second):
				// Unblock the reader so the test ends.
				if f, err := os.OpenFile(filepath.Join(dir, "site.yaml"), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
				if f, err := os.OpenFile(filepath.Join(dir, "references.bib"), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
				t.Fatal("the build hangs")
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
				t.Error("the build wrote a site")
			}
		})
	}
}

// TestSectionFolderNames: a section's folder name is its address as it is,
// so a character that a web address reads otherwise (# a fragment, ? a
// query, % an escape, \ a slash, : a scheme), or a page cannot show, is an
// error naming the folder, not a broken link in every page's navigation.
// Other punctuation and any script are fine.
func TestSectionFolderNames(t *testing.T) {
	t.Parallel()
	const rename = ", which a web address reads otherwise; rename the folder without ? # % \\ or :"
	tests := []struct {
		dir, want string
	}{
		{"h#x", `content/h#x: the folder's name is its address, and holds "#"` + rename},
		{"s/q?x", `content/s/q?x: the folder's name is its address, and holds "?"` + rename},
		{"100%", `content/100%: the folder's name is its address, and holds "%"` + rename},
		{`b\x`, `content/b\x: the folder's name is its address, and holds "\"` + rename},
		{"c:x", `content/c:x: the folder's name is its address, and holds ":"` + rename},
		{"esc\x1b[31m", `content/esc\x1b[31m: the folder's name holds the control character U+001B, which a page cannot show; rename the folder`},
		{"new\nline", `content/new\nline: the folder's name holds the control character U+000A, which a page cannot show; rename the folder`},
		{"My Section", ""},
		{"it's <b>&amp;+=@;", ""},
		{"日本語", ""},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, text := range map[string]string{"_index.md": "---\ntitle: Home\n---\n", tt.dir + "/a.md": "---\ntitle: L\n---\nText.\n"} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Build(context.Background(), Options{Content: os.DirFS(dir), Out: filepath.Join(t.TempDir(), "out")})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
