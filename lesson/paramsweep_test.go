package lesson

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const paramSweepCourse = "-- site.yaml --\ntitle: T\n-- s/_index.md --\n---\ntitle: S\n---\n-- s/a.md --\n---\ntitle: A\n---\n" +
	"```landscape\nid: amp\nfunction: rastrigin\nparams: {A: [1, 4, 10]}\nstart: [2.2, 1.7]\nsteps: 5\nruns: [{optimizer: gd, lr: 0.001}]\n```\n"

// TestParamSweepPage: a parameter sweep is a family of figures, one per
// value, each captioned with its value, under a slider the script shows.
func TestParamSweepPage(t *testing.T) {
	out, err := build(t, paramSweepCourse)
	if err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/a/index.html")
	for _, want := range []string{`<div class="landscape-family" id="amp">`, `id="amp-param"`,
		`id="amp--1"`, `id="amp--2"`, `id="amp--3"`, `A = 1</span>`, `A = 4</span>`, `A = 10</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	figs := figures(t, page)
	if len(figs) != 3 {
		t.Fatalf("%d figures' data, want 3", len(figs))
	}
	for i, f := range figs {
		v, _ := f["variant"].(map[string]any)
		if v["param"] != "A" || v["index"] != float64(i) {
			t.Errorf("figure %d: variant %v", i, f["variant"])
		}
	}
}

// TestParamSweepOldTheme: a theme whose figure.html has no "family" shows
// the variants one after another.
func TestParamSweepOldTheme(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	theme := fstest.MapFS{"figure.html": {Data: []byte(`{{define "figure"}}<figure id="{{.ID}}">{{.Param}}={{.Value}}</figure>{{end}}`)}}
	if _, err := Build(context.Background(), Options{Content: courseFS(paramSweepCourse), Out: out, Layouts: theme}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/a/index.html")
	if !strings.Contains(page, `<figure id="amp--1">A=1</figure><figure id="amp--2">A=4</figure><figure id="amp--3">A=10</figure>`) {
		t.Errorf("the variants are not one after another:\n%s", page)
	}
}

// TestAxesNames: axes: names the plot's axes and the table's columns,
// escaped, and the caption names the parameters that differ from the
// catalog's defaults.
func TestAxesNames(t *testing.T) {
	out, err := build(t, "-- site.yaml --\ntitle: T\n-- s/_index.md --\n---\ntitle: S\n---\n-- s/a.md --\n---\ntitle: A\n---\n"+
		"```landscape\nfunction: rosenbrock\nparams: {b: 10}\naxes: {x: intercept, y: \"<b>slope\"}\nstart: [0, 0]\nsteps: 3\nruns: [{optimizer: gd, lr: 0.01}]\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "s/a/index.html")
	for _, want := range []string{">intercept</text>", ">&lt;b&gt;slope</text>", "Final point (intercept, &lt;b&gt;slope)", ", with b = 10</span>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "<b>slope") {
		t.Error("an axis name reached the page as markup")
	}
}
