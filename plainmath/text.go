package plainmath

import (
	"strings"
	"unicode/utf8"
)

// texSymbols are the commands written as one character (or a space).
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

// Text is s with its formulas written as Unicode text, and \$ outside them
// as $.
func Text(s string) string {
	if !strings.ContainsAny(s, "$") {
		return s
	}
	var b strings.Builder
	for _, sp := range Split(s) {
		if sp.Math {
			b.WriteString(TeX(sp.Text))
		} else {
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}

// TeX is one formula's TeX as text, as far as Unicode goes.
func TeX(tex string) string {
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
				b.WriteString(TeX(num) + "/" + TeX(den))
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
			b.WriteString(script(TeX(arg), table, string(c)))
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
