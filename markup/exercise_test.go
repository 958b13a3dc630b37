package markup

import (
	"bytes"
	"strings"
	"testing"

	"descent/diag"
)

func render(t *testing.T, src string) (string, []string) {
	t.Helper()
	c := New(false)
	l := &diag.List{File: "l.md"}
	d := c.Parse([]byte(src), 1, l)
	var b bytes.Buffer
	if err := c.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, e := range l.Errs {
		errs = append(errs, e.Error())
	}
	return b.String(), errs
}

func TestExercises(t *testing.T) {
	t.Parallel()
	got, errs := render(t, "> [!EXERCISE]\n> Show that $x$ is *small*.\n\n> [!answer]\n> Because.\n\n> [!EXERCISE] Second.\n\n> Just a quote.\n")
	want := `<section class="exercise" id="ex-1" aria-labelledby="ex-1-title">
<p class="exercise-title" id="ex-1-title"><a href="#ex-1">Exercise 1</a></p>
<p>Show that <math display="inline"><mrow><mi>x</mi></mrow></math> is <em>small</em>.</p>
<details class="answer" id="ex-1-answer">
<summary>Answer to exercise 1</summary>
<p>Because.</p>
</details>
</section>
<section class="exercise" id="ex-2" aria-labelledby="ex-2-title">
<p class="exercise-title" id="ex-2-title"><a href="#ex-2">Exercise 2</a></p>
<p>Second.</p>
</section>
<blockquote>
<p>Just a quote.</p>
</blockquote>
`
	if got != want || errs != nil {
		t.Errorf("got\n%s\nerrors %v", got, errs)
	}
}

func TestOrphanAnswers(t *testing.T) {
	t.Parallel()
	_, errs := render(t, "Text.\n\n> [!ANSWER]\n> Alone.\n\n> [!EXERCISE]\n> Q.\n\n> [!ANSWER]\n> A.\n\n> [!ANSWER]\n> A second answer.\n")
	want := []string{
		"l.md:3: answer: [!ANSWER] must come right after the [!EXERCISE] block quote it answers (one answer each)",
		"l.md:12: answer: [!ANSWER] must come right after the [!EXERCISE] block quote it answers (one answer each)",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q", errs)
	}
}

// A heading whose words make an exercise's id takes another, one line or
// two; one that writes the id keeps it, and the page's check reports it.
func TestExerciseIDsReserved(t *testing.T) {
	t.Parallel()
	src := "## Ex 1\n\nEx 2 answer\n---\n\n## Ex 1 title {#mine}\n\n> [!EXERCISE]\n> One.\n\n> [!ANSWER]\n> Yes.\n\n> [!EXERCISE]\n> Two.\n\n## Ex 3\n"
	c := New(false)
	d := c.Parse([]byte(src), 1, &diag.List{File: "l.md"})
	ids := map[string]int{}
	for _, a := range d.Anchors {
		ids[a.ID]++
	}
	for _, id := range []string{"ex-1-1", "ex-2-answer-1", "mine", "ex-3", "ex-1", "ex-1-title", "ex-1-answer", "ex-2"} {
		if ids[id] != 1 {
			t.Errorf("id %q %d times; ids %v", id, ids[id], ids)
		}
	}
}

// The mark is read in any case ([!Exercise] is an exercise), so it is
// counted in any case when the exercises' ids are reserved.
func TestExerciseIDsReservedAnyCase(t *testing.T) {
	t.Parallel()
	d := New(false).Parse([]byte("## Ex 1\n\n> [!Exercise]\n> One.\n\n> [!exercise] Two.\n\n## Ex 2\n"), 1, &diag.List{File: "l.md"})
	ids := map[string]int{}
	for _, a := range d.Anchors {
		ids[a.ID]++
	}
	for _, id := range []string{"ex-1-1", "ex-1", "ex-2-1", "ex-2"} {
		if ids[id] != 1 {
			t.Errorf("id %q %d times; ids %v", id, ids[id], ids)
		}
	}
}

// The preview's marks of a figure (data-digest, data-descent-stub) are
// not an author's to write on a heading: reload.js would take it for one.
func TestPreviewAttributesDropped(t *testing.T) {
	t.Parallel()
	html, errs := render(t, "## Title {#t data-digest=\"00000000-1\" data-Descent-Stub=\"\" data-note=\"kept\"}\n\nText.\n")
	if low := strings.ToLower(html); len(errs) > 0 || strings.Contains(low, "data-digest") || strings.Contains(low, "data-descent-stub") || !strings.Contains(html, `data-note="kept"`) || !strings.Contains(html, `id="t"`) {
		t.Errorf("got %q (errors %v), want the heading with its id and data-note only", html, errs)
	}
}
