package markup

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"descent/diag"
)

func TestSeenText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Plain words", "Plain words"},
		{"The [step size](lr.md) matters", "The [step size] matters"},
		{"The [step size](lr.md \"a (title)\") matters", "The [step size] matters"},
		{"See [Adam][kingma] and [x](a(b)c)d", "See [Adam] and [x]d"},
		{"The matrix A[i][j]", "The matrix A[i][j]"},
		{"Adam &amp; co &#38; &#x26; &nbsp;", "Adam & co & & \u00a0"},
		{"Option &#65; and &#x42;", "Option A and B"},
		{"Not &amp or & alone or &#; or &#x;", "Not &amp or & alone or &#; or &#x;"},
		{"AT&T; &bogus; &copy;", "AT&T; &bogus; ©"},
		{"<b>Bold</b> and <span class=\"a>b\">x</span> and <br/>", "Bold and x and "},
		{"Title <!-- a <b> note --> and <!--> and <!-- open", "Title  and  and <!-- open"},
		{"An autolink <https://ex.org> and a < b > c and <1>", "An autolink <https://ex.org> and a < b > c and <1>"},
		{"Code `a](b)` and `` x`](y) `` stay", "Code `a](b)` and `` x`](y) `` stay"},
		{"An unclosed `code ](x) span", "An unclosed `code ] span"},
		{"Escaped \\](x) and \\&amp; and \\<b>", "Escaped \\](x) and \\&amp; and \\<b>"},
		{"Unclosed [link](to", "Unclosed [link](to"},
		// Inline links as goldmark reads them: a destination without
		// spaces, or in <>, then a title.
		{"[x](a b) y", "[x](a b) y"},
		{"[x](<a b>) y", "[x] y"},
		{"[x]() y", "[x] y"},
		{"[x]( a ) y", "[x] y"},
		{"[x](a 'title') y", "[x] y"},
		{"[x](a (title)) y", "[x] y"},
		{"[x](a \"t\" extra) y", "[x](a \"t\" extra) y"},
		{"[x](a(b) y", "[x](a(b) y"},
		{"[x](<a) y", "[x](<a) y"},
		{"[x](<a<b>) y", "[x] y"},
		{"[x](a\\ b) y", "[x](a\\ b) y"},
		{"[x](a\\(b) y", "[x] y"},
		{"[x](a\"t\") y", "[x] y"},
		{"[x](a (t(i)t)) y", "[x](a (t(i)t)) y"},
		{"[x](a \"t\\\"q\") y", "[x] y"},
		{"[x](a \"open) y", "[x](a \"open) y"},
		{"[x](a\x01b) y", "[x] y"},
		{"When $0<x \\le 1$ and $f(x)>0$", "When $0<x \\le 1$ and $f(x)>0$"},
		{"Formulas $a](b)$ and $\\&amp;$ stay", "Formulas $a](b)$ and $\\&amp;$ stay"},
		{"Prices $5 and <b>$6</b>, $ a <b>x</b>", "Prices $5 and $6, $ a x"},
		{"Trailing ]", "Trailing ]"},
		{"Trailing \\", "Trailing \\"},
		{"<", "<"},
		{"&", "&"},
	}
	defined := func(label []byte) bool { return string(label) == "kingma" }
	for _, tt := range tests {
		if got := string(seenText([]byte(tt.in), defined)); got != tt.want {
			t.Errorf("seenText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A reference link's label is left out only when the page defines it,
// after the heading too: "A[i][j]" shows its [j].
func TestHeadingIDsReferenceLabels(t *testing.T) {
	t.Parallel()
	src := "## The matrix A[i][j]\n\n## See [Adam][kingma] and [x][]\n\n[kingma]: https://arxiv.org/abs/1412.6980\n"
	d := New(false).Parse([]byte(src), 1, &diag.List{File: "l.md"})
	var ids []string
	for _, a := range d.Anchors {
		ids = append(ids, a.ID)
	}
	if want := "the-matrix-aij see-adam-and-x"; strings.Join(ids, " ") != want {
		t.Errorf("ids %q, want %s", ids, want)
	}
}

// Headings take their ids from what they show, on one line or two.
func TestHeadingIDsFromText(t *testing.T) {
	t.Parallel()
	src := "## The [step size](lr.md) matters\n\n## Adam &amp; <em>co</em>\n\nThe [step\nsize](lr.md) again\n---\n\n## Rate $\\eta$\n"
	d := New(false).Parse([]byte(src), 1, &diag.List{File: "l.md"})
	var ids []string
	for _, a := range d.Anchors {
		ids = append(ids, a.ID)
	}
	want := []string{"the-step-size-matters", "adam--co", "the-step-size-again", "rate-eta"}
	if len(ids) != len(want) {
		t.Fatalf("ids %q, want %q", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Errorf("id %d: %q, want %q", i, ids[i], want[i])
		}
	}
}

func FuzzSeenText(f *testing.F) {
	f.Add("The [step size](lr.md) matters &amp; <b>x</b> `a](b)`")
	f.Add("[x][y] &#x26; \\](z) <span a='>'>")
	f.Fuzz(func(t *testing.T, s string) {
		got := seenText([]byte(s), func([]byte) bool { return true })
		if len(got) > 2*len(s) { // a reference may stand for more bytes than it takes (&nGt;)
			t.Fatalf("seenText(%q) = %q, much longer", s, got)
		}
		if !bytes.ContainsAny([]byte(s), "]&<") && string(got) != s {
			t.Fatalf("seenText(%q) = %q, changed without a ], & or <", s, got)
		}
		if again := seenText(got, nil); len(again) > 2*len(got) {
			t.Fatalf("seenText(%q) grew", got)
		}
	})
}

// FuzzInlineLinkEnd holds inlineLinkEnd to goldmark's own reading: after
// "[x](", the rest is a link's destination and title exactly when goldmark
// renders a link there, and the link ends where inlineLinkEnd says.
func FuzzInlineLinkEnd(f *testing.F) {
	for _, s := range []string{"a b) y", "<a b>) y", ") y", " a ) y", "a 'title') y", "a (title)) y", "a \"t\" extra) y",
		"a(b) y", "<a) y", "<a<b>) y", "a\\ b) y", "a\\(b) y", "a\"t\") y", "a (t(i)t)) y", "a \"open) y", "a\x01b) y"} {
		f.Add(s)
	}
	md := goldmark.New()
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r\x00[]") {
			return // another line, another link, or a NUL goldmark replaces
		}
		v := []byte("[x](" + s)
		end := inlineLinkEnd(v, 3)
		var out bytes.Buffer
		if err := md.Convert(v, &out); err != nil {
			t.Fatal(err)
		}
		link := strings.HasPrefix(out.String(), "<p><a href=")
		if link != (end > 0) {
			t.Fatalf("%q: goldmark renders a link: %v; inlineLinkEnd says %d", v, link, end)
		}
		if link {
			// What follows the link, rendered after the ) it follows
			// (emphasis depends on the character before).
			rest := out.String()[strings.Index(out.String(), "</a>")+len("</a>"):]
			var after bytes.Buffer
			md.Convert(append([]byte(")"), v[end:]...), &after)
			if strings.TrimPrefix(after.String(), "<p>)") != rest {
				t.Fatalf("%q: goldmark's link ends before %q; inlineLinkEnd's before %q", v, rest, v[end:])
			}
		}
	})
}
