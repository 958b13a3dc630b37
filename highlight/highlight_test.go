package highlight

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// category folds a chroma class to what a reader tells apart: keyword,
// comment, string, number, or anything else (names, operators, text).
func category(class string) byte {
	switch {
	case class == "":
		return 'x'
	case class == "sd":
		return 'd' // a doc string: a string to chroma, a comment to a reader
	case strings.HasPrefix(class, "cp"):
		return 'p' // a preprocessor line
	case strings.HasPrefix(class, "k"):
		return 'k'
	case strings.HasPrefix(class, "c"):
		return 'c'
	case strings.HasPrefix(class, "s"):
		return 's'
	case strings.HasPrefix(class, "m"):
		return 'm'
	}
	return 'x'
}

// byteCategories is the category of each byte of code as ours tokenises it.
func ours(l *lang, code string) []byte {
	var out []byte
	for _, t := range l.tokens(code) {
		for range len(t.text) {
			out = append(out, category(t.class))
		}
	}
	return out
}

// theirs is the same from chroma's lexer for lang.
func theirs(t *testing.T, name, code string) []byte {
	lx := lexers.Get(name)
	if lx == nil {
		t.Fatalf("chroma has no lexer %q", name)
	}
	it, err := chroma.Coalesce(lx).Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, tok := range it.Tokens() {
		c := category(chroma.StandardTypes[tok.Type])
		for range len(tok.Value) {
			out = append(out, c)
		}
	}
	return out
}

// TestAgainstChroma: on every snippet of testdata/NAME.txt, at least 90%
// of the bytes that are not white space fall in the category chroma puts
// them in, and comments agree everywhere. (Chroma's own lexers differ in
// detail: its shell lexer leaves $1 and numbers plain, its Java one a
// number after "=".) The test logs the total agreement.
func TestAgainstChroma(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	allSame, allTotal := 0, 0
	defer func() {
		t.Logf("%d of %d bytes (%.1f%%) in chroma's category", allSame, allTotal, 100*float64(allSame)/float64(allTotal))
	}()
	if len(files) < 8 {
		t.Fatalf("%d snippet files", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		l := lookup(name)
		if l == nil {
			t.Fatalf("no table for %s", name)
		}
		for i, code := range strings.Split(string(src), "\n---\n") {
			code = strings.TrimPrefix(code, "\n") + "\n"
			a, b := ours(l, code), theirs(t, name, code)
			if len(a) != len(b) {
				t.Fatalf("%s %d: %d bytes against %d", name, i, len(a), len(b))
			}
			same, total, reported := 0, 0, false
			for k := range a {
				if strings.ContainsRune(" \t\n\r", rune(code[k])) {
					continue
				}
				total++
				if a[k] == b[k] || b[k] == 'd' && (a[k] == 's' || a[k] == 'c') {
					same++
					continue
				}
				if os.Getenv("HIGHLIGHT_DEBUG") != "" {
					t.Logf("%s %d at %d %q: ours %c chroma %c", name, i, k, code[max(0, k-12):min(len(code), k+12)], a[k], b[k])
				}
				if (a[k] == 'c' || b[k] == 'c') && !reported {
					reported = true
					start := max(0, k-20)
					t.Errorf("%s snippet %d at byte %d (%q): ours %c, chroma %c", name, i, k, code[start:min(len(code), k+20)], a[k], b[k])
				}
			}
			allSame, allTotal = allSame+same, allTotal+total
			if total > 0 && float64(same) < 0.9*float64(total) {
				t.Errorf("%s snippet %d: %d of %d bytes agree with chroma", name, i, same, total)
			}
		}
	}
}

// TestHTML holds the HTML to chroma's structure, escaped.
func TestHTML(t *testing.T) {
	var b strings.Builder
	if !HTML(&b, "python", "x = \"<a>\"  # &\nprint(x)\n") {
		t.Fatal("python unknown")
	}
	want := `<pre class="chroma"><code><span class="line"><span class="cl"><span class="n">x</span> <span class="o">=</span> <span class="s2">&#34;&lt;a&gt;&#34;</span>  <span class="c1"># &amp;</span>
</span></span><span class="line"><span class="cl"><span class="nb">print</span><span class="p">(</span><span class="n">x</span><span class="p">)</span>
</span></span></code></pre>
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if HTML(&b, "klingon", "x") || Known("klingon") || !Known("Python") {
		t.Error("unknown languages")
	}
}

// FuzzHTML: any text in any language is written whole, escaped, with
// balanced spans.
func FuzzHTML(f *testing.F) {
	f.Add("go", "func f() { return \"x\" /* y */ }")
	f.Add("yaml", "a: 'b'\n# c\n")
	f.Add("bash", "echo ${HOME} $x # c")
	f.Fuzz(func(t *testing.T, lang, code string) {
		var b strings.Builder
		if !HTML(&b, lang, code) {
			return
		}
		out := b.String()
		if strings.Count(out, "<span") != strings.Count(out, "</span>") {
			t.Fatalf("unbalanced spans: %s", out)
		}
		if strings.Contains(strings.TrimSuffix(strings.TrimPrefix(out, `<pre class="chroma"><code>`), "</code></pre>\n"), "<pre") {
			t.Fatal("markup from the code")
		}
	})
}
