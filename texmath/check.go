package texmath

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on one formula, so that no formula can exhaust a build: the
// converter's time and memory grow with nesting far faster than with
// length (10,000 levels took 4 GB). Real formulas stay well inside both.
const (
	maxFormulaBytes = 4000
	maxFormulaDepth = 40
)

// checkTeX refuses what the converter must not see: commands it gets
// wrong, and formulas over the limits.
func checkTeX(tex string) error {
	if len(tex) > maxFormulaBytes {
		return fmt.Errorf("math: the formula is %d bytes long, over the limit of %d; split it", len(tex), maxFormulaBytes)
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
			switch name := tex[i+1 : j]; {
			case name == "left" || name == "begin":
				depth++
			case name == "right" || name == "end":
				depth--
			case takesNoArgument(name):
				bare = 0 // \alpha\alpha\alpha is a row, not a nest
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

// takesNoArgument reports a command that stands alone: a symbol, a large
// operator, a function name, a delimiter or a space.
func takesNoArgument(name string) bool {
	_, sym := symbols[name]
	_, op := largeOps[name]
	_, delim := delimiters[`\`+name]
	_, space := spaces[name]
	return sym || op || delim || space || functions[name] || limitFuncs[name]
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
// values must be plain (isMathValue: sizes, keywords, a class name), so
// that no author text reaches an attribute whole.
var mathAttributes = setOf("display", "displaystyle", "mathvariant", "linethickness", "lspace", "rspace",
	"movablelimits", "fence", "form", "largeop", "stretchy", "symmetric", "separator", "accent", "accentunder",
	"columnalign", "rowalign", "columnlines", "rowlines", "columnspacing", "rowspacing", "columnspan", "rowspan",
	"width", "height", "depth", "voffset", "minsize", "maxsize", "scriptlevel", "notation", "intent", "class", "style", "linebreak")

// isMathValue reports whether an attribute's value is only letters, digits
// and the punctuation of sizes and lists: ^[A-Za-z0-9 .,:;%#'+-]*$. A loop,
// not an expression compiled at start-up (issue #21).
func isMathValue(v string) bool {
	for i := range len(v) {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(" .,:;%#'+-", c) >= 0) {
			return false
		}
	}
	return true
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
