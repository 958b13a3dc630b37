package lesson

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkSampleCourse builds ../content cold (a fresh figure cache each
// time) and warm (figures cached, as cmd/serve rebuilds).
func BenchmarkSampleCourse(b *testing.B) {
	if _, err := os.Stat("../content/site.yaml"); err != nil {
		b.Skip("no sample course")
	}
	content := os.DirFS("../content")
	out := filepath.Join(b.TempDir(), "public")
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		cache := &Cache{}
		Build(context.Background(), Options{Content: content, Out: out, Cache: cache})
		for b.Loop() {
			if _, err := Build(context.Background(), Options{Content: content, Out: out, Cache: cache}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCourse builds the course in $DESCENT_BENCH_COURSE cold and warm
// (every figure in an on-disk cache), for profiling a large generated
// course (go run ./bench/gencourse); $DESCENT_BENCH_LAYOUTS may name a
// layouts folder.
func BenchmarkCourse(b *testing.B) {
	dir := os.Getenv("DESCENT_BENCH_COURSE")
	if dir == "" {
		b.Skip("DESCENT_BENCH_COURSE is not set")
	}
	opt := Options{Content: os.DirFS(dir), Out: filepath.Join(b.TempDir(), "public")}
	if l := os.Getenv("DESCENT_BENCH_LAYOUTS"); l != "" {
		opt.Layouts = os.DirFS(l)
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(context.Background(), opt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		var err error
		if opt.Cache, err = OpenCache(b.TempDir()); err != nil {
			b.Fatal(err)
		}
		Build(context.Background(), opt)
		for b.Loop() {
			if _, err := Build(context.Background(), opt); err != nil {
				b.Fatal(err)
			}
		}
	})
	// index is the search index of the whole course from the pages'
	// records, as each rebuild writes it; compare it with edit-memory.
	b.Run("index", func(b *testing.B) {
		opt := opt
		opt.Out, opt.Memory, opt.Cache = "", &MemorySite{}, &Cache{}
		if _, err := Build(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
		bl, err := load(opt)
		if err != nil {
			b.Fatal(err)
		}
		pages, recs := bl.course.allPages(), opt.Memory.Records()
		for b.Loop() {
			if err := writeSearch(opt.Memory.Writer(), pages, recs); err != nil {
				b.Fatal(err)
			}
		}
	})
	// edit is cmd/serve's rebuild after a save: one lesson's text changed,
	// the figures in the cache folder (or, edit-memory, in memory) and the
	// previous site in memory.
	for _, where := range []string{"edit", "edit-memory"} {
		b.Run(where, func(b *testing.B) {
			content := fstest.MapFS{}
			err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(filepath.Join(dir, name))
				content[name] = &fstest.MapFile{Data: data}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			var edited string
			for name := range content {
				if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") && (edited == "" || name < edited) {
					edited = name
				}
			}
			original := string(content[edited].Data)
			opt := opt
			opt.Content, opt.Cache, opt.Out, opt.Memory = content, &Cache{}, "", &MemorySite{}
			if where == "edit" {
				if opt.Cache, err = OpenCache(b.TempDir()); err != nil {
					b.Fatal(err)
				}
			}
			Build(context.Background(), opt)
			i := 0
			for b.Loop() {
				i++
				content[edited] = &fstest.MapFile{Data: []byte(original + fmt.Sprintf("\n\nEdit %d.\n", i))}
				if _, err := Build(context.Background(), opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchLesson is one lesson as bench/gencourse writes them: prose, a code
// block, formulas and two figures of four runs of 300 steps.
const benchLesson = "---\ntitle: A lesson\n---\n\nGradient descent walks against the gradient, $\\theta - \\eta \\nabla L$, step by step.\n\n" +
	"$$\n\\theta_{t+1} = \\theta_t - \\eta \\nabla L(\\theta_t)\n$$\n\n```python\nfor step in range(steps):\n    x = x - lr * grad(x)\n```\n\n" +
	"```landscape\ntitle: Himmelblau\nfunction: himmelblau\nstart: [-1, 4]\nsteps: 300\nruns:\n  - optimizer: gd\n    lr: 0.01\n" +
	"  - optimizer: momentum\n    lr: 0.001\n    momentum: 0.9\n  - optimizer: rmsprop\n    lr: 0.05\n  - optimizer: adam\n    lr: 0.2\n```\n\n" +
	"## Rosenbrock\n\n```landscape\ntitle: Rosenbrock\nfunction: rosenbrock\nstart: [-1.5, 2.5]\nsteps: 300\nruns:\n  - optimizer: gd\n    lr: 0.001\n" +
	"  - optimizer: momentum\n    lr: 0.0001\n    momentum: 0.9\n  - optimizer: rmsprop\n    lr: 0.02\n  - optimizer: adam\n    lr: 0.08\n```\n"

// BenchmarkLesson builds a one-lesson course end to end, with nothing
// cached: parsing, formulas, two figures (grids, contours, critical points,
// runs, SVG, JSON) and the page.
func BenchmarkLesson(b *testing.B) {
	content := fstest.MapFS{
		"site.yaml":     {Data: []byte("title: Bench\n")},
		"s/_index.md":   {Data: []byte("---\ntitle: S\n---\n")},
		"s/lesson-1.md": {Data: []byte(benchLesson)},
	}
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
