package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// buildInto writes a one-file site into out and commits it.
func buildInto(t *testing.T, out, page string) {
	t.Helper()
	w, err := NewFolder(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abandon()
	if err := w.Write("index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(SiteRecord{}); err != nil {
		t.Fatal(err)
	}
}

// TestNewFolderRefuses: only an empty folder or one a build wrote is
// replaced; anything else is left exactly as it was.
func TestNewFolderRefuses(t *testing.T) {
	const notOurs = "holds files that no Descent build wrote (there is no .descent-site in it), and the build replaces the output folder as a whole; empty or remove the folder, or choose another -out, such as public"
	const aFile = "is a file, not a folder; the build replaces the output folder as a whole: remove the file or choose another -out, such as public"
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string
	}{
		{"documents", func(t *testing.T, out string) { writeFile(t, filepath.Join(out, "thesis.tex"), "work") }, notOurs},
		{"a hidden file only", func(t *testing.T, out string) { writeFile(t, filepath.Join(out, ".git/HEAD"), "ref") }, notOurs},
		{"a marker in a subfolder", func(t *testing.T, out string) { writeFile(t, filepath.Join(out, "sub", SiteMarker), "") }, notOurs},
		{"a regular file", func(t *testing.T, out string) { writeFile(t, out, "text") }, aFile},
		{"a link to documents", func(t *testing.T, out string) {
			docs := out + "-docs"
			writeFile(t, filepath.Join(docs, "a.txt"), "work")
			if err := os.Symlink(docs, out); err != nil {
				t.Fatal(err)
			}
		}, notOurs},
		{"a link to a file", func(t *testing.T, out string) {
			writeFile(t, out+"-file", "text")
			if err := os.Symlink(out+"-file", out); err != nil {
				t.Fatal(err)
			}
		}, aFile},
		{"a dangling link", func(t *testing.T, out string) {
			if err := os.Symlink("/nonexistent/site", out); err != nil {
				t.Fatal(err)
			}
		}, "is a link to /nonexistent/site, which does not exist; create that folder, or remove the link"},
		{"a loop of links", func(t *testing.T, out string) {
			if err := os.Symlink("public-2", out); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("public", out+"-2"); err != nil {
				t.Fatal(err)
			}
		}, "is a link to public-2, which cannot be followed to a folder (a loop of links?); point it at a folder, or remove the link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			tt.setup(t, out)
			before := listTree(t, dir)
			w, err := NewFolder(out, nil)
			if err == nil {
				w.Abandon()
				t.Fatal("NewFolder accepted it")
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
			if err := CheckOutput(out); err == nil || err.Error() != tt.want {
				t.Errorf("CheckOutput: got %v", err)
			}
			after := listTree(t, dir)
			for k := range after {
				if strings.HasSuffix(k, lockSuffix) {
					delete(after, k) // the lock file stays, by design
				}
			}
			if !equalTrees(before, after) {
				t.Errorf("the folder changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// listTree maps every path under dir to its contents ("" for folders,
// "-> target" for links).
func listTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "-> " + target
		case info.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			m[rel] = string(b)
		default:
			m[rel] = ""
		}
		return nil
	})
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestNewFolderReplaces: a new name, an empty folder and a built site are
// replaced, and each built site carries the marker.
func TestNewFolderReplaces(t *testing.T) {
	for _, name := range []string{"new", "empty", "built"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			switch name {
			case "empty":
				os.Mkdir(out, 0o755)
			case "built":
				buildInto(t, out, "old")
			}
			buildInto(t, out, "new")
			if got := readFile(t, filepath.Join(out, "index.html")); got != "new" {
				t.Errorf("index.html = %q", got)
			}
			if _, err := os.Stat(filepath.Join(out, SiteMarker)); err != nil {
				t.Errorf("no marker: %v", err)
			}
		})
	}
}

// TestNewFolderLink: a link as the output (public -> /var/www/site) stays
// a link, and the folder it points to gets the new site.
func TestNewFolderLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www", "site")
	os.MkdirAll(target, 0o755)
	out := filepath.Join(dir, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Fatal(err)
	}
	buildInto(t, out, "one")
	buildInto(t, out, "two")
	info, err := os.Lstat(out)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info.Mode(), err)
	}
	if got := readFile(t, filepath.Join(target, "index.html")); got != "two" {
		t.Errorf("the target's index.html = %q", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "www", ".site.descent-tmp-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestNewFolderBusy: while one build holds the output, a second is refused
// and the first's temporary folder survives, so that the first commits a
// whole site; once the first is done, the next may build.
func TestNewFolderBusy(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	first, err := NewFolder(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Write("a.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	// The same path by another name: the lock is the real folder's.
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, alias); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{out, filepath.Join(alias, "public")} {
		if _, err := NewFolder(name, nil); !errors.Is(err, ErrBusy) {
			t.Errorf("NewFolder(%s) while another build writes it: got %v, want ErrBusy", name, err)
		}
	}
	if err := first.Write("b.html", []byte("b")); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(SiteRecord{}); err != nil {
		t.Fatal(err)
	}
	first.Abandon()
	for _, f := range []string{"a.html", "b.html", SiteMarker} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the committed site lacks %s", f)
		}
	}
	buildInto(t, out, "next")
}

// TestNewFolderStale: what a killed build left is removed by the next.
func TestNewFolderStale(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, s := range []string{".public.descent-tmp-123", ".public.descent-tmp-456-old"} {
		writeFile(t, filepath.Join(dir, s, "index.html"), "half")
	}
	writeFile(t, filepath.Join(dir, ".other.descent-tmp-1", "x"), "another output's")
	buildInto(t, out, "new")
	left, _ := filepath.Glob(filepath.Join(dir, ".*.descent-tmp-*"))
	if len(left) != 1 || filepath.Base(left[0]) != ".other.descent-tmp-1" {
		t.Errorf("left: %v; want only another output's folder", left)
	}
}

// TestOutputPaths: a file whose name holds two dots (data..v2.csv, a
// lesson's notes...txt) is the author's and is written; only a path with
// a ".." element, or otherwise not inside the site, is refused, by the
// folder and by memory alike.
func TestOutputPaths(t *testing.T) {
	tests := []struct {
		rel string
		ok  bool
	}{
		{"s/data..v2.csv", true},
		{"s/notes...txt", true},
		{"..hidden/a.png", true},
		{"../escape.txt", false},
		{"s/../../escape.txt", false},
		{"/abs.txt", false},
		{"s/./a.txt", false},
	}
	for _, where := range []string{"folder", "memory"} {
		t.Run(where, func(t *testing.T) {
			dir := t.TempDir()
			var w Output
			if where == "folder" {
				var err error
				if w, err = NewFolder(filepath.Join(dir, "public"), nil); err != nil {
					t.Fatal(err)
				}
			} else {
				w = (&MemorySite{}).Writer()
			}
			defer w.Abandon()
			for _, tt := range tests {
				err := w.Write(tt.rel, []byte("x"))
				if (err == nil) != tt.ok {
					t.Errorf("Write(%q) = %v, want ok %v", tt.rel, err, tt.ok)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "escape.txt")); err == nil {
				t.Error("a file was written outside the site")
			}
		})
	}
}
