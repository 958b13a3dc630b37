package quiz

import (
	"strings"
	"testing"

	"descent/diag"
)

// good is a valid quiz; its YAML starts on file line 11 (base 10).
const good = `question: Why can gradient descent stall near a saddle point?
choices:
  - text: The gradient is small there, so steps are tiny.
    correct: true
    why: Near a critical point $\nabla f \approx 0$.
  - text: The Hessian is positive definite there.
    why: That describes a minimum.
`

func TestDecodeGood(t *testing.T) {
	t.Parallel()
	l := &diag.List{File: "l.md"}
	s, ok := Decode([]byte(good+"multiple: false\n"), 10, l)
	if !ok {
		t.Fatal(l.Errs)
	}
	if s.QuestionLine != 11 || len(s.Choices) != 2 || !s.Choices[0].Correct || s.Choices[1].Correct ||
		s.Choices[0].Line != 13 || s.Choices[0].WhyLine != 15 || s.Choices[1].Why != "That describes a minimum." || s.Multiple {
		t.Errorf("got %+v", s)
	}
	l = &diag.List{File: "l.md"}
	s, ok = Decode([]byte("question: Pick\nmultiple: true\nchoices:\n  - {text: a, correct: true}\n  - {text: b, correct: true}\n  - c\n"), 0, l)
	if !ok || !s.Multiple || len(s.Choices) != 3 || s.Choices[2].Text != "c" || s.Choices[2].Correct {
		t.Errorf("multiple: got %+v %v", s, l.Errs)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"bad YAML", "question: [a\n", []string{`l.md:11: YAML: did not find expected ',' or ']': a [ or { opened here is not closed`}},
		{"not a mapping", "- a\n", []string{`l.md:11: expected a mapping of keys to values, found a list`}},
		{"unknown key", good + "hint: look\n", []string{`l.md:18: hint: unknown key; a quiz block takes question, choices, multiple`}},
		{"missing question", strings.TrimPrefix(good, "question: Why can gradient descent stall near a saddle point?\n"),
			[]string{`l.md:11: question: missing; write the question the reader answers (question: Why …?)`}},
		{"missing choices", "question: Why?\n", []string{`l.md:11: choices: missing; list at least two choices, one with correct: true`}},
		{"question a list", "question: [a, b]\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:11: question: expected text, found a list`}},
		{"question empty", "question: \"  \"\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:11: question: is empty; write some text`}},
		{"question null", "question:\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:11: question: expected text, found nothing`}},
		{"choices a mapping", "question: Q\nchoices: {text: a}\n", []string{`l.md:12: choices: expected a list of choices ({text, correct, why}), found a mapping`}},
		{"one choice", "question: Q\nchoices: [{text: a, correct: true}]\n", []string{`l.md:12: choices: 1 choice; a quiz needs at least two`}},
		{"no correct choice", "question: Q\nchoices:\n  - a\n  - text: b\n    correct: false\n", []string{`l.md:12: choices: no choice is correct; mark the right one with correct: true`}},
		{"two correct, not multiple", "question: Q\nchoices:\n  - {text: a, correct: true}\n  - {text: b, correct: true}\nmultiple: false\n",
			[]string{`l.md:12: choices: 2 choices are correct; keep one, or set multiple: true for checkboxes`}},
		{"correct not a boolean", "question: Q\nchoices:\n  - text: a\n    correct: yes\n  - b\n", []string{`l.md:14: choices[0].correct: expected true or false, found the text "yes"`}},
		{"multiple not a boolean", "question: Q\nmultiple: 2\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:12: multiple: expected true or false, found 2`}},
		{"choice without text", "question: Q\nchoices:\n  - correct: true\n    why: because\n  - b\n", []string{`l.md:13: choices[0].text: missing; write the choice the reader sees`}},
		{"choice unknown key", "question: Q\nchoices:\n  - text: a\n    correct: true\n    feedback: yes\n  - b\n", []string{`l.md:15: choices[0].feedback: unknown key; a choice takes text, correct, why`}},
		{"choice a number", "question: Q\nchoices:\n  - 42\n  - {text: a, correct: true}\n", []string{`l.md:13: choices[0]: expected a mapping of keys to values, found 42`}},
		{"choice a list", "question: Q\nchoices:\n  - [a]\n  - {text: a, correct: true}\n", []string{`l.md:13: choices[0]: expected a mapping of keys to values, found a list`}},
		{"why a mapping", "question: Q\nchoices:\n  - text: a\n    correct: true\n    why: {a: b}\n  - b\n", []string{`l.md:15: choices[0].why: expected text, found a mapping`}},
		{"duplicate key", "question: Q\nquestion: R\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:12: question: appears twice; keep one`}},
		{"control character", "question: \"Why\\x07?\"\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:11: question: holds the control character U+0007; remove it`}},
		{"escape in a choice", "question: Q\nchoices: [{text: \"\\e[2Ja\", correct: true}, b]\n", []string{`l.md:12: choices[0].text: holds the control character U+001B; remove it`}},
		{"huge question", "question: " + strings.Repeat("x", 2001) + "\nchoices: [{text: a, correct: true}, b]\n", []string{`l.md:11: question: 2001 characters is over the limit of 2000`}},
		{"huge why", "question: Q\nchoices: [{text: a, correct: true, why: " + strings.Repeat("é", 2001) + "}, b]\n", []string{`l.md:12: choices[0].why: 2001 characters is over the limit of 2000`}},
		{"too many choices", "question: Q\nchoices: [{text: a, correct: true}" + strings.Repeat(", b", 12) + "]\n", []string{`l.md:12: choices: 13 choices is over the limit of 12`}},
		{"every mistake", "question: 1\nmultiple: maybe\nchoices:\n  - text: [x]\n  - correct: 1\n",
			[]string{`l.md:12: multiple: expected true or false, found the text "maybe"`, `l.md:14: choices[0].text: expected text, found a list`,
				`l.md:15: choices[1].correct: expected true or false, found 1`, `l.md:15: choices[1].text: missing; write the choice the reader sees`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l := &diag.List{File: "l.md"}
			s, ok := Decode([]byte(c.src), 10, l)
			if ok || s != nil {
				t.Fatalf("decoded %+v", s)
			}
			var got []string
			for _, e := range l.Errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// FuzzDecode checks that no block, however malformed, panics the decoder,
// that a failure always says why, and that what decodes holds a correct
// choice and texts within the limits.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("question: Q\nmultiple: true\nchoices: [{text: a, correct: true}, {text: b, correct: true}, c]\n"))
	f.Add([]byte("question: &a Q\nchoices: [*a, {text: *a, correct: true}]\n"))
	f.Add([]byte("question: \"\\x00\"\nchoices: []\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l := &diag.List{File: "f.md"}
		s, ok := Decode(src, 0, l)
		if !ok {
			if len(l.Errs) == 0 {
				t.Fatal("failed without an error")
			}
			return
		}
		if len(l.Errs) != 0 || s.Question == "" || len(s.Choices) < 2 || len(s.Choices) > MaxChoices {
			t.Fatalf("decoded %+v with %v", s, l.Errs)
		}
		correct := 0
		for _, c := range s.Choices {
			if c.Text == "" {
				t.Fatalf("empty choice in %+v", s)
			}
			if c.Correct {
				correct++
			}
		}
		if correct == 0 || correct > 1 && !s.Multiple {
			t.Fatalf("%d correct choices in %+v", correct, s)
		}
	})
}
