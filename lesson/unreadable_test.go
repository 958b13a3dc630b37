package lesson

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// denyFS is a course whose file deny cannot be opened, as a file without
// read permission cannot (the tests run as root, which reads every file).
type denyFS struct {
	fstest.MapFS
	deny string
}

func (d denyFS) Open(name string) (fs.File, error) {
	if name == d.deny {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d denyFS) ReadFile(name string) ([]byte, error) {
	if name == d.deny {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadFile(name)
}

// A file the build cannot read is an error that names it, whatever the
// file is, and the build writes nothing.
func TestUnreadableFiles(t *testing.T) {
	t.Parallel()
	course := func() fstest.MapFS {
		c := lessonCourse("---\ntitle: L\n---\nSee [@k] and ![a plot](plot.png).\n")
		c["site.yaml"] = &fstest.MapFile{Data: []byte("title: T\nbibliography: refs.bib\n")}
		c["refs.bib"] = &fstest.MapFile{Data: []byte("@misc{k, author = {A}, title = {T}, year = 1}\n")}
		c["s/plot.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
		return c
	}
	for _, tt := range []struct{ deny, want string }{
		{"s/lesson.md", "content/s/lesson.md: cannot read: permission denied"},
		{"s/_index.md", "content/s/_index.md: cannot read: permission denied"},
		{"site.yaml", "content/site.yaml: cannot read: permission denied"},
		{"refs.bib", "content/site.yaml:2: bibliography: cannot read content/refs.bib: permission denied"},
		{"s/plot.png", "content/s/plot.png: cannot read: permission denied"},
	} {
		t.Run(tt.deny, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			_, err := Build(t.Context(), Options{Content: denyFS{course(), tt.deny}, Out: out})
			if err == nil {
				t.Fatalf("built; want the error %s", tt.want)
			}
			if lines := strings.Split(err.Error(), "\n"); !slices.Contains(lines, tt.want) {
				t.Errorf("errors %q, want %s", lines, tt.want)
			}
			if m, _ := filepath.Glob(filepath.Join(out, "*")); len(m) > 0 {
				t.Errorf("a failed build wrote %v", m)
			}
		})
	}
}

// A theme file the build cannot read is an error that names it too.
func TestUnreadableLayouts(t *testing.T) {
	t.Parallel()
	layouts := fstest.MapFS{
		"base.html":        {Data: []byte(`<!doctype html><title>{{.Title}}</title>{{block "main" .}}{{end}}`)},
		"static/style.css": {Data: []byte("body{}")},
		"lesson.html":      {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
	}
	for _, tt := range []struct{ deny, want string }{
		{"base.html", "layouts/base.html: "},
		{"lesson.html", "layouts/lesson.html: "},
		{"static/style.css", "layouts/static/style.css: cannot read: permission denied"},
	} {
		t.Run(tt.deny, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			own := fstest.MapFS{tt.deny: layouts[tt.deny]} // the rest from the built-in theme
			_, err := Build(t.Context(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Layouts: denyFS{own, tt.deny}, Out: out})
			if err == nil {
				t.Fatalf("built; want an error naming %s", tt.deny)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "permission denied") {
				t.Errorf("errors %q, want %s… permission denied", strings.Split(err.Error(), "\n"), tt.want)
			}
		})
	}
}
