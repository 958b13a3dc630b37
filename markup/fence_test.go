package markup

import (
	"reflect"
	"testing"
)

// A block near a landscape or a quiz that would be shown as code, and one
// that runs to the end of the page, are errors at its fence.
func TestFences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src              string
		figures, quizzes int
		errs             []string
	}{
		{"a\n\n```landscape\nfunction: x\n", 0, 0, []string{"l.md:3: landscape: the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it"}},
		{"```quiz\nquestion: q\n\nMore text.\n", 0, 0, []string{"l.md:1: quiz: the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it"}},
		{"```landscpe\nx\n```\n", 0, 0, []string{"l.md:1: ```landscpe: is no block of Descent's (did you mean landscape?); as it is, it is shown as code"}},
		{"Text.\n\n```Landscape\nx\n```\n", 0, 0, []string{"l.md:3: ```Landscape: is no block of Descent's (did you mean landscape?); as it is, it is shown as code"}},
		{"```quizz\nx\n```\n", 0, 0, []string{"l.md:1: ```quizz: is no block of Descent's (did you mean quiz?); as it is, it is shown as code"}},
		{"```landscape {#fig-bowl}\nx\n```\n", 0, 0, []string{"l.md:1: ```landscape: takes nothing after its name; write the block's settings inside it (id: bowl), or the block is shown as code"}},
		{"```quiz extra\nx\n```\n", 0, 0, []string{"l.md:1: ```quiz: takes nothing after its name; write the block's settings inside it, or the block is shown as code"}},
		{"> ```landscape\n> x\n> ```\n", 1, 0, nil},
		// Open in a quote or list, with a fence after it outside.
		{"> ```landscape\n> function: quadratic\n```\n## Next\n", 0, 0, []string{"l.md:1: landscape: the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it"}},
		{"- ```quiz\n  q\n```\nmore\n", 0, 0, []string{"l.md:1: quiz: the block has no closing ``` line, so all after it in its page, quote or list was read as its settings; close it"}},
		{"```landscape{#fig-bowl}\nx\n```\n", 0, 0, []string{"l.md:1: ```landscape: takes nothing after its name; write the block's settings inside it (id: bowl), or the block is shown as code"}},
		{"- ```quiz\n  q\n  ```\n", 0, 1, nil},
		{"~~~landscape\nx\n~~~\n", 1, 0, nil},
		{"```landscape\n```\n", 1, 0, nil},
		{"```landscape\nx\n\n\n```\n", 1, 0, nil},
		{"```python\nx\n```\n\n```go\nx\n", 0, 0, nil}, // other code, closed or not
	}
	for _, tt := range tests {
		_, d, errs := renderDoc(t, tt.src)
		if len(d.Figures) != tt.figures || len(d.Quizzes) != tt.quizzes || !reflect.DeepEqual(errs, tt.errs) {
			t.Errorf("%q: %d figures, %d quizzes, %q; want %d, %d, %q", tt.src, len(d.Figures), len(d.Quizzes), errs, tt.figures, tt.quizzes, tt.errs)
		}
	}
}
