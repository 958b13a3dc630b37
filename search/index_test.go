package search

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	t.Parallel()
	got := Terms("Saddle-points: ∇f ≈ 0 at x², Größe, a 日本語 word, " + strings.Repeat("z", 30))
	want := []string{"saddle", "points", "at", "x²", "größe", "日本語", "word", strings.Repeat("z", 24)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

// decode reads one file's data back.
func decode(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no %s", name)
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
	decode(t, files, "t-"+ShardKey("saddle")+".js", &sa)
	// The title's weight on the first section of page 0; once in the body
	// of page 1's heading section (page 1 gets an empty first section).
	if !reflect.DeepEqual(sa["saddle"], []int{0, titleWeight, 3, 1}) {
		t.Errorf("saddle: %v", sa)
	}
	var mi map[string][]int
	decode(t, files, "t-"+ShardKey("minimum")+".js", &mi)
	if !reflect.DeepEqual(mi["minimum"], []int{1, 2}) {
		t.Errorf("minimum: %v", mi)
	}
	var texts []string
	decode(t, files, "p-1.js", &texts)
	if !reflect.DeepEqual(texts, []string{"", "Saddle again."}) {
		t.Errorf("p-1: %q", texts)
	}
	if strings.Contains(string(files["p-0.js"]), "</script>") {
		t.Error("text can close a script element")
	}
}
