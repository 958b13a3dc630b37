package lesson

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"descent/diag"
	"descent/markup"
	"descent/quiz"
)

// maxQuizzesPerPage bounds a lesson's quizzes: each is a few Markdown
// conversions, and no lesson needs more.
const maxQuizzesPerPage = 50

// quizView is what quizTemplate renders: HTML we made ourselves from the
// author's Markdown.
type quizView struct {
	ID       string
	Question template.HTML
	Multiple bool
	Choices  []choiceView
}

type choiceView struct {
	Text    template.HTML
	Why     template.HTML
	Correct bool
}

// quizTemplate writes a quiz: a fieldset of radio buttons (or checkboxes),
// an aria-live region for quiz.js's feedback, and the answer with every
// explanation in a <details> that works without JavaScript. It is parsed
// when a course first has a quiz, not as every build starts.
var quizTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("quiz").Parse(`<form class="quiz" id="{{.ID}}" data-multiple="{{.Multiple}}">
<div class="quiz-question" id="{{.ID}}-q">{{.Question}}</div>
<fieldset class="quiz-choices" aria-labelledby="{{.ID}}-q">
<ol>
{{- range $i, $c := .Choices}}
<li class="quiz-choice" data-choice="{{$i}}"><label><input type="{{if $.Multiple}}checkbox{{else}}radio{{end}}" name="{{$.ID}}" value="{{$i}}"> <span class="quiz-text">{{$c.Text}}</span></label></li>
{{- end}}
</ol>
</fieldset>
<div class="quiz-feedback" aria-live="polite"></div>
<div class="quiz-actions" hidden>{{if .Multiple}}<button type="button" class="quiz-check">Check</button> {{end}}<button type="button" class="quiz-retry">Try again</button></div>
<details class="quiz-answer">
<summary>Show the answer</summary>
<ol>
{{- range $i, $c := .Choices}}
<li class="quiz-explain {{if $c.Correct}}quiz-right{{else}}quiz-wrong{{end}}" data-choice="{{$i}}" data-correct="{{$c.Correct}}"><strong>{{if $c.Correct}}Right:{{else}}Wrong:{{end}}</strong> <span class="quiz-text">{{$c.Text}}</span>{{with $c.Why}}<div class="quiz-why">{{.}}</div>{{end}}</li>
{{- end}}
</ol>
</details>
</form>
`))
})

// renderQuiz decodes a quiz block and writes its HTML into the node,
// reporting every mistake to l.
func renderQuiz(conv *markup.Converter, n *markup.Quiz, id string, l *diag.List) {
	s, ok := quiz.Decode(n.Source, n.Line-1, l)
	if !ok {
		return
	}
	before := len(l.Errs)
	v := quizView{ID: id, Multiple: s.Multiple}
	q, _ := conv.Fragment(s.Question, s.QuestionLine, "question", id+"-q", false, l)
	v.Question = template.HTML(q)
	for i, c := range s.Choices {
		key := fmt.Sprintf("choices[%d]", i) // from 0, as runs[0] and curves[0]
		text, _ := conv.Fragment(c.Text, c.Line, key+".text", fmt.Sprintf("%s-%d", id, i), true, l)
		cv := choiceView{Text: template.HTML(text), Correct: c.Correct}
		if c.Why != "" {
			why, _ := conv.Fragment(c.Why, c.WhyLine, key+".why", fmt.Sprintf("%s-%d-why", id, i), false, l)
			cv.Why = template.HTML(why)
		}
		v.Choices = append(v.Choices, cv)
	}
	if len(l.Errs) != before {
		return
	}
	var b bytes.Buffer
	if err := quizTemplate().Execute(&b, v); err != nil {
		l.Add(n.Line-1, "quiz", "%v", err)
		return
	}
	n.HTML = b.Bytes()
}
