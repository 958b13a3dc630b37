package markup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The KaTeX oracle (texmath/testdata/katex) checks the converter against
// every formula of the course; only this package's Markdown reader finds
// them where a page has them, so the corpus is written from here.
var updateKaTeX = flag.Bool("update-katex", false, "rewrite ../texmath/testdata/katex/corpus.jsonl from the course and the test formulas")

const corpusFile = "../texmath/testdata/katex/corpus.jsonl"

// katexCase is one formula of the corpus.
type katexCase struct {
	TeX     string `json:"tex"`
	Display bool   `json:"display"`
	From    string `json:"from,omitempty"`
}

// corpus is every formula of the sample course (content/), the test
// formulas (../texmath/testdata/formulas.txt) and ../texmath/testdata/katex/extra.txt, without
// repeats, in that order.
func corpus(t testing.TB) []katexCase {
	var out []katexCase
	seen := map[string]bool{}
	add := func(c katexCase) {
		key := fmt.Sprint(c.Display, "\x00", c.TeX)
		if !seen[key] {
			seen[key] = true
			out = append(out, c)
		}
	}
	md := newMarkdown(false)
	inline := regexp.MustCompile(`\$([^$]+)\$`)
	err := filepath.WalkDir("../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(filepath.ToSlash(path), "../")
		root := md.Parser().Parse(text.NewReader(src))
		ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *passthrough.PassthroughInline:
				seg := n.Segment
				raw := string(seg.Value(src))
				add(katexCase{TeX: strings.TrimSuffix(strings.TrimPrefix(raw, n.Delimiters.Open), n.Delimiters.Close), Display: n.Delimiters.Open == "$$", From: name})
			case *passthrough.PassthroughBlock:
				if tex, _, closed := displayTeX(n, src); closed {
					add(katexCase{TeX: tex, Display: true, From: name})
				}
			case *Landscape:
				// Figure captions and run labels: $…$ in title: and label: lines.
				for _, line := range strings.Split(string(n.Source), "\n") {
					if l := strings.TrimSpace(line); strings.HasPrefix(l, "title:") || strings.HasPrefix(l, "label:") || strings.HasPrefix(l, "- label:") {
						for _, m := range inline.FindAllStringSubmatch(l, -1) {
							add(katexCase{TeX: m[1], From: name})
						}
					}
				}
			}
			return ast.WalkContinue, nil
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	formulas, err := os.ReadFile("../texmath/testdata/formulas.txt")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(formulas)) {
		if tex := strings.TrimSpace(line); tex != "" && !strings.HasPrefix(tex, "#") {
			add(katexCase{TeX: tex, Display: true, From: "texmath/testdata/formulas.txt"})
		}
	}
	f, err := os.Open("../texmath/testdata/katex/extra.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if line := strings.TrimSpace(s.Text()); line != "" && !strings.HasPrefix(line, "#") {
			add(katexCase{TeX: line, Display: true, From: "texmath/testdata/katex/extra.txt"})
		}
	}
	return out
}

// TestKaTeXCorpus: the corpus file holds the corpus as it is now;
// -update-katex rewrites it (texmath/testdata/katex/run.sh does, then
// asks KaTeX).
func TestKaTeXCorpus(t *testing.T) {
	var b bytes.Buffer
	for _, c := range corpus(t) {
		line, _ := json.Marshal(c)
		b.Write(line)
		b.WriteByte('\n')
	}
	if *updateKaTeX {
		if err := os.WriteFile(corpusFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(corpusFile); err != nil || !bytes.Equal(got, b.Bytes()) {
		t.Fatalf("%s is stale (%v): run bash texmath/testdata/katex/run.sh", corpusFile, err)
	}
}
