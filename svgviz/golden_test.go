package svgviz

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

type figure interface{ WriteSVG(io.Writer) error }

func goldenFigures() []struct {
	name string
	fig  figure
	runs int
} {
	return []struct {
		name string
		fig  figure
		runs int
	}{
		{"himmelblau", seedLandscape(), 4},
		{"rosenbrock", rosenbrockLandscape(), 2},
		{"saddle", saddleLandscape(), 2},
		{"rastrigin", rastriginLandscape(), 2},
		{"diverged", divergedLandscape(), 2},
		{"undefined", undefinedLandscape(), 0},
		{"wiggle", wiggleCurve(), 2},
		{"losses", lossesCurve(true), 1},
		{"search", searchLandscape(), 2},
		{"curves-only", lossesCurve(false), 0},
		{"loss", lossPlot(), 3},
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenFigures() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := tt.fig.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			checkSVG(t, b.Bytes(), tt.runs)
			matchGolden(t, tt.name, b.Bytes())
		})
	}
}

// matchGolden compares got with testdata/NAME.svg, or writes it there
// with -update.
func matchGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./svgviz -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (%d bytes, want %d); if the change is intended, run go test ./svgviz -update and look at the pictures",
			path, len(got), len(want))
	}
}

// checkSVG checks what every figure promises: well-formed XML starting with
// <svg>, the page contract's attributes and groups, unique ids that
// clip-path refers to, and a <title> and <desc> first, which name and
// describe the image.
func checkSVG(t *testing.T, svg []byte, runs int) {
	t.Helper()
	if !bytes.HasPrefix(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" `)) {
		t.Fatalf("output starts with %.40q, want <svg xmlns=…", svg)
	}
	ids := map[string]bool{}
	var root xml.StartElement
	counts := map[string]int{}
	var order []string // the first elements
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root.Name.Local == "" {
			root = se
		}
		if len(order) < 3 {
			order = append(order, se.Name.Local)
		}
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "id":
				if ids[a.Value] {
					t.Errorf("duplicate id %q", a.Value)
				}
				ids[a.Value] = true
			case "class":
				counts[se.Name.Local+"."+a.Value]++
			}
		}
	}
	attr := func(name string) string {
		for _, a := range root.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		t.Errorf("root has no %s", name)
		return ""
	}
	if attr("role") != "img" {
		t.Errorf("role=%q, want img", attr("role"))
	}
	if !slices.Equal(order, []string{"svg", "title", "desc"}) {
		t.Errorf("the figure starts with %v, want svg, title, desc", order)
	}
	for _, a := range []string{"data-x0", "data-x1", "data-y0", "data-y1", "data-plot", "viewBox"} {
		attr(a)
	}
	if n := len(strings.Fields(attr("data-plot"))); n != 4 {
		t.Errorf("data-plot has %d numbers, want 4", n)
	}
	for _, c := range []string{"g.run", "path.trail", "path.progress", "circle.marker", "g.legend-item"} {
		if counts[c] != runs {
			t.Errorf("%d %s, want %d", counts[c], c, runs)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	l := divergedLandscape()
	var a, b bytes.Buffer
	if err := l.WriteSVG(&a); err != nil {
		t.Fatal(err)
	}
	if err := l.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of one landscape differ")
	}
}

// TestSeedFigureSize holds the Himmelblau figure (400×400 grid, 50 levels,
// four runs of 200 steps) to a tenth of matplotlib's 519,992 bytes.
func TestSeedFigureSize(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := seedLandscape().WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if n := b.Len(); n > 52000 {
		t.Errorf("seed figure is %d bytes, want at most 52000", n)
	} else {
		t.Logf("seed figure: %d bytes", n)
	}
}

func TestEscaping(t *testing.T) {
	t.Parallel()
	const evil = `<script>alert("x")</script>&`
	run := Run{Label: evil, Points: [][]float64{{0, 0}, {1, 1}}, Loss: []float64{1, 0}}
	figs := map[string]figure{
		"landscape": Landscape{ID: `a"b<c`, Title: evil, Desc: evil,
			Grid: sample(Domain{-1, 1, -1, 1}, 5, 5, saddle.f), Runs: []Run{run}},
		"curve": Curve{Title: evil, Xs: []float64{0, 1}, Ys: []float64{0, 1},
			Runs: []Run{{Label: evil, Points: [][]float64{{0}}, Loss: []float64{0}}}},
		"loss": LossPlot{Title: evil, Desc: evil, Runs: []Run{run}},
	}
	for name, fig := range figs {
		var b bytes.Buffer
		if err := fig.WriteSVG(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := b.String()
		if strings.Contains(s, "<script") || strings.Contains(s, `"x"`) || strings.Contains(s, `a"b`) {
			t.Errorf("%s: author text not escaped:\n%s", name, s)
		}
		if !strings.Contains(s, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;") {
			t.Errorf("%s: escaped title missing", name)
		}
		checkSVG(t, b.Bytes(), 1)
	}
}

func TestWriteSVGErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fig  figure
		want error
	}{
		{"empty grid", Landscape{}, ErrGrid},
		{"short values", Landscape{Grid: Grid{Domain: Domain{0, 1, 0, 1}, NX: 3, NY: 3, Values: make([]float64, 8)}}, ErrGrid},
		{"inverted domain", Landscape{Grid: Grid{Domain: Domain{1, 0, 0, 1}, NX: 2, NY: 2, Values: make([]float64, 4)}}, ErrDomain},
		{"one sample", Curve{Xs: []float64{0}, Ys: []float64{0}}, ErrCurve},
		{"descending", Curve{Xs: []float64{1, 0}, Ys: []float64{0, 0}}, ErrCurve},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.fig.WriteSVG(io.Discard); err != tt.want {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func BenchmarkSeedFigure(b *testing.B) {
	l := seedLandscape()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := l.WriteSVG(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkLandscape measures a Himmelblau figure (30 levels, no runs) as
// the grid grows.
func BenchmarkLandscape(b *testing.B) {
	for _, n := range []int{100, 200, 400} {
		l := Landscape{
			ID:   "bench",
			Grid: sample(Domain{-6, 6, -6, 6}, n, n, himmelblau.f),
		}
		b.Run(fmt.Sprintf("grid=%d", n), func(b *testing.B) {
			for b.Loop() {
				if err := l.WriteSVG(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkContours(b *testing.B) {
	for _, n := range []int{100, 400} {
		g := sample(Domain{-6, 6, -6, 6}, n, n, himmelblau.f)
		b.Run(fmt.Sprintf("grid=%d", n), func(b *testing.B) {
			for b.Loop() {
				Contours(g, 100)
			}
		})
	}
}
