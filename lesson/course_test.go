package lesson

import (
	"context"
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestSampleCourse builds the course in ../content, checks that every lesson
// teaches with a figure or a formula, and that the figures reproducing the
// seed lessons' experiments end where the seeds' own code ends. The seed
// values were computed by re-running the seeds' NumPy code
// (optim/testdata/gen_seeds.py).
func TestSampleCourse(t *testing.T) {
	if _, err := os.Stat("../content/site.yaml"); err != nil {
		t.Skip("no sample course")
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := Build(context.Background(), Options{Content: os.DirFS("../content"), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Figures < 60 {
		t.Errorf("the course has %d figures, want at least 60", sum.Figures)
	}
	var runs []map[string]any
	optimizers := map[string]bool{}
	lessons := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" || strings.Count(strings.TrimPrefix(p, out), "/") != 3 {
			return nil
		}
		lessons++
		b, _ := os.ReadFile(p)
		page := string(b)
		if linked := lessonLinks(out, p, page); len(linked) == 0 {
			t.Errorf("%s links to no other lesson", strings.TrimPrefix(p, out))
		}
		figs := figures(t, page)
		if len(figs) == 0 && !strings.Contains(page, "<math") {
			t.Errorf("%s has neither a figure nor a formula", strings.TrimPrefix(p, out))
		}
		for _, f := range figs {
			for _, r := range f["runs"].([]any) {
				run := r.(map[string]any)
				run["function"] = f["function"]
				runs = append(runs, run)
				optimizers[run["optimizer"].(string)] = true
			}
		}
		return nil
	})
	if lessons < 20 {
		t.Errorf("%d lessons, want at least 20", lessons)
	}
	refs, err := os.ReadFile(filepath.Join(out, "references", "index.html"))
	if err != nil {
		t.Error("the course has no references page")
	} else if n := strings.Count(string(refs), `<li id="ref-`); n < 15 {
		t.Errorf("the references page lists %d works, want at least 15", n)
	}
	for _, name := range []string{"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adadelta", "adamax", "nadam"} {
		if !optimizers[name] {
			t.Errorf("no figure uses %s", name)
		}
	}

	// The prose audit (audit_test.go): every number a lesson quotes in a
	// check comment agrees with its figure.
	claims := 0
	fs.WalkDir(os.DirFS("../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		src, _ := os.ReadFile(filepath.Join("../content", p))
		page := strings.TrimSuffix(strings.TrimSuffix(p, ".md"), "_index")
		b, err := os.ReadFile(filepath.Join(out, page, "index.html"))
		if err != nil {
			t.Errorf("%s: no page at %s", p, page)
			return nil
		}
		for _, c := range checkComments(string(src)) {
			claims += c
		}
		for _, msg := range auditLesson("content/"+p, string(src), figures(t, string(b))) {
			t.Error(msg)
		}
		return nil
	})
	if claims < 80 {
		t.Errorf("the prose audit checks %d quoted numbers, want at least 80", claims)
	}

	var seeds struct {
		Runs []struct {
			Name      string         `json:"name"`
			Function  string         `json:"function"`
			Start     []float64      `json:"start"`
			Optimizer string         `json:"optimizer"`
			Settings  map[string]any `json:"settings"`
			Steps     int            `json:"steps"`
			Final     []float64      `json:"final"`
			FinalLoss float64        `json:"final_loss"`
			StoppedAt *int           `json:"stopped_at"`
		} `json:"runs"`
	}
	b, err := os.ReadFile("../optim/testdata/seeds.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &seeds); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds.Runs {
		if s.Function == "linear-regression" {
			continue // the seed draws its data with NumPy's generator; ours is PCG
		}
		found := false
		for _, r := range runs {
			pts := r["points"].([]any)
			if r["function"] != s.Function || r["optimizer"] != s.Optimizer || len(pts) == 0 ||
				!reflect.DeepEqual(toFloats(pts[0]), s.Start) || !settingsMatch(r["params"].(map[string]any), s.Settings) {
				continue
			}
			steps := len(pts) - 1
			if r["stopped_at"] != nil {
				steps = int(r["stopped_at"].(float64))
			}
			if (s.StoppedAt == nil && steps != s.Steps) || (s.StoppedAt != nil && steps != *s.StoppedAt) {
				continue
			}
			found = true
			last := toFloats(pts[len(pts)-1])
			for i := range last {
				if math.Abs(last[i]-s.Final[i]) > 1e-9*math.Max(1, math.Abs(s.Final[i])) {
					t.Errorf("%s: the course's figure ends at %v, the seed's code at %v", s.Name, last, s.Final)
				}
			}
			loss := r["loss"].([]any)
			if got := loss[len(loss)-1].(float64); math.Abs(got-s.FinalLoss) > 1e-9*math.Max(1, math.Abs(s.FinalLoss)) {
				t.Errorf("%s: final loss %v, the seed's %v", s.Name, got, s.FinalLoss)
			}
		}
		if !found {
			t.Errorf("no figure reproduces the seed experiment %s (%s from %v, %s %v, %d steps)", s.Name, s.Function, s.Start, s.Optimizer, s.Settings, s.Steps)
		}
	}
}

// lessonLinks returns the other lessons that the text of the lesson built at
// file (under out) links to: links in its article, not in the navigation, the
// table of contents or the reference list.
func lessonLinks(out, file, page string) []string {
	article, _, _ := strings.Cut(page[strings.Index(page, "<article")+1:], "</article>")
	article = regexp.MustCompile(`(?s)<nav.*?</nav>|<section class="references".*?</section>`).ReplaceAllString(article, "")
	self := filepath.Dir(file)
	var linked []string
	for _, m := range regexp.MustCompile(`<a href="([^"#:]+)`).FindAllStringSubmatch(article, -1) {
		target := filepath.Join(self, m[1])
		if target == self || strings.Count(strings.TrimPrefix(target, out), "/") != 2 {
			continue
		}
		if _, err := os.Stat(filepath.Join(target, "index.html")); err == nil {
			linked = append(linked, strings.TrimPrefix(target, out))
		}
	}
	return linked
}

func toFloats(v any) []float64 {
	var out []float64
	for _, x := range v.([]any) {
		out = append(out, x.(float64))
	}
	return out
}

// settingsMatch reports whether every seed setting is in force in the run,
// and nothing the seeds never use (a schedule, clipping, noise).
func settingsMatch(params, seed map[string]any) bool {
	for _, k := range []string{"schedule", "clip", "noise"} {
		if params[k] != nil {
			return false
		}
	}
	for k, v := range seed {
		if params[k] != v {
			return false
		}
	}
	return true
}
