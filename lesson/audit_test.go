package lesson

// The prose audit: numbers a lesson quotes from a figure are checked against
// that figure's built data. A lesson states which numbers to check with an
// HTML comment after the paragraph, list or table that quotes them:
//
//	After 500 steps the heavy ball is at $(0.951, 0.904)$ with a loss of 0.00242.
//	<!-- check
//	r2.end: (0.951, 0.904)
//	r2.loss: 0.00242
//	-->
//
// Each line is KEY: TEXT. TEXT must occur, verbatim, in the block of text
// directly above the comment (up to the previous blank line, ignoring blank
// lines right above the comment), so that editing the sentence without the
// figure, or the figure without the sentence, fails. The numbers in TEXT are
// compared with the figure's data at the precision they are written with:
// "0.951" must round to the data to three decimals, "3.83 \cdot 10^{-5}" to
// three significant digits, "2740" to the tens (trailing zeros of a whole
// number are not significant), and step counts exactly. "fifteen" counts as 15.
//
// The figure is the nearest `landscape` block above the comment; `<!-- check
// fig=-2` takes the one before it, `fig=ID` the figure with that id. KEY is
//
//	rN.end              the final point of run N (legend order, from 1)
//	rN.end.x, rN.end.y  one coordinate of it
//	rN.loss             the final loss
//	rN.steps            the steps taken (the diverged step for a diverged run)
//	rN.stopped          the step at which the run diverged
//	rN.point@K, rN.x@K, rN.y@K, rN.loss@K   the same at step K
//	rN.first(Q<V)       the first step at which Q < V (or Q > V); Q is loss, x,
//	                    y, |x| or |y|
//
// optionally prefixed by vK. for the K-th member of a parameter-sweep family.

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// auditLesson checks every check comment of one lesson's Markdown against
// figs, the figure data of its built page in page order, and returns one
// message per problem, each starting with "name:LINE:".
func auditLesson(name, src string, figs []map[string]any) []string {
	groups := groupFigures(figs)
	lines := strings.Split(src, "\n")
	var probs []string
	bad := func(line int, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s:%d: %s", name, line+1, fmt.Sprintf(format, args...)))
	}
	var fences []int // the line of each landscape fence
	inFence := ""
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if inFence != "" {
			if strings.HasPrefix(l, inFence) && strings.Trim(l, "`~") == "" {
				inFence = ""
			}
			continue
		}
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			inFence = l[:3]
			if strings.TrimSpace(strings.Trim(l, "`~")) == "landscape" {
				fences = append(fences, i)
			}
			continue
		}
		if !strings.HasPrefix(l, "<!-- check") {
			continue
		}
		start := i
		header := strings.Fields(strings.TrimPrefix(l, "<!-- check"))
		var body []string
		for ; i < len(lines) && !strings.Contains(lines[i], "-->"); i++ {
			if i > start {
				body = append(body, lines[i])
			}
		}
		if i == len(lines) {
			bad(start, "check comment is not closed with -->")
			break
		}
		if i > start {
			body = append(body, strings.TrimSuffix(strings.TrimSpace(lines[i]), "-->"))
		}
		// The block of text above the comment.
		j := start - 1
		for j >= 0 && strings.TrimSpace(lines[j]) == "" {
			j--
		}
		k := j
		for k >= 0 && strings.TrimSpace(lines[k]) != "" {
			k--
		}
		para := strings.Join(lines[k+1:j+1], "\n")
		// The figure.
		var group []map[string]any
		figIdx := len(fences) - 1
		for _, h := range header {
			if h == "-->" {
				continue
			}
			v, ok := strings.CutPrefix(h, "fig=")
			if !ok {
				bad(start, "check: unknown setting %q (want fig=-N or fig=ID)", h)
				continue
			}
			if n, err := strconv.Atoi(v); err == nil && n < 0 {
				figIdx = len(fences) - 1 + n + 1
				continue
			}
			figIdx = -1
			for gi, g := range groups {
				if base(g[0]) == v {
					figIdx = gi
				}
			}
			if figIdx < 0 {
				bad(start, "check: no figure with id %q on the page", v)
			}
		}
		if figIdx < 0 || figIdx >= len(groups) {
			if len(header) == 0 {
				bad(start, "check: no figure above the comment")
			}
			continue
		}
		group = groups[figIdx]
		for n, b := range body {
			b = strings.TrimSpace(b)
			if b == "" {
				continue
			}
			line := start + 1 + n
			if len(body) == 1 && i == start {
				line = start
			}
			key, text, ok := strings.Cut(b, ":")
			if !ok {
				bad(line, "check: want KEY: TEXT, got %q", b)
				continue
			}
			key, text = strings.TrimSpace(key), strings.TrimSpace(text)
			if !strings.Contains(para, text) {
				bad(line, "check %s: %q is not in the text above the comment", key, text)
				continue
			}
			if msg := checkClaim(group, key, text); msg != "" {
				bad(line, "check %s: %s", key, msg)
			}
		}
	}
	return probs
}

// groupFigures groups a page's figures by directive: the members of a
// parameter-sweep family (ids ID--1, ID--2, …) form one group.
func groupFigures(figs []map[string]any) [][]map[string]any {
	var groups [][]map[string]any
	for _, f := range figs {
		if _, ok := f["variant"]; ok && len(groups) > 0 && base(groups[len(groups)-1][0]) == base(f) {
			groups[len(groups)-1] = append(groups[len(groups)-1], f)
			continue
		}
		groups = append(groups, []map[string]any{f})
	}
	return groups
}

var variantSuffix = regexp.MustCompile(`--\d+$`)

func base(f map[string]any) string {
	id, _ := f["id"].(string)
	if _, ok := f["variant"]; ok {
		return variantSuffix.ReplaceAllString(id, "")
	}
	return id
}

var keyRE = regexp.MustCompile(`^(?:v(\d+)\.)?r(\d+)\.(end|end\.x|end\.y|loss|steps|stopped|point@\d+|x@\d+|y@\d+|loss@\d+|first\((loss|x|y|\|x\||\|y\|)([<>])([^)]+)\))$`)

// checkClaim compares the numbers in text with what key names in the
// figure group, and returns what is wrong, or "".
func checkClaim(group []map[string]any, key, text string) string {
	m := keyRE.FindStringSubmatch(key)
	if m == nil {
		return "unknown key (see lesson/audit_test.go)"
	}
	fig := group[0]
	if m[1] != "" {
		v, _ := strconv.Atoi(m[1])
		if v < 1 || v > len(group) {
			return fmt.Sprintf("the figure has %d variants", len(group))
		}
		fig = group[v-1]
	}
	runs, _ := fig["runs"].([]any)
	n, _ := strconv.Atoi(m[2])
	if n < 1 || n > len(runs) {
		return fmt.Sprintf("figure %s has %d runs", fig["id"], len(runs))
	}
	run := runs[n-1].(map[string]any)
	pts := run["points"].([]any)
	loss := run["loss"].([]any)
	steps := len(pts) - 1
	if s, ok := run["stopped_at"].(float64); ok {
		steps = int(s)
	}
	at := func(k int) ([]float64, float64, bool) {
		if k < 0 || k >= len(pts) {
			return nil, 0, false
		}
		return toFloats(pts[k]), loss[k].(float64), true
	}
	last := len(pts) - 1
	what := m[3]
	var want []float64
	exact := false
	if name, step, ok := strings.Cut(what, "@"); ok {
		k, _ := strconv.Atoi(step)
		p, l, ok := at(k)
		if !ok {
			return fmt.Sprintf("run %d has no step %d (it has %d)", n, k, last)
		}
		switch name {
		case "point":
			want = p
		case "x":
			want = p[:1]
		case "y":
			want = p[1:2]
		case "loss":
			want = []float64{l}
		}
	} else {
		p, l, _ := at(last)
		switch {
		case what == "end":
			want = p
		case what == "end.x":
			want = p[:1]
		case what == "end.y":
			want = p[1:2]
		case what == "loss":
			want = []float64{l}
		case what == "steps":
			want, exact = []float64{float64(steps)}, true
		case what == "stopped":
			s, ok := run["stopped_at"].(float64)
			if !ok {
				return fmt.Sprintf("run %d did not diverge", n)
			}
			want, exact = []float64{s}, true
		case strings.HasPrefix(what, "first("):
			v, err := strconv.ParseFloat(m[6], 64)
			if err != nil {
				return fmt.Sprintf("bad threshold %q", m[6])
			}
			found := -1
			for k := 0; k <= last && found < 0; k++ {
				p, l, _ := at(k)
				q := l
				switch m[4] {
				case "x", "|x|":
					q = p[0]
				case "y", "|y|":
					q = p[1]
				}
				if strings.HasPrefix(m[4], "|") {
					q = math.Abs(q)
				}
				if (m[5] == "<" && q < v) || (m[5] == ">" && q > v) {
					found = k
				}
			}
			if found < 0 {
				return fmt.Sprintf("run %d never has %s%s%s", n, m[4], m[5], m[6])
			}
			want, exact = []float64{float64(found)}, true
		}
	}
	got := quotedNumbers(text)
	if len(got) != len(want) {
		return fmt.Sprintf("%q quotes %d numbers, the figure has %d (%v)", text, len(got), len(want), want)
	}
	for i, q := range got {
		tol := q.tol
		if exact {
			tol = 0
		}
		if math.Abs(want[i]-q.v) > tol*(1+1e-9)+1e-300 {
			return fmt.Sprintf("the text says %s, the figure has %.6g (run %d, %s)", q.s, want[i], n, run["label"])
		}
	}
	return ""
}

type quoted struct {
	s   string
	v   float64
	tol float64 // half a unit of the last written digit
}

var numRE = regexp.MustCompile(`[−-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[−-]?\d+(?:\.\d+)?(?:\s*(?:\\cdot|·|×|\\times)\s*10\^\{?[−-]?\d+\}?|[eE][−-]?\d+)?`)

var words = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}

// quotedNumbers reads the numbers in text, each with the precision it is
// written with.
func quotedNumbers(text string) []quoted {
	var out []quoted
	if !strings.ContainsAny(text, "0123456789") {
		for _, w := range strings.Fields(strings.ToLower(text)) {
			if v, ok := words[strings.Trim(w, " .,;:")]; ok {
				out = append(out, quoted{w, v, 0.5})
			}
		}
		return out
	}
	for _, s := range numRE.FindAllString(text, -1) {
		t := strings.ReplaceAll(s, "−", "-")
		mant, exp := t, 0
		for _, sep := range []string{`\cdot`, "·", "×", `\times`, "e", "E"} {
			if a, b, ok := strings.Cut(t, sep); ok {
				mant = strings.TrimSpace(a)
				b = strings.Trim(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(b), "10^")), "{}")
				exp, _ = strconv.Atoi(b)
				break
			}
		}
		mant = strings.ReplaceAll(mant, ",", "")
		v, err := strconv.ParseFloat(mant, 64)
		if err != nil {
			continue
		}
		dec := 0
		if _, frac, ok := strings.Cut(mant, "."); ok {
			dec = len(frac)
		} else if exp == 0 {
			// Trailing zeros of a whole number are not significant.
			for z := strings.TrimLeft(mant, "-"); len(z) > 1 && strings.HasSuffix(z, "0"); z = z[:len(z)-1] {
				dec--
			}
		}
		out = append(out, quoted{s, v * math.Pow(10, float64(exp)), 0.5 * math.Pow(10, float64(exp-dec))})
	}
	return out
}

// checkComments returns, for each check comment in src, how many claims it
// holds.
func checkComments(src string) []int {
	var out []int
	for _, c := range strings.Split(src, "<!-- check")[1:] {
		body, _, _ := strings.Cut(c, "-->")
		n := 0
		for _, l := range strings.Split(body, "\n")[1:] {
			if strings.Contains(l, ":") {
				n++
			}
		}
		out = append(out, n)
	}
	return out
}

// TestAuditCatchesChangedNumbers mutates copies of two lessons of the sample
// course and checks that the audit fails exactly when a quoted number no
// longer agrees with its figure (or with the sentence it claims to quote).
func TestAuditCatchesChangedNumbers(t *testing.T) {
	t.Parallel()
	lessons := map[string]string{}
	for _, name := range []string{"loss-functions", "momentum"} {
		b, err := os.ReadFile("../content/math/" + name + ".md")
		if err != nil {
			t.Skip("no sample course")
		}
		lessons[name] = string(b)
	}
	all := func(old, new string) func(string) string {
		return func(s string) string { return strings.ReplaceAll(s, old, new) }
	}
	once := func(old, new string) func(string) string {
		return func(s string) string { return strings.Replace(s, old, new, 1) }
	}
	for _, tc := range []struct {
		name, lesson string
		mutate       func(string) string
		want         string // a part of the first problem; "" for none
	}{
		{"unchanged", "loss-functions", func(s string) string { return s }, ""},
		{"a step count, sentence and check", "loss-functions", all("sixteen steps", "fifteen steps"), "the text says fifteen, the figure has 16"},
		{"a step count in digits", "loss-functions", all("sixteen steps", "16 steps"), ""},
		{"a point, in the sentence only", "loss-functions", once("$z = 4.552$", "$z = 4.553$"), `"z = 4.552" is not in the text`},
		{"a point, sentence and check", "loss-functions", all("z = 4.552", "z = 4.553"), "the text says 4.553, the figure has 4.5518"},
		{"a coarser rounding is still true", "loss-functions", all("0.0758", "0.076"), ""},
		{"the last digit", "loss-functions", all("0.0758", "0.0757"), "the text says 0.0757"},
		{"a power of ten", "loss-functions", all(`8 \cdot 10^{-12}`, `8 \cdot 10^{-11}`), `the text says 8 \cdot 10^{-11}`},
		{"the figure, not the text", "loss-functions", once("lr: [0.1, 0.5, 1.0]", "lr: [0.1, 0.45, 1.0]"), "the figure has"},
		{"a diverged step", "momentum", all("diverged at step 7", "diverged at step 8"), "the text says 8, the figure has 7"},
		{"a loss in a table", "momentum", all("| 0.5 | 0.00343 |", "| 0.5 | 0.00334 |"), `"0.00343" is not in the text`},
		{"a check naming a run the figure lacks", "momentum", all("r5.loss: 0.0940", "r6.loss: 0.0940"), "has 5 runs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := tc.mutate(lessons[tc.lesson])
			if src == lessons[tc.lesson] && tc.name != "unchanged" {
				t.Fatal("the mutation changed nothing")
			}
			fsys := auditCourse(t)
			fsys["math/lesson.md"] = &fstest.MapFile{Data: []byte(src)}
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Content: fsys, Out: out}); err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(filepath.Join(out, "math", "lesson", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			probs := auditLesson("lesson.md", src, figures(t, string(page)))
			switch {
			case tc.want == "" && len(probs) > 0:
				t.Errorf("want no problems, got %q", probs)
			case tc.want != "" && len(probs) == 0:
				t.Errorf("the audit passed; want a problem with %q", tc.want)
			case tc.want != "" && !strings.Contains(probs[0], tc.want):
				t.Errorf("got %q, want a problem with %q", probs, tc.want)
			}
		})
	}
}

// auditCourse is the sample course's outline for one lesson built alone: every
// page of it as a stub with only a title, so that the lesson's links resolve,
// and its bibliography, so that its citations do.
func auditCourse(t *testing.T) fstest.MapFS {
	t.Helper()
	bib, err := os.ReadFile("../content/references.bib")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"site.yaml":      {Data: []byte("title: Audit\nbibliography: references.bib\n")},
		"references.bib": {Data: bib},
	}
	err = fs.WalkDir(os.DirFS("../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: Stub\n---\n\nA stub.\n")}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestQuotedNumbers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want []quoted
	}{
		{"(0.951, -0.904)", []quoted{{"0.951", 0.951, 0.0005}, {"-0.904", -0.904, 0.0005}}},
		{`3.83 \cdot 10^{-5}`, []quoted{{`3.83 \cdot 10^{-5}`, 3.83e-5, 0.005e-5}}},
		{"about 2740", []quoted{{"2740", 2740, 5}}},
		{"1,000 steps", []quoted{{"1,000", 1000, 500}}},
		{"−1.5e3", []quoted{{"−1.5e3", -1500, 50}}},
		{"sixteen steps", []quoted{{"sixteen", 16, 0.5}}},
	} {
		got := quotedNumbers(tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i].s != tc.want[i].s || math.Abs(got[i].v-tc.want[i].v) > 1e-12*math.Abs(tc.want[i].v) || math.Abs(got[i].tol-tc.want[i].tol) > 1e-12*tc.want[i].tol {
				t.Errorf("%q: got %v, want %v", tc.text, got[i], tc.want[i])
			}
		}
	}
}
