package lesson

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A panic while the figures are computed, before the pages are rendered,
// is raised again where the build waits for them (Build, and cmd/serve's
// recover), and no figure is left unready: a worker waiting for one would
// wait for ever.
func TestPrecomputePanics(t *testing.T) {
	t.Parallel()
	fig := "```landscape\nfunction: himmelblau\nstart: [1, 1]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.01}]\n```\n\n"
	files := map[string]string{"s/a.md": "---\ntitle: A\n---\n" + strings.Repeat(fig, 5)}
	b, err := load(Options{Content: lessonWithFiles(files), Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	b.ctx = context.Background()
	if err := b.plan(); err != nil {
		t.Fatal(err)
	}
	b.parse()
	if len(b.errs) > 0 {
		t.Fatal(b.errs)
	}
	b.conv = nil // a catalog function's formula is converted after its figure is computed: a nil pointer
	stop := b.precompute()
	n := 0
	for _, p := range b.parsed {
		for _, f := range p.figures {
			n++
			select {
			case <-f.ready:
			case <-time.After(time.Minute):
				t.Fatalf("figure %s is not ready a minute after the panic", f.id)
			}
			if f.err != errNotComputed || f.data != nil {
				t.Errorf("figure %s: data %v, error %v; want none and %v", f.id, f.data, f.err, errNotComputed)
			}
		}
	}
	if n != 5 {
		t.Fatalf("%d figures parsed, want 5", n)
	}
	got := func() (r any) {
		defer func() { r = recover() }()
		stop()
		return nil
	}()
	if got == nil {
		t.Error("stop returned without raising the panic")
	}
}
