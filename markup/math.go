package markup

import (
	"encoding/xml"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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

// unsupported lists commands treeblood accepts but renders wrongly, with
// what to write instead.
var unsupported = []struct{ cmd, advice string }{
	{`\tfrac`, `; use \frac`},
	{`\dfrac`, `; use \frac`},
	{`\newcommand`, `; write the formula out`},
	{`\renewcommand`, `; write the formula out`},
	{`\def`, `; write the formula out`},
	{`\color`, ""},
	{`\textcolor`, ""},
	{`\colorbox`, ""},
	{`\class`, ""},
	{`\href`, ""},
}

// Limits on one formula, so that no formula can exhaust a build: the
// converter's time and memory grow with nesting far faster than with
// length (10,000 levels took 4 GB). Real formulas stay well inside both.
const (
	maxFormulaBytes = 4000
	maxFormulaDepth = 40
)

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
	if err := checkTeX(tex); err != nil {
		return "", err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("math: cannot read %q", tex)
		}
	}()
	raw, err := treeblood.TexToMML(tex, mathMacros, display, display)
	if err != nil {
		// treeblood's messages run over lines and quote the formula in
		// HTML; the formula and the line are the author's clue.
		return "", fmt.Errorf("math: cannot read %q", tex)
	}
	return canonicalMathML(raw, tex)
}

// checkTeX refuses what the converter must not see: commands it gets
// wrong, and formulas over the limits.
func checkTeX(tex string) error {
	if len(tex) > maxFormulaBytes {
		return fmt.Errorf("math: the formula is %d bytes long, over the limit of %d; split it", len(tex), maxFormulaBytes)
	}
	for _, u := range unsupported {
		if i := strings.Index(tex, u.cmd); i >= 0 && !isLetterAt(tex, i+len(u.cmd)) {
			return fmt.Errorf("math: %s is not supported%s", u.cmd, u.advice)
		}
	}
	if strings.TrimSpace(tex) == "" {
		return fmt.Errorf("math: empty formula")
	}
	if !utf8.ValidString(tex) {
		return fmt.Errorf("math: the formula is not valid UTF-8")
	}
	// XML has no place for most control characters: the page would not
	// parse as the converter's output does.
	if i := strings.IndexFunc(tex, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || 0x7f <= r && r <= 0x9f || r == 0xfffe || r == 0xffff
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(tex[i:])
		return fmt.Errorf("math: the formula holds the control character %U; remove it", r)
	}
	if d := texDepth(tex); d > maxFormulaDepth {
		return fmt.Errorf("math: the formula nests %d levels deep, over the limit of %d", d, maxFormulaDepth)
	}
	return nil
}

// texDepth is how deeply a formula nests: groups in braces, \left…\right
// pairs and environments, and commands whose argument is not in braces
// (\sqrt\sqrt x) each count a level.
func texDepth(tex string) int {
	depth, most, bare := 0, 0, 0
	for i := 0; i < len(tex); i++ {
		c := tex[i]
		switch {
		case c == '\\' && i+1 < len(tex) && !isLetterAt(tex, i+1):
			i++ // \{ \} \\ are not groups
			bare = 0
		case c == '\\':
			j := i + 1
			for j < len(tex) && isLetterAt(tex, j) {
				j++
			}
			switch name := tex[i+1 : j]; name {
			case "left", "begin":
				depth++
			case "right", "end":
				depth--
			default:
				// A command followed at once by another command takes
				// it as its argument: \sqrt\sqrt\sqrt x nests.
				bare++
			}
			i = j - 1
		case c == '{':
			depth++
			bare = 0
		case c == '}':
			depth--
		case c == ' ':
		default:
			bare = 0
		}
		most = max(most, depth+bare)
	}
	return most
}

func isLetterAt(s string, i int) bool {
	return i < len(s) && ('a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z')
}

// mathElements are the MathML elements a formula may hold (MathML Core,
// and menclose): anything else the converter writes, or an author slips
// into \text{…} as markup, is refused, never passed to the page.
var mathElements = setOf("math", "semantics", "annotation", "merror", "mfrac", "mi", "mmultiscripts", "mn", "mo",
	"mover", "mpadded", "mphantom", "mprescripts", "none", "mroot", "mrow", "ms", "mspace", "msqrt", "mstyle",
	"msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "menclose")

// mathAttributes are the attributes kept; any other is dropped. Their
// values must match mathValueRE (sizes, keywords, a class name), so that
// no author text reaches an attribute whole.
var mathAttributes = setOf("display", "displaystyle", "mathvariant", "linethickness", "lspace", "rspace",
	"movablelimits", "fence", "form", "largeop", "stretchy", "symmetric", "separator", "accent", "accentunder",
	"columnalign", "rowalign", "columnlines", "rowlines", "columnspacing", "rowspacing", "columnspan", "rowspan",
	"width", "height", "depth", "voffset", "minsize", "maxsize", "scriptlevel", "notation", "intent", "class", "style")

var mathValueRE = regexp.MustCompile(`^[A-Za-z0-9 .,:;%#'+-]*$`)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// canonicalMathML re-serialises the converter's MathML: only allowed
// elements and attributes, every text and value escaped, attributes in a
// fixed order, without the annotation; it reports <merror> elements.
//
// treeblood writes the text of \text{…} and some arguments as they are,
// so its output is not XML to be trusted: a tag is only what has the exact
// shape treeblood writes, <name key="value"…> with name an allowed
// element; anything else, "<script>" too, is text. End tags that do not
// close the open element are dropped, and elements left open are closed,
// so the result is always well formed.
func canonicalMathML(raw, tex string) (string, error) {
	var b strings.Builder
	var open []string // elements written and not yet closed
	skip := 0         // inside <annotation>
	semantics := false
	for _, t := range lexMathML(raw) {
		switch t.kind {
		case tagStart:
			if t.name == "merror" {
				return "", fmt.Errorf("math: unsupported command in %q", tex)
			}
			if t.name == "annotation" || skip > 0 {
				skip++
				continue
			}
			if t.name == "semantics" && !semantics {
				semantics = true // it only wraps the annotation
				continue
			}
			open = append(open, t.name)
			b.WriteString("<" + t.name)
			attrs := slices.Clone(t.attrs)
			slices.SortFunc(attrs, func(a, b xml.Attr) int { return strings.Compare(a.Name.Local, b.Name.Local) })
			for _, a := range attrs {
				name, value := a.Name.Local, a.Value
				if !mathAttributes[name] || !mathValueRE.MatchString(value) {
					continue
				}
				if name == "style" {
					if strings.Contains(value, "dtls") {
						continue
					}
					value = sortedStyle(value)
				}
				fmt.Fprintf(&b, ` %s="%s"`, name, html.EscapeString(value))
			}
			b.WriteString(">")
		case tagEnd:
			if skip > 0 {
				if t.name == "annotation" {
					skip--
				}
				continue
			}
			if len(open) == 0 || open[len(open)-1] != t.name {
				continue
			}
			open = open[:len(open)-1]
			b.WriteString("</" + t.name + ">")
		case mathText:
			if skip > 0 || len(strings.TrimSpace(t.text)) == 0 {
				continue // indentation between elements means nothing in MathML
			}
			b.WriteString(html.EscapeString(t.text))
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteString("</" + open[i] + ">")
	}
	return b.String(), nil
}

type mathTokenKind int

const (
	mathText mathTokenKind = iota
	tagStart
	tagEnd
)

type mathToken struct {
	kind  mathTokenKind
	name  string
	attrs []xml.Attr
	text  string // decoded
}

var (
	mathStartRE = regexp.MustCompile(`^<([a-z]+)((?: [a-z:-]+="[^"<>]*")*)>`)
	mathEndRE   = regexp.MustCompile(`^</([a-z]+)>`)
	mathAttrRE  = regexp.MustCompile(` ([a-z:-]+)="([^"<>]*)"`)
	entityRE    = regexp.MustCompile(`^&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)
)

// lexMathML splits treeblood's output into tags and decoded text.
func lexMathML(raw string) []mathToken {
	var toks []mathToken
	var txt strings.Builder
	flush := func() {
		if txt.Len() > 0 {
			toks = append(toks, mathToken{kind: mathText, text: txt.String()})
			txt.Reset()
		}
	}
	for i := 0; i < len(raw); {
		rest := raw[i:]
		if rest[0] == '<' {
			if m := mathStartRE.FindStringSubmatch(rest); m != nil && mathElements[m[1]] {
				flush()
				tok := mathToken{kind: tagStart, name: m[1]}
				for _, a := range mathAttrRE.FindAllStringSubmatch(m[2], -1) {
					tok.attrs = append(tok.attrs, xml.Attr{Name: xml.Name{Local: a[1]}, Value: decodeEntities(a[2])})
				}
				toks = append(toks, tok)
				i += len(m[0])
				continue
			}
			if m := mathEndRE.FindStringSubmatch(rest); m != nil && mathElements[m[1]] {
				flush()
				toks = append(toks, mathToken{kind: tagEnd, name: m[1]})
				i += len(m[0])
				continue
			}
		}
		if rest[0] == '&' {
			if m := entityRE.FindString(rest); m != "" {
				if s, ok := entity(m); ok {
					txt.WriteString(s)
					i += len(m)
					continue
				}
			}
		}
		txt.WriteByte(rest[0])
		i++
	}
	flush()
	return toks
}

func decodeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if m := entityRE.FindString(s[i:]); m != "" {
			if d, ok := entity(m); ok {
				b.WriteString(d)
				i += len(m)
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// entity decodes one character reference, &lt; or &#60;: the XML ones and
// the HTML names treeblood writes.
func entity(ref string) (string, bool) {
	name := ref[1 : len(ref)-1]
	if name[0] == '#' {
		var n int64
		var err error
		if name[1] == 'x' {
			n, err = strconv.ParseInt(name[2:], 16, 32)
		} else {
			n, err = strconv.ParseInt(name[1:], 10, 32)
		}
		if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
			return "", false
		}
		return string(rune(n)), true
	}
	switch name {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	s, ok := xml.HTMLEntity[name]
	return s, ok
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
