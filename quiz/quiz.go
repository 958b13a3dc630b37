package quiz

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/diag"
	"descent/yamlnode"

	"gopkg.in/yaml.v3"
)

// Limits that keep a quiz readable and a build bounded (README: Limits).
const (
	MaxChoices  = 12
	maxQuestion = 2000 // characters
	maxChoice   = 1000
	maxWhy      = 2000
)

// Spec is a checked quiz block. Each text is Markdown with $…$ math, as the
// author wrote it; Line fields are file lines.
type Spec struct {
	Question     string
	QuestionLine int
	Choices      []Choice
	Multiple     bool // several choices may be correct: checkboxes
}

// Choice is one answer the reader may pick.
type Choice struct {
	Text    string
	Line    int
	Correct bool
	Why     string // may be empty
	WhyLine int
}

var quizKeys = []string{"question", "choices", "multiple"}
var choiceKeys = []string{"text", "correct", "why"}

// Decode checks a quiz block's YAML, reporting every mistake to l. base is
// the file line before the block's first line of YAML.
func Decode(src []byte, base int, l *diag.List) (*Spec, bool) {
	before := len(l.Errs)
	root, byKey, ok := yamlnode.Block(src, base, "a quiz block", quizKeys, l)
	if !ok {
		return nil, false
	}
	s := &Spec{}
	if p, ok := byKey["question"]; ok {
		s.QuestionLine = base + p.Line
		s.Question = text(p.Val, maxQuestion, s.QuestionLine, "question", l)
	} else {
		l.Add(base+root.Line, "question", "missing; write the question the reader answers (question: Why …?)")
	}
	if p, ok := byKey["multiple"]; ok {
		v, err := yamlnode.Boolean(p.Val)
		if err != nil {
			l.Add(base+p.Line, "multiple", "%v", err)
		}
		s.Multiple = v
	}
	if p, ok := byKey["choices"]; ok {
		s.decodeChoices(p, base, l)
	} else {
		l.Add(base+root.Line, "choices", "missing; list at least two choices, one with correct: true")
	}
	if len(l.Errs) != before {
		return nil, false
	}
	return s, true
}

func (s *Spec) decodeChoices(p yamlnode.Pair, base int, l *diag.List) {
	n := yamlnode.Resolve(p.Val)
	if n.Kind != yaml.SequenceNode {
		l.Add(base+p.Line, "choices", "expected a list of choices ({text, correct, why}), found %s", yamlnode.Describe(n))
		return
	}
	if len(n.Content) < 2 {
		l.Add(base+p.Line, "choices", "%d choice; a quiz needs at least two", len(n.Content))
		return
	}
	if len(n.Content) > MaxChoices {
		l.Add(base+p.Line, "choices", "%d choices is over the limit of %d", len(n.Content), MaxChoices)
		return
	}
	before := len(l.Errs)
	for i, c := range n.Content {
		key := fmt.Sprintf("choices[%d]", i) // from 0, as runs[0] and curves[0]
		c = yamlnode.Resolve(c)
		if c.Kind == yaml.ScalarNode && c.Tag == "!!str" {
			// A bare string is a wrong choice without explanation.
			line := base + c.Line
			s.Choices = append(s.Choices, Choice{Text: text(c, maxChoice, line, key, l), Line: line})
			continue
		}
		pairs, ok := yamlnode.Mapping(c, base, key, l)
		if !ok {
			continue
		}
		ch := Choice{Line: base + c.Line}
		hasText := false
		for _, q := range pairs {
			line := base + q.Line
			k := yamlnode.Join(key, q.Key)
			switch q.Key {
			case "text":
				hasText = true
				ch.Text = text(q.Val, maxChoice, line, k, l)
			case "correct":
				v, err := yamlnode.Boolean(q.Val)
				if err != nil {
					l.Add(line, k, "%v", err)
				}
				ch.Correct = v
			case "why":
				ch.WhyLine = line
				ch.Why = text(q.Val, maxWhy, line, k, l)
			default:
				l.Add(line, k, "unknown key%s; a choice takes %s", diag.Suggest(k, choiceKeys, nil), strings.Join(choiceKeys, ", "))
			}
		}
		if !hasText {
			l.Add(ch.Line, key+".text", "missing; write the choice the reader sees")
		}
		s.Choices = append(s.Choices, ch)
	}
	if len(l.Errs) != before {
		return
	}
	correct := 0
	for _, c := range s.Choices {
		if c.Correct {
			correct++
		}
	}
	switch {
	case correct == 0:
		l.Add(base+p.Line, "choices", "no choice is correct; mark the right one with correct: true")
	case correct > 1 && !s.Multiple:
		l.Add(base+p.Line, "choices", "%d choices are correct; keep one, or set multiple: true for checkboxes", correct)
	}
}

// text reads a non-empty text of at most limit characters, without control
// characters other than tabs and line breaks.
func text(n *yaml.Node, limit, line int, key string, l *diag.List) string {
	s, err := yamlnode.Text(n)
	if err != nil {
		l.Add(line, key, "%v", err)
		return ""
	}
	if strings.TrimSpace(s) == "" {
		l.Add(line, key, "is empty; write some text")
		return ""
	}
	if c := utf8.RuneCountInString(s); c > limit {
		l.Add(line, key, "%d characters is over the limit of %d", c, limit)
		return ""
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && unicode.IsControl(r) || r == utf8.RuneError
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		l.Add(line, key, "holds the control character %U; remove it", r)
		return ""
	}
	return s
}
