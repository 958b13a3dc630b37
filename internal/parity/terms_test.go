//go:build parity

package parity

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"descent/search"
)

// TestSearchTerms holds search.js's terms, which split a reader's query,
// to search.Terms, which split the pages: a query finds a page only where
// both make the same terms. It tries every letter and number of Go's
// Unicode tables on its own and inside a word, and words in several
// scripts. (A browser's newer Unicode has letters Go's does not: a page
// is indexed without them, so a query of them finds nothing.)
func TestSearchTerms(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "layouts", "static", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The function as the page has it, from its line to the first line
	// that closes it at its indentation.
	fn := regexp.MustCompile(`(?ms)^( *)function terms\(text\) \{$.*?^( *)\}$`).Find(src)
	if fn == nil {
		t.Fatal("search.js has no function terms(text)")
	}
	texts := []string{"İstanbul", "ΣΑΣ ΟΔΟΣ", "Größe STRASSE ẞ", "日本語 word", "x² θₜ xʸ aᶜ", "ǅemal ǈ", "Ωmega Kelvin K",
		"ﬁne ﬂow", "Ⅻ Ⓐ", "σς Σ", "ΐ ΰ", "İİ"}
	for r := rune(0); r <= 0x2ffff; r++ {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsUpper(r) {
			texts = append(texts, "q"+string(r)+"z "+string(r)+string(r))
		}
	}
	in, _ := json.Marshal(texts)
	script := string(fn) + "\nconst texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" +
		"process.stdout.write(JSON.stringify(texts.map(terms)));\n"
	cmd := exec.Command("node", "-e", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var js [][]string
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, text := range texts {
		goTerms := search.Terms(text)
		if !slices.Equal(goTerms, js[i]) && !(len(goTerms) == 0 && len(js[i]) == 0) {
			if bad++; bad <= 20 {
				t.Errorf("%q (%U): Go %q, search.js %q", text, []rune(text), goTerms, js[i])
			}
		}
	}
	t.Logf("search terms: %d texts, %d differ", len(texts), bad)
}
