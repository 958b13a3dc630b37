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

// TestRunRefuses: flags that would lose files or publish a bad address
// exit 2 with one line saying why, and touch nothing.
func TestRunRefuses(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, ".", map[string]string{
		"content/_index.md":   "---\ntitle: Home\n---\nHi.\n",
		"content/s/_index.md": "---\ntitle: S\n---\n",
		"content/s/one.md":    "---\ntitle: One\n---\nText.\n",
		"docs/thesis.tex":     "work",
	})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-out", "content/s"}, "build: -out content/s is inside -content content, and the build replaces -out as a whole; choose an output folder of its own, such as public\n"},
		{[]string{"-out", "docs"}, "build: -out docs: holds files that no Descent build wrote (there is no .descent-site in it), and the build replaces the output folder as a whole; empty or remove the folder, or choose another -out, such as public\n"},
		{[]string{"-out", "public", "-cache", "public/cache"}, "build: -out public contains -cache public/cache, and the build replaces -out as a whole; choose an output folder of its own, such as public\n"},
		{[]string{"-out", "public", "-cache", "content"}, "build: -cache content is the same folder as -content content, where the build would publish its files with the course; choose a cache folder of its own, or -cache \"\" for none\n"},
		{[]string{"-baseURL", "javascript:alert(1)"}, "build: -baseURL: expected an absolute http or https address such as https://example.org/course/, found \"javascript:alert(1)\"\n"},
		{[]string{"-content", "no\x1b[2Jne"}, "build: -content no\\x1b[2Jne: not a folder of lessons\n"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append([]string{"-cache", ""}, tt.args...), &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2", tt.args, code)
		}
		if stderr.String() != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.args, stderr.String(), tt.want)
		}
	}
	if b, err := os.ReadFile("docs/thesis.tex"); err != nil || string(b) != "work" {
		t.Error("the documents changed")
	}
}
