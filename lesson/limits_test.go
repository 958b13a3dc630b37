package lesson

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWorkLimits: figures and their work per lesson are limited, each an
// error at the figure (issue #20: 60 figures at the limits took 3.7 GB).
// None of these builds computes a figure: the limits are checked first.
func TestWorkLimits(t *testing.T) {
	t.Parallel()
	small := "```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: 2\nruns: [{optimizer: gd, lr: 0.1}]\n```\n\n"
	// 24 trajectories of 5,000 steps: 120,000.
	big := "```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: 5000\nruns: [{optimizer: gd, lr: [" + strings.TrimSuffix(strings.Repeat("0.1, ", 24), ", ") + "]}]\n```\n\n"
	tests := []struct {
		name, body string
		want       string
	}{
		{"17 figures", strings.Repeat(small, 17),
			"content/s/lesson.md:116: landscape: the lesson's figure 17 is over the limit of 16 figures per lesson; split the lesson"},
		{"60 figures", strings.Repeat(small, 60),
			"content/s/lesson.md:116: landscape: the lesson's figure 17 is over the limit of 16 figures per lesson; split the lesson"},
		{"60 figures at the limits", strings.Repeat(big, 60),
			"content/s/lesson.md:25: landscape: this figure brings the lesson's work to 480000 trajectory steps (starts × sweep values × steps), over the limit of 400000 per lesson; split the lesson or take fewer steps\n" +
				"content/s/lesson.md:116: landscape: the lesson's figure 17 is over the limit of 16 figures per lesson; split the lesson"},
		{"4 figures at the limits", strings.Repeat(big, 4),
			"content/s/lesson.md:25: landscape: this figure brings the lesson's work to 480000 trajectory steps (starts × sweep values × steps), over the limit of 400000 per lesson; split the lesson or take fewer steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "---\ntitle: L\n---\n" + tt.body
			start := time.Now()
			wantError(t, lessonCourse(src), tt.want)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
}

// TestBuildWorkLimit: the course as a whole has a limit too, reported at
// the figure that passes it, in reading order.
func TestBuildWorkLimit(t *testing.T) {
	t.Parallel()
	big := "```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: 5000\nruns: [{optimizer: gd, lr: [" + strings.TrimSuffix(strings.Repeat("0.1, ", 24), ", ") + "]}]\n```\n\n"
	files := map[string]string{}
	for i := range 56 { // 3 figures of 120,000 each: 360,000 per lesson
		files[fmt.Sprintf("s/l%02d.md", i)] = "---\ntitle: L\n---\n" + strings.Repeat(big, 3)
	}
	start := time.Now()
	_, err := Build(context.Background(), Options{Content: lessonWithFiles(files), Out: filepath.Join(t.TempDir(), "out")})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v: were figures computed?", d)
	}
	want := "content/s/l55.md:11: landscape: this figure brings the course's work to 20040000 trajectory steps, over the limit of 20000000 per build; take fewer steps or build the course in parts"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestMarkdownLimits: a lesson's size and its nesting are limited.
func TestMarkdownLimits(t *testing.T) {
	t.Parallel()
	var nested strings.Builder
	for i := range 40 {
		nested.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	tests := []struct{ name, src, want string }{
		{"over a MiB", "---\ntitle: L\n---\n" + strings.Repeat("word ", 1<<18), "content/s/lesson.md:1: the lesson is 1310737 bytes, over the limit of 1 MiB; split it"},
		{"nested lists", "---\ntitle: L\n---\nText.\n\n" + nested.String(), "content/s/lesson.md:38: nesting: lists and quotes nest more than 32 deep, the limit; flatten them"},
		{"nested quotes", "---\ntitle: L\n---\nText.\n\n" + strings.Repeat("> ", 4000) + "x\n", "content/s/lesson.md:6: nesting: lists and quotes nest more than 32 deep, the limit; flatten them"},
		{"nested empty quotes", "---\ntitle: L\n---\nText.\n\n" + strings.Repeat("> ", 40) + "\n", "content/s/lesson.md:6: nesting: lists and quotes nest more than 32 deep, the limit; flatten them"},
		{"nested quotes round an alert", "---\ntitle: L\n---\nText.\n\n" + strings.Repeat("> ", 40) + "[!NOTE]\n", "content/s/lesson.md:6: nesting: lists and quotes nest more than 32 deep, the limit; flatten them"},
		{"one line of stars", "---\ntitle: L\n---\nText.\n\n" + strings.Repeat("* ", 40) + "x\n", "content/s/lesson.md:6: nesting: lists and quotes nest more than 32 deep, the limit; flatten them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantError(t, lessonCourse(tt.src), tt.want)
		})
	}
}

// TestTextLimits: page and course titles and descriptions have a length
// limit; each is in the navigation of many pages.
func TestTextLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a lesson's title", map[string]string{"s/x.md": "---\ntitle: " + strings.Repeat("t", 1_000_000) + "\n---\nText.\n"},
			"content/s/x.md:2: title: 1000000 characters is over the limit of 300"},
		{"a section's title", map[string]string{"s/_index.md": "---\ntitle: " + strings.Repeat("日", 301) + "\n---\n"},
			"content/s/_index.md:2: title: 301 characters is over the limit of 300"},
		{"a description", map[string]string{"s/x.md": "---\ntitle: X\ndescription: " + strings.Repeat("d", 1001) + "\n---\nText.\n"},
			"content/s/x.md:3: description: 1001 characters is over the limit of 1000"},
		{"the course's title", map[string]string{"site.yaml": "title: " + strings.Repeat("c", 5000) + "\n"},
			"content/site.yaml:1: title: 5000 characters is over the limit of 300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantError(t, lessonWithFiles(tt.files), tt.want)
		})
	}
}

// A learning rate near the largest float64 is a run that diverges: its live
// slider's range (a hundred times it) once overflowed to +Inf, and the
// build failed at the block's fence, blaming the domain.
func TestHugeLearningRateDiverges(t *testing.T) {
	t.Parallel()
	for _, lr := range []string{"1e308", "1.7976931348623157e308", "1e200"} {
		src := "---\ntitle: L\n---\n```landscape\nfunction: quadratic\nstart: [1, 1]\nsteps: 5\nruns:\n  - {optimizer: gd, lr: " + lr + "}\n  - {optimizer: adam, lr: " + lr + "}\n```\n"
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Content: lessonWithFiles(map[string]string{"s/lesson.md": src}), Out: out}); err != nil {
			t.Fatalf("lr %s: %v", lr, err)
		}
		if page := readOut(t, out, "s/lesson/index.html"); !strings.Contains(page, "diverged at step") {
			t.Errorf("lr %s: no run diverged", lr)
		}
	}
}

// TestFileSizeLimit: a file the build copies or reads whole (an image, a
// data file, the bibliography) is held in memory, so one over the limit is
// an error at the file, before it is read: an 8 GB video beside a lesson
// stopped the build with "fatal error: out of memory" and a stack trace.
// The files are sparse: nothing of them is on disk.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file string
		site       string
		want       string
	}{
		{"a static file", "s/video.mp4", "title: T\n", "content/s/video.mp4: the file is 1073741825 bytes, over the limit of 1 GiB; publish it elsewhere and link to it"},
		{"the bibliography", "references.bib", "title: T\nbibliography: references.bib\n", "content/site.yaml:2: bibliography: cannot read content/references.bib: the file is 1073741825 bytes, over the limit of 1 GiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, text := range map[string]string{"site.yaml": tt.site, "_index.md": "---\ntitle: Home\n---\n", "s/_index.md": "---\ntitle: S\n---\n", "s/lesson.md": "---\ntitle: L\n---\nText.\n", tt.file: ""} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Truncate(filepath.Join(dir, tt.file), maxFileBytes+1); err != nil {
				t.Skip(err)
			}
			_, err := Build(context.Background(), Options{Content: os.DirFS(dir), Out: filepath.Join(t.TempDir(), "out")})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}
