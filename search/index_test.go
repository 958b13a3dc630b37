package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTerms(t *testing.T) {
	t.Parallel()
	got := Terms("Saddle-points: ∇f ≈ 0 at x², Größe, a 日本語 word, İstanbul ΟΔΟΣ abʸcd, " + strings.Repeat("z", 30))
	want := []string{"saddle", "points", "at", "größe", "日本語", "word", "istanbul", "οδοσ", "ab", "cd", strings.Repeat("z", 24)} // x² is the term x, too short
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

// decode reads one file's data back, from index.js when it came inside.
func decode(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		var index struct{ Files map[string]json.RawMessage }
		decode(t, files, "index.js", &index)
		data, ok := index.Files[strings.TrimSuffix(name, ".js")]
		if !ok {
			t.Fatalf("no %s", name)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return
	}
	s := string(b)
	i := strings.Index(s, ",")
	if !strings.HasPrefix(s, Callback+"(") || !strings.HasSuffix(s, ");\n") || i < 0 {
		t.Fatalf("%s: %s", name, s)
	}
	if err := json.Unmarshal([]byte(s[i+1:len(s)-3]), v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// A small course's index is one file; a larger one's shards and texts
// are files of their own, which the index does not repeat.
func TestBuildInline(t *testing.T) {
	t.Parallel()
	small, large := Build(benchPages(3)), Build(benchPages(40))
	if len(small) != 1 || !strings.Contains(string(small["index.js"]), `"files":{"p-0":`) {
		t.Errorf("3 pages: %d files, want index.js alone with the others inside", len(small))
	}
	if strings.Contains(string(large["index.js"]), `"files"`) || large["p-1.js"] == nil {
		t.Errorf("40 pages: the texts are not files of their own (%d files)", len(large))
	}
	for _, files := range []map[string][]byte{small, large} {
		var texts [][]string
		decode(t, files, "p-0.js", &texts)
		if len(texts) == 0 || len(texts[0]) == 0 {
			t.Error("no page texts")
		}
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	files := Build([]Page{
		{URL: "a/", Title: "Saddle points", Sections: []Section{{Text: "A mountain pass."}, {ID: "flat", Heading: "Flat", Text: "Flat but not a </script> minimum, minimum."}}},
		{URL: "b/", Title: "Momentum", Sections: []Section{{ID: "h", Heading: "Heavy ball", Text: "Saddle again."}}},
	})
	var index struct {
		V      int
		Pages  [][3]any
		Secs   [][3]any
		Shards []string
	}
	decode(t, files, "index.js", &index)
	if index.V != 1 || len(index.Pages) != 2 || len(index.Secs) != 4 || index.Pages[1][2] != 2.0 || index.Secs[3][1] != "h" {
		t.Errorf("index: %+v", index)
	}
	var sa map[string][]int
	decode(t, files, "t-"+ShardKey("saddle", 1)+".js", &sa)
	// The title's weight on the first section of page 0; once in the body
	// of page 1's heading section (page 1 gets an empty first section).
	if !reflect.DeepEqual(sa["saddle"], []int{0, titleWeight, 3, 1}) {
		t.Errorf("saddle: %v", sa)
	}
	var mi map[string][]int
	decode(t, files, "t-"+ShardKey("minimum", 1)+".js", &mi)
	if !reflect.DeepEqual(mi["minimum"], []int{1, 2}) {
		t.Errorf("minimum: %v", mi)
	}
	var texts [][]string
	decode(t, files, "p-0.js", &texts)
	if len(texts) != 2 || !reflect.DeepEqual(texts[1], []string{"", "Saddle again."}) {
		t.Errorf("p-0: %q", texts)
	}
	if strings.Contains(string(files["p-0.js"]), "</script>") {
		t.Error("text can close a script element")
	}
}

// benchPages is a course of n pages of about 5 KB each, four sections of
// words drawn from a vocabulary of 3,000, with a title and headings.
func benchPages(n int) []Page {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 3000)
	for i := range vocab {
		w := make([]byte, 3+r.IntN(8))
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		vocab[i] = string(w)
	}
	word := func() string { return vocab[int(float64(len(vocab))*r.Float64()*r.Float64())] } // skewed, as prose is
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word())
		}
		return b.String()
	}
	pages := make([]Page, n)
	for i := range pages {
		p := Page{URL: fmt.Sprintf("s/lesson-%d/", i), Title: text(3)}
		for s := range 4 {
			sec := Section{Text: text(200)}
			if s > 0 {
				sec.ID, sec.Heading = fmt.Sprintf("h-%d", s), text(2)
			}
			p.Sections = append(p.Sections, sec)
		}
		pages[i] = p
	}
	return pages
}

// BenchmarkBuild indexes 1,000 pages: weighed, as a rebuild finds them in
// the pages' records, and not, as Build weighed every page before (the
// difference is BenchmarkWeigh's work).
func BenchmarkBuild(b *testing.B) {
	pages := benchPages(1000)
	weighed := make([]Page, len(pages))
	for i, p := range pages {
		weighed[i] = Weigh(p)
	}
	b.Run("weighed", func(b *testing.B) {
		for b.Loop() {
			Build(weighed)
		}
	})
	b.Run("unweighed", func(b *testing.B) {
		for b.Loop() {
			Build(pages)
		}
	})
}

// BenchmarkWeigh splits 1,000 pages into their terms.
func BenchmarkWeigh(b *testing.B) {
	pages := benchPages(1000)
	for b.Loop() {
		for _, p := range pages {
			Weigh(p)
		}
	}
}

// Weighed pages and unweighed ones give the same index, and weighing
// twice changes nothing.
func TestBuildWeighed(t *testing.T) {
	t.Parallel()
	pages := benchPages(30)
	weighed := make([]Page, len(pages))
	for i, p := range pages {
		weighed[i] = Weigh(Weigh(p))
	}
	got, want := Build(weighed), Build(pages)
	if !reflect.DeepEqual(got, want) {
		t.Error("weighed pages give another index")
	}
	// Shards are written by hand: the same bytes as json.Marshal's.
	for name, b := range got {
		if !strings.HasPrefix(name, "t-") {
			continue
		}
		var m map[string][]int
		decode(t, got, name, &m)
		j, _ := json.Marshal(m)
		if s := string(b); s[strings.Index(s, ",")+1:len(s)-3] != string(j) {
			t.Errorf("%s: %s, json.Marshal writes %s", name, s, j)
		}
	}
}

// TestPageGroupInScript: the page script groups page texts as Build does.
func TestPageGroupInScript(t *testing.T) {
	js, err := os.ReadFile("../layouts/static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("var PAGE_GROUP = %d;", PageGroup); !strings.Contains(string(js), want) {
		t.Errorf("search.js lacks %q", want)
	}
}

// termsPlain is Terms as first written, by lower-casing the text and
// splitting it: the reference for the one-pass eachTerm.
func termsPlain(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) || isScript(r)
	}) {
		if n := utf8.RuneCountInString(w); n < minTerm {
			continue
		} else if n > maxTerm {
			w = string([]rune(w)[:maxTerm])
		}
		out = append(out, w)
	}
	return out
}

// FuzzTerms: the one-pass split gives the terms the plain one does.
func FuzzTerms(f *testing.F) {
	f.Add("Saddle-points: ∇f ≈ 0 at x², Größe, a 日本語 word, İstanbul ΣΑΣ")
	f.Add(strings.Repeat("Ab", 40) + " \xff\xfe bad utf-8")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := Terms(text), termsPlain(text); !slices.Equal(got, want) {
			t.Fatalf("Terms(%q) = %q, want %q", text, got, want)
		}
	})
}

// A section's Math counts for its terms as its text does, its
// HeadingMath as its heading does, and a page's TitleMath as its title;
// none is kept, as snippets show the text alone. Raised and lowered
// characters end a term.
func TestWeighMath(t *testing.T) {
	t.Parallel()
	p := Weigh(Page{URL: "a/", Title: "Tuning β", TitleMath: `\beta`, Sections: []Section{
		{Text: "Step γ by step, x² and θₜ.", Math: `\gamma_t \gamma`},
		{ID: "h", Heading: "The δ rule", HeadingMath: `\delta`, Text: "Text."}}})
	s := p.Sections[0]
	if s.Math != "" {
		t.Errorf("Math kept: %q", s.Math)
	}
	got := map[string]int{}
	for i, term := range s.Terms {
		got[term] = s.Weights[i]
	}
	if got["gamma"] != 2 || got["step"] != 2 || got["beta"] != titleWeight || got["x²"] != 0 || got["θₜ"] != 0 {
		t.Errorf("terms %v", got)
	}
	h := p.Sections[1]
	if i := slices.Index(h.Terms, "delta"); i < 0 || h.Weights[i] != headingWeight || h.HeadingMath != "" {
		t.Errorf("the heading's formula: terms %v %v", h.Terms, h.Weights)
	}
}
