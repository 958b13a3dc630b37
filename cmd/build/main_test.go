package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRun drives the command as an author would: a good build, a bad flag,
// and a broken lesson that must leave the previous site untouched.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	writeFiles(t, content, map[string]string{
		"site.yaml":   "title: T\n",
		"_index.md":   "---\ntitle: Home\n---\nHi.\n",
		"s/_index.md": "---\ntitle: S\n---\n",
		"s/one.md":    "---\ntitle: One\n---\nText.\n\n```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: 5\nruns:\n  - optimizer: gd\n    lr: 0.1\n```\n",
	})
	var stdout, stderr bytes.Buffer
	args := []string{"-content", content, "-layouts", filepath.Join(dir, "none"), "-out", out}
	if code := run(context.Background(), args, &stdout, &stderr); code != 2 {
		t.Errorf("a missing -layouts folder: exit %d, want 2; %s", code, stderr.String())
	}
	args = []string{"-content", content, "-out", out}
	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Figures           |     1") {
		t.Errorf("summary:\n%s", stdout.String())
	}
	page, err := os.ReadFile(filepath.Join(out, "s/one/index.html"))
	if err != nil {
		t.Fatal(err)
	}

	writeFiles(t, content, map[string]string{"s/one.md": "---\ntitle: One\n---\nText.\n\n```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: -5\nruns:\n  - optimizer: gd\n    lr: 0.1\n```\n"})
	stderr.Reset()
	if code := run(context.Background(), args, &stdout, &stderr); code != 1 {
		t.Errorf("broken lesson: exit %d, want 1", code)
	}
	want := filepath.Join(content, "s/one.md") + ":9: steps: must be at least 1, not -5\n"
	if !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to start with\n%s", stderr.String(), want)
	}
	again, _ := os.ReadFile(filepath.Join(out, "s/one/index.html"))
	if !bytes.Equal(page, again) {
		t.Error("a failed build changed the site")
	}

	for _, bad := range [][]string{{"-nope"}, {"extra-arg"}, {"-out", content}, {"-out", "."}, {"-out", ""}} {
		if code := run(context.Background(), append([]string{"-content", content}, bad...), &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
