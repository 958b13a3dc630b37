package markup

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/wyatt915/treeblood"
)

// mathRenderer turns TeX into MathML at build time with treeblood, then
// makes the result fit for a static site: attributes in a fixed order (the
// library emits them in map order, so the same formula would give different
// bytes on each build), the TeX annotation dropped (it doubles the size and
// screen readers read the MathML), and any <merror> turned into an error for
// the author instead of a red box on the page. Results are memoised: courses
// repeat formulas.
type mathRenderer struct {
	mu   sync.Mutex
	memo map[string]mathResult
}

type mathResult struct {
	html string
	err  error
}

// mathMacros fills gaps in treeblood's command set.
var mathMacros = map[string]string{
	"operatorname": `\mathrm{#1}`,
	"arg":          `\mathrm{arg}`,
	"sign":         `\mathrm{sign}`,
	"argmin":       `\mathrm{arg\,min}`,
	"argmax":       `\mathrm{arg\,max}`,
}

// unsupported lists commands treeblood accepts but renders wrongly.
var unsupported = []string{`\tfrac`, `\dfrac`, `\newcommand`, `\def`, `\color`}

func (m *mathRenderer) render(tex string, display bool) (string, error) {
	key := fmt.Sprint(display, "\x00", tex)
	m.mu.Lock()
	if r, ok := m.memo[key]; ok {
		m.mu.Unlock()
		return r.html, r.err
	}
	m.mu.Unlock()
	out, err := convertTeX(tex, display)
	m.mu.Lock()
	if m.memo == nil {
		m.memo = map[string]mathResult{}
	}
	m.memo[key] = mathResult{out, err}
	m.mu.Unlock()
	return out, err
}

func convertTeX(tex string, display bool) (out string, err error) {
	for _, cmd := range unsupported {
		if i := strings.Index(tex, cmd); i >= 0 && !isLetterAt(tex, i+len(cmd)) {
			return "", fmt.Errorf("math: %s is not supported; use \\frac", cmd)
		}
	}
	if strings.TrimSpace(tex) == "" {
		return "", fmt.Errorf("math: empty formula")
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("math: cannot read %q", tex)
		}
	}()
	raw, err := treeblood.TexToMML(tex, mathMacros, display, display)
	if err != nil {
		return "", fmt.Errorf("math: %v", strings.TrimSpace(err.Error()))
	}
	return canonicalMathML(raw, tex)
}

func isLetterAt(s string, i int) bool {
	return i < len(s) && ('a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z')
}

// canonicalMathML re-serialises MathML with sorted attributes, without the
// annotation, and reports <merror> elements.
func canonicalMathML(raw, tex string) (string, error) {
	dec := xml.NewDecoder(strings.NewReader(raw))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var b bytes.Buffer
	skip := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("math: cannot read %q", tex)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if name == "merror" {
				return "", fmt.Errorf("math: unsupported command in %q", tex)
			}
			if name == "annotation" || skip > 0 {
				skip++
				continue
			}
			attrs := slices.Clone(t.Attr)
			slices.SortFunc(attrs, func(a, b xml.Attr) int { return strings.Compare(a.Name.Local, b.Name.Local) })
			b.WriteString("<" + name)
			for _, a := range attrs {
				if a.Name.Local == "style" && strings.Contains(a.Value, "dtls") {
					continue
				}
				if a.Name.Local == "style" {
					a.Value = sortedStyle(a.Value)
				}
				local := a.Name.Local
				if a.Name.Space == "xmlns" || local == "xmlns" {
					continue // implied in HTML
				}
				fmt.Fprintf(&b, ` %s="%s"`, local, html.EscapeString(a.Value))
			}
			b.WriteString(">")
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Local == "semantics" {
				continue
			}
			b.WriteString("</" + t.Name.Local + ">")
		case xml.CharData:
			if skip > 0 || len(bytes.TrimSpace(t)) == 0 {
				continue // indentation between elements means nothing in MathML
			}
			b.WriteString(html.EscapeString(string(t)))
		}
	}
	// <semantics> only wrapped the annotation; drop its opening tag too.
	return strings.Replace(b.String(), "<semantics>", "", 1), nil
}

// sortedStyle puts CSS declarations in a fixed order: treeblood builds some
// style attributes from a map.
func sortedStyle(style string) string {
	var decls []string
	for _, d := range strings.Split(style, ";") {
		if d = strings.TrimSpace(d); d != "" {
			decls = append(decls, d)
		}
	}
	slices.Sort(decls)
	return strings.Join(decls, ";")
}
