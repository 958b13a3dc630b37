package plainmath

import (
	"strings"
	"unicode/utf8"
)

// texSymbols are the commands written as one character (or a space).
var texSymbols = map[string]string{
	"ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "|": "‖", "lVert": "‖", "rVert": "‖", "Vert": "‖",
	"lvert": "|", "rvert": "|", "vert": "|", "mid": "|", "langle": "⟨", "rangle": "⟩", "leftarrow": "←",
	"Rightarrow": "⇒", "Leftarrow": "⇐", "implies": "⟹", "iff": "⟺", "mapsto": "↦", "sim": "∼",
	"propto": "∝", "circ": "∘", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "forall": "∀", "exists": "∃",
	"top": "⊤", "ast": "∗", "star": "⋆", "ll": "≪", "gg": "≫", "subset": "⊂", "subseteq": "⊆",
	"cup": "∪", "cap": "∩", "emptyset": "∅", "neg": "¬", "equiv": "≡", "int": "∫", "prod": "∏",
	"hbar": "ℏ", "vartheta": "ϑ", "varrho": "ϱ", "varsigma": "ς", "Upsilon": "Υ", "qquad": "  ",
	"lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "uparrow": "↑", "downarrow": "↓",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
	"pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
	"psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "cdot": "·", "times": "×", "le": "≤", "leq": "≤",
	"ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "infty": "∞", "nabla": "∇", "partial": "∂",
	"sum": "Σ", "in": "∈", "to": "→", "rightarrow": "→", "pm": "±", "sqrt": "√", "ell": "ℓ", "prime": "′",
	",": " ", ";": " ", ":": " ", "quad": " ", "!": "", " ": " ",
}

// accents are the combining marks of TeX's math accents, put on a
// one-letter argument (\hat y as ŷ) and left off a longer one.
var accents = map[string]string{"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
	"tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308", "check": "\u030c", "breve": "\u0306"}

// dropped are the commands written as nothing: sizes, styles and fonts,
// whose argument (if any) is written as it is.
var dropped = setOf("left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
	"biggl", "biggr", "Biggl", "Biggr", "displaystyle", "textstyle", "limits", "nolimits", "mathrm", "text",
	"mathbf", "operatorname", "mathit", "mathsf", "mathtt", "mathcal", "boldsymbol", "bm", "textrm", "textbf",
	"textit", "texttt", "mbox", "mathop", "mathnormal")

// doubleStruck are \mathbb's letters that Unicode has.
var doubleStruck = map[rune]rune{'R': 'ℝ', 'N': 'ℕ', 'Z': 'ℤ', 'Q': 'ℚ', 'C': 'ℂ', 'E': '𝔼', 'P': 'ℙ', '1': '𝟙'}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺', 'n': 'ⁿ', 'i': 'ⁱ', 't': 'ᵗ', 'k': 'ᵏ', 'T': 'ᵀ', '⊤': 'ᵀ', '(': '⁽', ')': '⁾', '=': '⁼', '′': '′', '*': '*'}
var subscripts = map[rune]rune{'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '-': '₋', '+': '₊', 'i': 'ᵢ', 'k': 'ₖ', 't': 'ₜ', 'n': 'ₙ', 'j': 'ⱼ', 'x': 'ₓ', 'a': 'ₐ', 'e': 'ₑ', 'o': 'ₒ', 'm': 'ₘ', 'p': 'ₚ', 's': 'ₛ', 'l': 'ₗ', 'h': 'ₕ', 'r': 'ᵣ', 'u': 'ᵤ', 'v': 'ᵥ', '(': '₍', ')': '₎', '=': '₌'}

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
	write(&b, tex, 0)
	return b.String()
}

// WriteTeX writes TeX(tex) to b.
func WriteTeX(b *strings.Builder, tex string) { write(b, tex, 0) }

// maxDepth bounds how deeply write follows fractions, accents and
// scripts: a formula that failed to convert may be any text, and each
// level scans its group again.
const maxDepth = 16

// write writes tex as text to b; depth is how many arguments deep it is.
func write(b *strings.Builder, tex string, depth int) {
	if depth > maxDepth {
		b.WriteString(tex)
		return
	}
	for i := 0; i < len(tex); {
		c := tex[i]
		switch {
		case c == '\\':
			name := command(tex[i+1:])
			j := i + 1 + len(name)
			switch sym, ok := texSymbols[name]; {
			case ok:
				b.WriteString(sym)
			case name == "frac" || name == "dfrac" || name == "tfrac":
				num, rest := group(tex[j:])
				den, rest2 := group(rest)
				write(b, num, depth+1)
				b.WriteByte('/')
				write(b, den, depth+1)
				j = len(tex) - len(rest2)
			case accents[name] != "":
				arg, rest := group(tex[j:])
				var a strings.Builder
				write(&a, arg, depth+1)
				b.WriteString(a.String())
				if utf8.RuneCountInString(a.String()) == 1 {
					b.WriteString(accents[name])
				}
				j = len(tex) - len(rest)
			case name == "mathbb":
				arg, rest := group(tex[j:])
				for _, r := range arg {
					if d, ok := doubleStruck[r]; ok {
						b.WriteRune(d)
					} else {
						b.WriteRune(r)
					}
				}
				j = len(tex) - len(rest)
			case name == "{" || name == "}" || name == "$" || name == "%" || name == "&" || name == "#" || name == "_":
				b.WriteString(name)
			case dropped[name]:
				// a size or a font: what follows is written as it is
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
			var a strings.Builder
			write(&a, arg, depth+1)
			b.WriteString(script(a.String(), table, string(c)))
			i = len(tex) - len(rest)
		case c == '{' || c == '}':
			i++
		case c == '$': // math inside \text{…} inside math: its dollars go
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		default:
			_, n := utf8.DecodeRuneInString(tex[i:])
			b.WriteString(tex[i : i+n])
			i += n
		}
	}
}

// command is the name of the command at the start of s, just after its
// backslash: its letters, or its one other character (\, \{).
func command(s string) string {
	j := 0
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j == 0 && len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		return s[:n]
	}
	return s[:j]
}

// group splits a TeX argument, {…} or one character, off s.
func group(s string) (arg, rest string) {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return "", ""
	}
	if s[0] == '\\' { // x^\top: the command is the argument
		n := 1 + len(command(s[1:]))
		return s[:n], s[n:]
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
