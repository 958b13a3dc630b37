package texmath

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// katexCase is one formula of the corpus (testdata/katex/corpus.jsonl,
// written by markup's TestKaTeXCorpus from the course and the test
// formulas) and, in katex.jsonl, KaTeX's verdict: its MathML, or its error.
type katexCase struct {
	TeX     string `json:"tex"`
	Display bool   `json:"display"`
	From    string `json:"from,omitempty"`
	MathML  string `json:"mathml,omitempty"`
	Error   string `json:"error,omitempty"`
}

func readJSONL(t testing.TB, path string) []katexCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []katexCase
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var c katexCase
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c)
	}
	return out
}

// TestKaTeX compares every formula of the corpus with KaTeX's verdict in
// testdata/katex/katex.jsonl: where KaTeX accepts a formula, ours must
// convert it to the same MathML after normalisation (katexNormal); where
// it rejects one, ours must report an error.
func TestKaTeX(t *testing.T) {
	t.Parallel()
	want := readJSONL(t, "testdata/katex/katex.jsonl")
	cases := readJSONL(t, "testdata/katex/corpus.jsonl")
	if len(want) != len(cases) {
		t.Fatalf("katex.jsonl has %d formulas, the corpus %d: run bash texmath/testdata/katex/run.sh", len(want), len(cases))
	}
	agree, accepted := 0, 0
	for i, k := range want {
		if k.TeX != cases[i].TeX || k.Display != cases[i].Display {
			t.Fatalf("katex.jsonl is stale at %q: run bash texmath/testdata/katex/run.sh", k.TeX)
		}
		ours, err := MathML(k.TeX, k.Display)
		if k.Error != "" {
			if err == nil {
				t.Errorf("%s %q: KaTeX rejects it (%s), ours converts it", cases[i].From, k.TeX, k.Error)
				continue
			}
			agree++
			continue
		}
		accepted++
		if err != nil {
			t.Errorf("%s %q: KaTeX accepts it, ours: %v", cases[i].From, k.TeX, err)
			continue
		}
		a, b := katexNormal(t, k.MathML), katexNormal(t, ours)
		if a != b {
			t.Errorf("%s %q:\nkatex %s\nours  %s", cases[i].From, k.TeX, a, b)
			continue
		}
		agree++
	}
	t.Logf("katex: %d formulas, %d accepted by KaTeX; %d agree", len(want), accepted, agree)
}

// katexNormal writes MathML's meaning in a form two converters can agree
// on, keeping what a reader sees: which elements, in which structure,
// holding which characters in which alphabet. It drops
//   - attributes, but for the alphabet (mathvariant, or a character from
//     the Mathematical Alphanumeric Symbols block), and <annotation>;
//   - grouping that does not change meaning: mrow, mstyle, mpadded,
//     semantics, and token elements holding elements (KaTeX wraps groups
//     in <mi> and <mo>); a one-element group is that element;
//   - spacing: mspace, and mtext of spaces only; spaces at either end of
//     a text run; adjacent mtext runs are one;
//   - the difference between mi and mo for delimiters ( ) [ ] | ‖ and
//     kin, and between ∣ and |, ∥ and ‖ in them (KaTeX writes |x| as
//     identifiers, we as operators);
//   - the split of an upright word into letters: adjacent mi that are not
//     italic, in one alphabet, are one.
func katexNormal(t *testing.T, mathml string) string {
	dec := xml.NewDecoder(strings.NewReader(mathml))
	type el struct {
		name, variant, text string
		kids                []*el
	}
	var stack []*el
	root := &el{name: "root"}
	stack = append(stack, root)
	for {
		tk, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%v in %s", err, mathml)
		}
		switch tk := tk.(type) {
		case xml.StartElement:
			e := &el{name: tk.Name.Local}
			for _, a := range tk.Attr {
				if a.Name.Local == "mathvariant" {
					e.variant = a.Value
				}
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top := stack[len(stack)-1]
			top.text += string(tk)
		}
	}
	var norm func(e *el) []string
	group := func(parts []string) string {
		if len(parts) == 1 {
			return parts[0]
		}
		return "{" + strings.Join(parts, " ") + "}"
	}
	token := func(e *el) (string, bool) {
		txt := e.text
		variant := e.variant
		var b strings.Builder
		for _, r := range txt {
			if base, v, ok := unstyled(r); ok {
				r, variant = base, v
			}
			switch r {
			case '\u00a0', '\u2009', '\u2005', '\u2004', '\u200a', '\u2002', '\u2003', '\u205f', '\u2063', '\u200b':
				r = ' '
			case '∣':
				r = '|'
			case '∥':
				r = '‖'
			}
			b.WriteRune(r)
		}
		txt = b.String()
		for base, neg := range negated {
			txt = strings.ReplaceAll(txt, base+"\u0338", neg)
		}
		name := e.name
		switch name {
		case "mtext":
			if strings.TrimSpace(txt) == "" {
				return "mtext\" \"", true // a space: it joins the text around it
			}
		case "mi":
			if variant == "" && utf8.RuneCountInString(txt) == 1 {
				variant = "italic"
			}
			if variant == "" || variant == "normal" && utf8.RuneCountInString(txt) > 1 {
				variant = "normal"
			}
			if variant == "normal" {
				if r, _ := utf8.DecodeRuneInString(txt); !unicode.IsLetter(r) || utf8.RuneCountInString(txt) > 1 {
					variant = ""
				}
			}
		case "mo":
			variant = ""
			if txt == "" {
				return "", false
			}
		}
		if strings.Contains("()[]{}|‖⟨⟩⌊⌋⌈⌉/", txt) && txt != "" && utf8.RuneCountInString(txt) == 1 {
			name = "mo"
			variant = ""
		}
		if variant != "" && variant != "normal" || name == "mi" && variant == "normal" {
			return fmt.Sprintf("%s[%s]%q", name, variant, txt), true
		}
		return fmt.Sprintf("%s%q", name, txt), true
	}
	norm = func(e *el) []string {
		switch e.name {
		case "annotation", "mspace":
			return nil
		case "mi", "mn", "mo", "mtext":
			if len(e.kids) == 0 {
				if s, ok := token(e); ok {
					return []string{s}
				}
				return nil
			}
		}
		var parts []string
		for _, k := range e.kids {
			parts = append(parts, norm(k)...)
		}
		parts = mergeRuns(parts)
		switch e.name {
		case "root", "math", "mrow", "mstyle", "mpadded", "semantics", "mi", "mo", "mn", "mtext":
			return parts
		}
		var args []string
		for _, k := range e.kids {
			args = append(args, group(mergeRuns(norm(k))))
		}
		// KaTeX writes \lambda_{\max} as <msub> with three children: the
		// ones past a script element's arity belong to its last argument.
		if n := map[string]int{"msub": 2, "msup": 2, "munder": 2, "mover": 2, "mfrac": 2, "mroot": 2}[e.name]; n > 0 && len(e.kids) > n {
			var last []string
			for _, k := range e.kids[n-1:] {
				last = append(last, norm(k)...)
			}
			args = append(args[:n-1], group(mergeRuns(last)))
		}
		return []string{e.name + "(" + strings.Join(args, ", ") + ")"}
	}
	return strings.Join(norm(root), " ")
}

var runRE = regexp.MustCompile(`^(mi|mtext)(\[[a-z-]+\])?"(.*)"$`)

// mergeRuns joins adjacent text runs, and adjacent upright identifiers in
// one alphabet.
func mergeRuns(parts []string) []string {
	var out []string
	for _, p := range parts {
		if n := len(out); n > 0 {
			a, b := runRE.FindStringSubmatch(out[n-1]), runRE.FindStringSubmatch(p)
			if a != nil && b != nil && a[1] == "mtext" && b[1] == "mtext" {
				// A run of spaces takes the style of the text beside it.
				if strings.TrimSpace(b[3]) == "" {
					b[2] = a[2]
				} else if strings.TrimSpace(a[3]) == "" {
					a[2] = b[2]
				}
			}
			if a != nil && a[1] == "mi" && a[2] == "" {
				a[2] = "[normal]"
			}
			if b != nil && b[1] == "mi" && b[2] == "" {
				b[2] = "[normal]"
			}
			if a != nil && b != nil && a[1] == b[1] && a[2] == b[2] && (a[1] == "mtext" || a[2] != "[italic]") {
				v := a[2]
				if v == "[normal]" && a[1] == "mi" {
					v = "" // a word is upright anyway
				}
				out[n-1] = a[1] + v + `"` + a[3] + b[3] + `"`
				continue
			}
		}
		out = append(out, p)
	}
	// Text runs: spaces at their ends do not show; a run of spaces alone
	// is spacing.
	var kept []string
	for _, p := range out {
		if m := runRE.FindStringSubmatch(p); m != nil && m[1] == "mtext" {
			t := strings.Join(strings.Fields(m[3]), " ")
			if t == "" {
				continue
			}
			p = m[1] + m[2] + `"` + t + `"`
		}
		kept = append(kept, p)
	}
	return kept
}

// unstyled is the letter and alphabet of a Mathematical Alphanumeric
// Symbol, the inverse of styled.
func unstyled(r rune) (rune, string, bool) {
	if r < 0x2100 {
		return r, "", false
	}
	for _, v := range []string{"bold", "italic", "bold-italic", "script", "fraktur", "double-struck", "sans-serif", "bold-sans-serif", "monospace", "bold-script", "bold-fraktur", "sans-serif-italic", "sans-serif-bold-italic"} {
		for _, base := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω∇∂ϵϑϰϕϱϖ" {
			if s := styled(base, v); s == r && s != base {
				return base, v, true
			}
		}
	}
	return r, "", false
}
