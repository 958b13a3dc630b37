package search

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite search.js's table of letters")

// letters is the table search.js splits a query by: the runes eachTerm
// keeps in a term, as the gap before each range of them and its length,
// in base 36. With it the browser splits a query as the build split the
// pages, whatever Unicode version each has.
func letters() string {
	var parts []string
	next := rune(0) // one past the last range
	for r := rune(0); r <= unicode.MaxRune; {
		if !termRune(r) {
			r++
			continue
		}
		lo := r
		for r <= unicode.MaxRune && termRune(r) {
			r++
		}
		parts = append(parts, strconv.FormatInt(int64(lo-next), 36), strconv.FormatInt(int64(r-lo), 36))
		next = r
	}
	return strings.Join(parts, ",")
}

// termRune is eachTerm's test of a rune, ASCII included.
func termRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !isScript(r)
}

var lettersRE = regexp.MustCompile(`(?m)^(\s*var LETTERS = ")([0-9a-z,]*)(";)$`)

// TestLetters holds search.js's table of letters to Go's unicode tables;
// go test -update rewrites it, as a new Go's tables will need.
func TestLetters(t *testing.T) {
	name := filepath.Join("..", "layouts", "static", "search.js")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	m := lettersRE.FindSubmatchIndex(src)
	if m == nil {
		t.Fatalf(`%s has no line var LETTERS = "…";`, name)
	}
	want := letters()
	if got := string(src[m[4]:m[5]]); got != want {
		if !*update {
			t.Fatalf("%s: LETTERS is not the table of Go %s's letters and numbers (%d characters against %d); run go test ./search -update", name, unicode.Version, len(got), len(want))
		}
		out := append(append(append([]byte{}, src[:m[4]]...), want...), src[m[5]:]...)
		if err := os.WriteFile(name, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLettersDecode reads the table back as search.js does and finds
// every rune eachTerm keeps, and no other.
func TestLettersDecode(t *testing.T) {
	nums := strings.Split(letters(), ",")
	if len(nums)%2 != 0 {
		t.Fatalf("%d numbers, want pairs", len(nums))
	}
	in := make(map[rune]bool)
	next := rune(0)
	for i := 0; i < len(nums); i += 2 {
		gap, err1 := strconv.ParseInt(nums[i], 36, 32)
		n, err2 := strconv.ParseInt(nums[i+1], 36, 32)
		if err1 != nil || err2 != nil || n <= 0 || (i > 0 && gap <= 0) {
			t.Fatalf("pair %d: %q %q", i/2, nums[i], nums[i+1])
		}
		lo := next + rune(gap)
		for r := lo; r < lo+rune(n); r++ {
			in[r] = true
		}
		next = lo + rune(n)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue // a surrogate: not text
		}
		// eachTerm itself, not a copy of its test: a kept rune joins the
		// letters around it into one term.
		kept := len(Terms("q"+string(r)+"z")) == 1 && len(Terms(string(r)+string(r))) == 1
		if in[r] != kept {
			t.Fatalf("%U: in the table %v, kept in a term %v", r, in[r], kept)
		}
	}
	if !in['a'] || !in['9'] || !in['é'] || in[' '] || in['²'] || in['-'] {
		t.Fatal("the table lost the obvious")
	}
}
