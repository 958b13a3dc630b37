package lesson

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// TestPageReuse builds a course again and again with a cache and checks
// that the output is each time exactly a fresh build's, whether pages are
// linked from the previous site or built again.
func TestPageReuse(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"memory", "disk"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cache := &Cache{}
			if kind == "disk" {
				var err error
				if cache, err = OpenCache(filepath.Join(dir, "cache")); err != nil {
					t.Fatal(err)
				}
			}
			content := courseFS(smallCourse)
			out := filepath.Join(dir, "public")
			var layouts fstest.MapFS
			check := func(step string, wantCached int) {
				t.Helper()
				sum, err := Build(context.Background(), Options{Content: content, Out: out, Cache: cache, Layouts: layouts})
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
				fresh := filepath.Join(dir, "fresh")
				if _, err := Build(context.Background(), Options{Content: content, Out: fresh, Layouts: layouts}); err != nil {
					t.Fatal(err)
				}
				if !equalMaps(relSnapshot(t, out), relSnapshot(t, fresh)) {
					t.Errorf("%s: the output differs from a fresh build", step)
				}
				if sum.FiguresCached != wantCached {
					t.Errorf("%s: %d of %d figures from the cache, want %d", step, sum.FiguresCached, sum.Figures, wantCached)
				}
			}
			inode := func(rel string) uint64 {
				info, err := os.Stat(filepath.Join(out, rel))
				if err != nil {
					t.Fatal(err)
				}
				return info.Sys().(*syscall.Stat_t).Ino
			}
			check("first build", 0)
			before := inode("basics/valley/index.html")
			check("nothing changed", 3)
			if inode("basics/valley/index.html") != before {
				t.Error("nothing changed, yet a page was written again rather than linked")
			}

			valley := content["basics/valley.md"]
			content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(valley.Data), "## Too far", "## Much too far", 1))}
			check("prose changed", 3) // the figures come from the figure cache

			valley = content["basics/valley.md"]
			content["basics/valley.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(valley.Data), "Momentum in a valley.", "Momentum in a gorge.", 1))}
			check("a description changed", 3)

			content["basics/first.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(content["basics/first.md"].Data), "First steps", "The first steps", 1))}
			check("a title changed: every page's navigation", 3)

			page := filepath.Join(out, "basics/valley/index.html")
			if err := os.WriteFile(page, []byte("edited by hand"), 0o644); err != nil {
				t.Fatal(err)
			}
			check("an output file edited", 3)

			layouts = fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}<p>{{.Title}}</p>{{.Content}}{{end}}`)}}
			check("the theme changed", 3)
		})
	}
}

// TestSharedLayer checks that a figure is the same whether its contour layer
// was drawn for it or for another figure of the same function.
func TestSharedLayer(t *testing.T) {
	t.Parallel()
	fig := func(title, label string) string {
		return "```landscape\ntitle: " + title + "\nfunction: himmelblau\nstart: [0, 0]\nsteps: 20\nruns:\n  - optimizer: gd\n    lr: 0.01\n    label: " + label + "\n```\n"
	}
	alone := "-- site.yaml --\ntitle: T\n-- s/_index.md --\n---\ntitle: S\n---\n-- s/a.md --\n---\ntitle: A\n---\n" + fig("Alone", "gd")
	shared := "-- site.yaml --\ntitle: T\n-- s/_index.md --\n---\ntitle: S\n---\n-- s/a.md --\n---\ntitle: A\n---\n" + fig("Alone", "gd") +
		"-- s/b.md --\n---\ntitle: B\n---\n" + fig("Another title", "sgd") // the same legend width, so the same plot and layer
	outA, err := build(t, alone)
	if err != nil {
		t.Fatal(err)
	}
	outB, err := build(t, shared)
	if err != nil {
		t.Fatal(err)
	}
	svg := func(out string) string {
		page := readOut(t, out, "s/a/index.html")
		i, j := strings.Index(page, "<svg xmlns"), strings.Index(page, "</svg>")
		return page[i:j]
	}
	if svg(outA) != svg(outB) {
		t.Error("the figure differs when another figure shares its contour layer")
	}
}
