package lesson

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// quizCourse is a course with one lesson holding a quiz, an exercise and
// its answer; the quiz's YAML starts on lesson line 7.
const quizCourse = `-- _index.md --
---
title: Home
---
-- s/_index.md --
---
title: S
---
-- s/lesson.md --
---
title: Saddles
---
A saddle point.

` + "```quiz" + `
question: Why can gradient descent stall near a *saddle*?
choices:
  - text: The gradient is small there, so steps are $\eta \nabla f$, tiny.
    correct: true
    why: |
      Near a critical point $\nabla f \approx 0$.

      <script>alert(1)</script> is text.
  - text: The Hessian is positive definite there.
    why: That describes a minimum, not a saddle.
  - Because <b>bold</b> & "quotes"
multiple: false
` + "```" + `

` + "```quiz" + `
question: Which are saddles?
multiple: true
choices:
  - {text: "$x^2 - y^2$ at the origin", correct: true}
  - {text: "$x^3 - 3xy^2$ at the origin", correct: true}
  - "$x^2 + y^2$ at the origin"
` + "```" + `

> [!EXERCISE]
> Find the saddle of $x^2 - y^2$.

> [!ANSWER]
> The origin.
`

// TestQuizGolden builds a lesson with quizzes and an exercise and holds
// its content to testdata/quiz.html (go test ./lesson -run TestQuizGolden -update).
func TestQuizGolden(t *testing.T) {
	t.Parallel()
	out, err := build(t, quizCourse)
	if err != nil {
		t.Fatal(err)
	}
	html := readOut(t, out, "s/lesson/index.html")
	m := regexp.MustCompile(`(?s)<div class="content">\n(.*?)</div>\n</article>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no content in\n%s", html)
	}
	if !strings.Contains(html, `<script src="../../quiz.js" defer></script>`) || !strings.Contains(html, `<script src="../../search.js" defer></script>`) {
		t.Error("the page does not load quiz.js and search.js")
	}
	golden := filepath.Join("testdata", "quiz.html")
	if *update {
		if err := os.WriteFile(golden, []byte(m[1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if m[1] != string(want) {
		t.Errorf("the lesson's content differs from %s (run with -update and review the diff):\n%s", golden, m[1])
	}
	if strings.Contains(m[1], "<script>") || strings.Contains(m[1], "<b>") {
		t.Error("author markup reached the page")
	}
	if other := readOut(t, out, "s/index.html"); strings.Contains(other, "quiz.js") {
		t.Error("a page without quizzes loads quiz.js")
	}
}

// TestQuizErrors checks that a quiz's mistakes, its Markdown's included,
// are reported at their lesson lines.
func TestQuizErrors(t *testing.T) {
	t.Parallel()
	quiz := func(yaml string) string {
		return "---\ntitle: L\n---\nText.\n\n```quiz\n" + yaml + "```\n"
	}
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"missing question", quiz("choices: [{text: a, correct: true}, b]\n"),
			[]string{`content/s/lesson.md:7: question: missing; write the question the reader answers (question: Why …?)`}},
		{"no correct choice", quiz("question: Q\nchoices: [a, b]\n"),
			[]string{`content/s/lesson.md:8: choices: no choice is correct; mark the right one with correct: true`}},
		{"two correct", quiz("question: Q\nchoices:\n  - {text: a, correct: true}\n  - {text: b, correct: true}\n"),
			[]string{`content/s/lesson.md:8: choices: 2 choices are correct; keep one, or set multiple: true for checkboxes`}},
		{"wrong type", quiz("question: Q\nchoices:\n  - text: a\n    correct: 1\n  - b\n"),
			[]string{`content/s/lesson.md:10: choices[0].correct: expected true or false, found 1`}},
		{"bad math in the question", quiz("question: Is $\\foo$ small?\nchoices: [{text: a, correct: true}, b]\n"),
			[]string{`content/s/lesson.md:7: question: math: col 5: unknown command \foo`}},
		{"a list in a choice", quiz("question: Q\nchoices:\n  - text: \"- a\\n- b\"\n    correct: true\n  - b\n"),
			[]string{`content/s/lesson.md:9: choices[0].text: write one paragraph here: text, emphasis, code, links and $…$ math, no lists or blocks`}},
		{"a quiz in a why", quiz("question: Q\nchoices:\n  - text: a\n    correct: true\n    why: \"```quiz\\nquestion: R\\n```\"\n  - b\n"),
			[]string{`content/s/lesson.md:11: choices[0].why: a figure, quiz, exercise or answer cannot go inside a quiz`}},
		{"a heading in a why", quiz("question: Q\nchoices:\n  - text: a\n    correct: true\n    why: \"## Intro {#main}\\n\\nText.\"\n  - b\n"),
			[]string{`content/s/lesson.md:11: choices[0].why: a heading cannot go inside a quiz; write **bold** text instead`}},
		{"a heading in the question", quiz("question: \"Q\\n===\"\nchoices: [{text: a, correct: true}, b]\n"),
			[]string{`content/s/lesson.md:7: question: a heading cannot go inside a quiz; write **bold** text instead`}},
		{"control character", quiz("question: \"Q\\e[2J\"\nchoices: [{text: a, correct: true}, b]\n"),
			[]string{`content/s/lesson.md:7: question: holds the control character U+001B; remove it`}},
		{"huge choice", quiz("question: Q\nchoices: [{text: " + strings.Repeat("a", 1001) + ", correct: true}, b]\n"),
			[]string{`content/s/lesson.md:8: choices[0].text: 1001 characters is over the limit of 1000`}},
		{"a page link in the question", quiz("question: See [the loss](loss.md#eq-a).\nchoices: [{text: a, correct: true}, b]\n"),
			[]string{`content/s/lesson.md:7: question: link to loss.md#eq-a: a link to a page or file of the course cannot go inside a quiz (it would not be checked or rewritten); link to it in the lesson's text`}},
		{"an image in a choice", quiz("question: Q\nchoices:\n  - text: \"A ![plot](plot.png)\"\n    correct: true\n  - b\n"),
			[]string{`content/s/lesson.md:9: choices[0].text: image plot.png: a link to a page or file of the course cannot go inside a quiz (it would not be checked or rewritten); link to it in the lesson's text`}},
		{"a javascript: link in a choice", quiz("question: Q\nchoices:\n  - text: \"A [run](javascript:alert(1))\"\n    correct: true\n  - b\n"),
			[]string{`content/s/lesson.md:9: choices[0].text: link javascript:alert(1): a javascript:, vbscript:, file: or data: address is dropped from the page (unsafe_html is off); link to a page, a file or an http(s) address`}},
		{"a reference in a why", quiz("question: Q\nchoices:\n  - text: a\n    correct: true\n    why: See @eq-a and [@kingma2015].\n  - b\n"),
			[]string{`content/s/lesson.md:11: choices[0].why: @eq-a: a cross-reference or citation cannot go inside a quiz (it would stay as written); write it in the lesson's text, or \@ for an @ sign`,
				`content/s/lesson.md:11: choices[0].why: [@kingma2015]: a cross-reference or citation cannot go inside a quiz (it would stay as written); write it in the lesson's text, or \@ for an @ sign`}},
		{"a heading that writes an exercise title's id", "---\ntitle: L\n---\n## Ex 1 title {#ex-1-title}\n\n> [!EXERCISE]\n> Q.\n",
			[]string{`content/s/lesson.md:6: id: the id "ex-1-title" is used at line 4 too; ids on a page must differ`}},
		{"orphan answer", "---\ntitle: L\n---\nText.\n\n> [!ANSWER]\n> Alone.\n",
			[]string{`content/s/lesson.md:6: answer: [!ANSWER] must come right after the [!EXERCISE] block quote it answers (one answer each)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := Build(t.Context(), Options{Content: lessonCourse(c.src), Out: filepath.Join(t.TempDir(), "public")})
			if err == nil {
				t.Fatal("built")
			}
			if got := err.Error(); got != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestQuizFootnoteIDs checks that footnotes in a quiz's question and
// explanations, each numbered from 1, take ids apart from one another's and
// the page's own, so every note link leads to its note.
func TestQuizFootnoteIDs(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: L\n---\nText.[^1]\n\n[^1]: The page's note.\n\n```quiz\n" +
		"question: \"Q?[^1]\\n\\n[^1]: The question's note.\"\n" +
		"choices:\n" +
		"  - {text: a, correct: true, why: \"Yes.[^1]\\n\\n[^1]: A's note.\"}\n" +
		"  - {text: b, why: \"No.[^1]\\n\\n[^1]: B's note.\"}\n```\n"
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Content: lessonCourse(src), Out: out}); err != nil {
		t.Fatal(err)
	}
	html := readOut(t, out, "s/lesson/index.html")
	ids := idCounts(html)
	links := regexp.MustCompile(`href="#([^"]*fn(?:ref)?:[^"]*)"`).FindAllStringSubmatch(html, -1)
	if len(links) != 8 { // four notes, each a link to it and one back
		t.Errorf("%d note links, want 8:\n%s", len(links), html)
	}
	seen := map[string]bool{}
	for _, m := range links {
		if ids[m[1]] != 1 {
			t.Errorf("link to #%s: %d elements have that id, want 1", m[1], ids[m[1]])
		}
		if seen[m[1]] {
			t.Errorf("two links to #%s", m[1])
		}
		seen[m[1]] = true
	}
}
