package figure

import (
	"strings"
	"unicode/utf8"
)

// Titles and labels may hold math between $ signs ($\eta = 0.2$). The page
// shows it as MathML where it is HTML (the caption and the table of final
// values, converted by the site); inside the SVG and the data, where MathML
// cannot go, plainMath writes it as Unicode text: Greek letters and common
// symbols by name, digits and signs raised or lowered, \frac{a}{b} as a/b.

var texSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
	"pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
	"psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "cdot": "·", "times": "×", "le": "≤", "leq": "≤",
	"ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "infty": "∞", "nabla": "∇", "partial": "∂",
	"sum": "Σ", "in": "∈", "to": "→", "rightarrow": "→", "pm": "±", "sqrt": "√", "ell": "ℓ", "prime": "′",
	",": " ", ";": " ", ":": " ", "quad": " ", "!": "", " ": " ",
}

var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺', 'n': 'ⁿ', 'i': 'ⁱ', 't': 'ᵗ', 'k': 'ᵏ', 'T': 'ᵀ'}
var subscripts = map[rune]rune{'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '-': '₋', '+': '₊', 'i': 'ᵢ', 'k': 'ₖ', 't': 'ₜ', 'n': 'ₙ'}

// hasMath reports whether s holds a $…$ formula.
func hasMath(s string) bool { return strings.Count(s, "$") >= 2 }

// plainMath writes the formulas of s as Unicode text.
func plainMath(s string) string {
	if !hasMath(s) {
		return s
	}
	var b strings.Builder
	parts := strings.Split(s, "$")
	for i, p := range parts {
		if i%2 == 0 || i == len(parts)-1 { // text, or an unclosed $ as it is
			if i%2 == 1 {
				b.WriteByte('$')
			}
			b.WriteString(p)
			continue
		}
		b.WriteString(texToText(p))
	}
	return b.String()
}

// texToText is one formula's TeX as text, as far as Unicode goes.
func texToText(tex string) string {
	var b strings.Builder
	for i := 0; i < len(tex); {
		c := tex[i]
		switch {
		case c == '\\':
			j := i + 1
			for j < len(tex) && (tex[j] >= 'a' && tex[j] <= 'z' || tex[j] >= 'A' && tex[j] <= 'Z') {
				j++
			}
			if j == i+1 && j < len(tex) {
				j++ // a one-character command: \, \; \{
			}
			name := tex[i+1 : j]
			switch sym, ok := texSymbols[name]; {
			case ok:
				b.WriteString(sym)
			case name == "frac":
				num, rest := group(tex[j:])
				den, rest2 := group(rest)
				b.WriteString(texToText(num) + "/" + texToText(den))
				j = len(tex) - len(rest2)
			case name == "{" || name == "}":
				b.WriteString(name)
			case name == "mathrm" || name == "text" || name == "mathbf" || name == "operatorname":
				// the group follows; its braces are dropped below
			default:
				b.WriteString(name)
			}
			i = j
		case c == '^' || c == '_':
			arg, rest := group(tex[i+1:])
			table := superscripts
			if c == '_' {
				table = subscripts
			}
			b.WriteString(script(texToText(arg), table, string(c)))
			i = len(tex) - len(rest)
		case c == '{' || c == '}':
			i++
		default:
			_, n := utf8.DecodeRuneInString(tex[i:])
			b.WriteString(tex[i : i+n])
			i += n
		}
	}
	return b.String()
}

// group splits a TeX argument, {…} or one character, off s.
func group(s string) (arg, rest string) {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return "", ""
	}
	if s[0] != '{' {
		_, n := utf8.DecodeRuneInString(s)
		return s[:n], s[n:]
	}
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return s[1:i], s[i+1:]
			}
		}
	}
	return s[1:], ""
}

// script raises or lowers s when every character has a Unicode form, and
// writes mark (^ or _) before it otherwise.
func script(s string, table map[rune]rune, mark string) string {
	var b strings.Builder
	for _, r := range s {
		u, ok := table[r]
		if !ok {
			return mark + s
		}
		b.WriteRune(u)
	}
	return b.String()
}
