package lesson

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestDiskCache stores a figure, reads it back, from the pack being
// written and from the finished pack, and ignores damaged packs.
func TestDiskCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	fd := &FigureData{ID: "f", Title: "A <title>", Main: "<svg/>", JSON: `{"id":"f"}`, Steps: 3,
		Runs: []FigureRun{{Index: 0, Label: "gd", Final: "(1, 2)"}}, Sweeps: []Sweep{{ID: 0, Setting: "lr", Values: []string{"0.1"}}}}
	key := figureKey("f", []byte("function: quadratic"))
	if _, ok := c.get(key); ok {
		t.Fatal("hit in an empty cache")
	}
	c.put(key, fd)
	got, ok := c.get(key)
	if !ok || !reflect.DeepEqual(got, fd) {
		t.Fatalf("before flush: got %+v, %v; want %+v", got, ok, fd)
	}
	c.flush()
	if left, _ := filepath.Glob(filepath.Join(c.disk.dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	packs, _ := filepath.Glob(filepath.Join(c.disk.dir, "pack-*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs after one flush, want 1: %v", len(packs), packs)
	}
	if got, ok := c.get(key); !ok || !reflect.DeepEqual(got, fd) {
		t.Fatalf("after flush: got %+v, %v; want %+v", got, ok, fd)
	}
	again, err := OpenCache(dir) // another build, the same program
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := again.get(key); !ok || !reflect.DeepEqual(got, fd) {
		t.Errorf("a second cache on the same folder: got %+v, %v", got, ok)
	}

	p := packs[0]
	good, _ := os.ReadFile(p)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not ours", []byte("hello, world, this is not a cache entry at all, but long enough")},
	}
	for n := range len(good) {
		tests = append(tests, struct {
			name string
			data []byte
		}{fmt.Sprintf("truncated to %d bytes", n), good[:n]})
	}
	for i := range good {
		b := slices.Clone(good)
		b[i] ^= 1
		tests = append(tests, struct {
			name string
			data []byte
		}{fmt.Sprintf("byte %d flipped", i), b})
	}
	for _, tt := range tests {
		if err := os.WriteFile(p, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		fresh := &Cache{disk: newDiskCache(c.disk.dir)}
		if got, ok := fresh.get(key); ok {
			t.Errorf("%s: read %+v from a damaged pack", tt.name, got)
		}
	}
	// Damaged after its index was read.
	for _, tt := range tests[2:] {
		if err := os.WriteFile(p, good, 0o644); err != nil {
			t.Fatal(err)
		}
		loaded := &Cache{disk: newDiskCache(c.disk.dir)}
		if _, ok := loaded.get(key); !ok {
			t.Fatal("miss on the whole pack")
		}
		if err := os.WriteFile(p, tt.data, 0o644); err != nil { // in place: the open file sees it
			t.Fatal(err)
		}
		got, ok := loaded.get(key)
		if ok && !reflect.DeepEqual(got, fd) {
			t.Errorf("%s after the index was read: read %+v", tt.name, got)
		}
		loaded.flush()
	}
	if left, _ := filepath.Glob(filepath.Join(c.disk.dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCachePrune removes other versions' folders unused for maxAge.
func TestCachePrune(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "descent-figure-0-old"), filepath.Join(dir, "descent-figure-0-fresh")
	for _, d := range []string{old, fresh} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * maxAge)
	os.Chtimes(old, long, long)
	if _, err := OpenCache(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("%s was kept", old)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("%s was removed: %v", fresh, err)
	}
}

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
				s, err := stampOf(filepath.Join(out, rel))
				if err != nil {
					t.Fatal(err)
				}
				return s.Inode
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

// TestFigureJSON holds appendFigureJSON to json.Marshal's bytes.
func TestFigureJSON(t *testing.T) {
	t.Parallel()
	// The encoder writes these fields by hand; a new one must be added there.
	wantFields := map[reflect.Type][]string{
		reflect.TypeFor[figureJSON](): {"id", "title,omitempty", "function", "dim", "domain", "runs", "critical_points", "sweeps"},
		reflect.TypeFor[runJSON]():    {"label", "optimizer", "params", "points", "loss", "grad_norm", "diverged", "stopped_at", "color", "sweep"},
	}
	for typ, want := range wantFields {
		var got []string
		for f := range typ.Fields() {
			got = append(got, f.Tag.Get("json"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v has fields %q; appendFigureJSON writes %q", typ, got, want)
		}
	}

	stop := 2
	odd := []float64{0, math.Copysign(0, -1), 1e-7, -2.5e-7, 1e21, 1.5e300, 123456789.125, 1.0 / 3, 5e-324}
	figs := []*figureJSON{
		{ID: "empty"},
		{ID: "f-1", Title: `<b>"Momentum" & co</b>` + "\u2028\t", Function: "x^2 + y^2", Dim: 2,
			Domain: map[string][2]float64{"x": {-2, 2}, "y": {-1, 3.5}},
			Runs: []runJSON{
				{Label: "gd, lr=0.1", Optimizer: "gd", Params: map[string]any{"lr": 0.1, "nesterov": true, "batch": 4},
					Points: [][]float64{{1, 2}, {odd[2], odd[4]}, {odd[1], odd[8]}}, Loss: odd,
					GradNorm: []jsonFloat{1, jsonFloat(math.NaN()), jsonFloat(math.Inf(1)), 1e-7, 1e21},
					Diverged: true, StoppedAt: &stop, Color: "#0072b2", Sweep: &sweepRef{Sweep: 0, Index: 1}},
				{Label: "", Points: [][]float64{}, Loss: []float64{}, GradNorm: []jsonFloat{}},
			},
			CriticalPoints: []criticalJSON{{X: 1, Y: 0, Value: -1e-9, Kind: "minimum"}},
			Sweeps:         []sweepJSON{{Setting: "lr", Values: []float64{0.01, 0.1}, Runs: []int{0, 1}}},
		},
	}
	for _, f := range figs {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFigureJSON(nil, f)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", f.ID, got, want)
		}
	}
	bad := &figureJSON{Runs: []runJSON{{Loss: []float64{math.NaN()}}}}
	if _, err := appendFigureJSON(nil, bad); err == nil {
		t.Error("a NaN loss was written")
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
