//go:build parity

package parity

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"descent/search"
)

// nodeLetters is every code point node's /[\p{L}\p{N}\p{Lu}]/u matches.
func nodeLetters(t *testing.T) []rune {
	out, err := exec.Command("node", "-e", `const a = [];
for (let r = 0; r <= 0x10ffff; r++) if (!(r >= 0xd800 && r <= 0xdfff) && /^[\p{L}\p{N}\p{Lu}]$/u.test(String.fromCodePoint(r))) a.push(r);
process.stdout.write(JSON.stringify(a));`).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var rs []rune
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

func nodeUnicode(t *testing.T) string {
	out, err := exec.Command("node", "-p", "process.versions.unicode").Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestSearchTerms holds search.js's terms, which split a reader's query,
// to search.Terms, which split the pages: a query finds a page only where
// both make the same terms. It tries every letter and number of Go's
// Unicode tables on its own and inside a word, and words in several
// scripts, and the letters of node's newer Unicode that Go's lacks, which
// search.js's table of letters leaves out as the index did.
func TestSearchTerms(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "layouts", "static", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The table of letters and the function as the page has them, from
	// the table's line to the line that closes the function.
	start := bytes.Index(src, []byte("  var LETTERS = "))
	at := bytes.Index(src, []byte("\n  function terms(text) {\n"))
	if start < 0 || at < start {
		t.Fatal("search.js has no var LETTERS before function terms(text)")
	}
	end := bytes.Index(src[at:], []byte("\n  }\n"))
	if end < 0 {
		t.Fatal("search.js: function terms(text) does not end")
	}
	fn := src[start : at+end+4]
	texts := []string{"İstanbul", "ΣΑΣ ΟΔΟΣ", "Größe STRASSE ẞ", "日本語 word", "x² θₜ xʸ aᶜ", "ǅemal ǈ", "Ωmega Kelvin K",
		"ﬁne ﬂow", "Ⅻ Ⓐ", "σς Σ", "ΐ ΰ", "İİ", "\U0001F600smile", "a\u0301b"}
	for r := rune(0); r <= 0x2ffff; r++ {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsUpper(r) {
			texts = append(texts, "q"+string(r)+"z "+string(r)+string(r))
		}
	}
	// And the letters and numbers of node's own Unicode that Go's does
	// not have: a page is indexed without them, so a query must be split
	// without them too.
	newer := 0
	for _, r := range nodeLetters(t) {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsUpper(r) {
			texts = append(texts, "q"+string(r)+"z "+string(r)+string(r))
			newer++
		}
	}
	t.Logf("%d letters and numbers of node's Unicode %s are not in Go's %s", newer, nodeUnicode(t), unicode.Version)
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
