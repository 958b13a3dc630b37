package lesson

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// A loop of about 10⁹ rounds that writes, but nothing (zero bytes), so that
// only the time limit or the context stops it, at its next write.
const endless = `{{range 1000000}}{{range len (printf "%01000d" 0)}}{{""}}{{end}}{{end}}`

// TestTemplateLimits: templates run within bounds of size and time, and a
// range over a huge literal is refused when parsed (issue #20:
// {{range 100000000000}} ran without end).
func TestTemplateLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		file, tm string
		opt      Options
		want     string
	}{
		{"a huge literal range", "lesson.html", `{{define "main"}}{{range 100000000000}}x{{end}}{{end}}`, Options{},
			"layouts/lesson.html:1: {{range 100000000000}} makes 100000000000 rounds with the ranges around it, over the limit of 1000000"},
		{"nested literal ranges", "base.html", "{{define \"base\"}}\n{{range 1000}}\n{{range 1001}}{{end}}{{end}}{{template \"main\" .}}{{end}}", Options{},
			"layouts/base.html:3: {{range 1001}} makes 1001000 rounds with the ranges around it, over the limit of 1000000"},
		{"in the figure template", "figure.html", `{{define "figure"}}{{range 9999999}}{{end}}{{end}}`, Options{},
			"layouts/figure.html:1: {{range 9999999}} makes 9999999 rounds with the ranges around it, over the limit of 1000000"},
		{"too much output", "lesson.html", `{{define "main"}}{{range 1000000}}{{printf "%01000d" 0}}{{end}}{{end}}`, Options{PageBytes: 1 << 20, PageTime: time.Minute},
			"layouts/lesson.html: the page is over 1 MiB, the limit per page; look for a loop that writes without end"},
		{"too long", "lesson.html", `{{define "main"}}` + endless + `{{end}}`, Options{PageTime: 300 * time.Millisecond},
			"layouts/lesson.html: executing the template took over 300ms, the limit per page; look for a loop that does not end"},
		{"the 404 page too long", "404.html", `{{define "main"}}` + endless + `{{end}}`, Options{PageTime: 300 * time.Millisecond},
			"layouts/404.html: executing the template took over 300ms, the limit per page; look for a loop that does not end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opt := tt.opt
			opt.Content = lessonCourse(figureLesson(good))
			opt.Layouts = fstest.MapFS{tt.file: {Data: []byte(tt.tm)}}
			opt.Out = filepath.Join(t.TempDir(), "out")
			start := time.Now()
			_, err := Build(context.Background(), opt)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestTemplateStoppable: cancelling the build stops a template that would
// run for minutes, at once: cmd/serve's Ctrl-C, and its next save.
func TestTemplateStoppable(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Build(ctx, Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Memory: &MemorySite{},
		Layouts: fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}` + endless + `{{end}}`)}}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v", d)
	}
}
