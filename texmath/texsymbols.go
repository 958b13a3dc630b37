package texmath

// class is a TeX atom's kind (The TeXbook, chapter 17): it decides the
// spacing around the atom, and whether a minus is unary.
type class int

const (
	ord class = iota
	opClass
	bin
	rel
	open
	closeClass
	punct
	inner
)

// symbol is a command or character that stands for one character.
type symbol struct {
	char  string
	class class
	mi    bool // an identifier (mi), else an operator (mo)
}

func ordSym(c string) symbol   { return symbol{c, ord, true} }
func binSym(c string) symbol   { return symbol{c, bin, false} }
func relSym(c string) symbol   { return symbol{c, rel, false} }
func openSym(c string) symbol  { return symbol{c, open, false} }
func closeSym(c string) symbol { return symbol{c, closeClass, false} }

// symbols are the commands that write one character. Letters (Greek) are
// italic unless capital; other identifiers are upright.
var symbols = map[string]symbol{
	"alpha": ordSym("α"), "beta": ordSym("β"), "gamma": ordSym("γ"), "delta": ordSym("δ"), "epsilon": ordSym("ϵ"),
	"varepsilon": ordSym("ε"), "zeta": ordSym("ζ"), "eta": ordSym("η"), "theta": ordSym("θ"), "vartheta": ordSym("ϑ"),
	"iota": ordSym("ι"), "kappa": ordSym("κ"), "varkappa": ordSym("ϰ"), "lambda": ordSym("λ"), "mu": ordSym("μ"), "nu": ordSym("ν"),
	"xi": ordSym("ξ"), "omicron": ordSym("ο"), "pi": ordSym("π"), "varpi": ordSym("ϖ"), "rho": ordSym("ρ"), "varrho": ordSym("ϱ"),
	"sigma": ordSym("σ"), "varsigma": ordSym("ς"), "tau": ordSym("τ"), "upsilon": ordSym("υ"), "phi": ordSym("ϕ"),
	"varphi": ordSym("φ"), "chi": ordSym("χ"), "psi": ordSym("ψ"), "omega": ordSym("ω"),
	"Gamma": ordSym("Γ"), "Delta": ordSym("Δ"), "Theta": ordSym("Θ"), "Lambda": ordSym("Λ"), "Xi": ordSym("Ξ"),
	"Pi": ordSym("Π"), "Sigma": ordSym("Σ"), "Upsilon": ordSym("Υ"), "Phi": ordSym("Φ"), "Psi": ordSym("Ψ"), "Omega": ordSym("Ω"),

	"nabla": ordSym("∇"), "partial": ordSym("∂"), "infty": ordSym("∞"), "emptyset": ordSym("∅"), "varnothing": ordSym("∅"),
	"forall": ordSym("∀"), "exists": ordSym("∃"), "nexists": ordSym("∄"), "neg": ordSym("¬"), "lnot": ordSym("¬"),
	"ell": ordSym("ℓ"), "hbar": ordSym("ℏ"), "top": ordSym("⊤"), "bot": ordSym("⊥"), "angle": ordSym("∠"),
	"Re": ordSym("ℜ"), "Im": ordSym("ℑ"), "aleph": ordSym("ℵ"), "wp": ordSym("℘"), "triangle": ordSym("△"),
	"prime": {"′", ord, false}, "backslash": ordSym("\\"), "#": ordSym("#"), "%": ordSym("%"), "&": ordSym("&"),
	"$": ordSym("$"), "_": ordSym("_"), "surd": ordSym("√"), "square": ordSym("□"), "Box": ordSym("□"),
	"imath": ordSym("ı"), "jmath": ordSym("ȷ"), "flat": ordSym("♭"), "sharp": ordSym("♯"), "dag": ordSym("†"),
	"vdots": ordSym("⋮"), "checkmark": ordSym("✓"), "S": ordSym("§"), "P": ordSym("¶"), "blacksquare": ordSym("■"),

	"pm": binSym("±"), "mp": binSym("∓"), "times": binSym("×"), "div": binSym("÷"), "cdot": binSym("⋅"),
	"circ": binSym("∘"), "star": binSym("⋆"), "ast": binSym("∗"), "bullet": binSym("∙"), "oplus": binSym("⊕"),
	"otimes": binSym("⊗"), "ominus": binSym("⊖"), "odot": binSym("⊙"), "oslash": binSym("⊘"), "cup": binSym("∪"),
	"cap": binSym("∩"), "setminus": binSym("∖"), "wedge": binSym("∧"), "land": binSym("∧"), "vee": binSym("∨"),
	"lor": binSym("∨"), "sqcup": binSym("⊔"), "sqcap": binSym("⊓"), "diamond": binSym("⋄"), "dagger": binSym("†"),
	"ddagger": binSym("‡"), "amalg": binSym("⨿"), "uplus": binSym("⊎"), "wr": binSym("≀"), "intercal": binSym("⊺"),
	"boxplus": binSym("⊞"), "boxtimes": binSym("⊠"), "ltimes": binSym("⋉"), "rtimes": binSym("⋊"),

	"le": relSym("≤"), "leq": relSym("≤"), "ge": relSym("≥"), "geq": relSym("≥"), "ne": relSym("≠"), "neq": relSym("≠"),
	"equiv": relSym("≡"), "approx": relSym("≈"), "sim": relSym("∼"), "simeq": relSym("≃"), "cong": relSym("≅"),
	"propto": relSym("∝"), "in": relSym("∈"), "notin": relSym("∉"), "ni": relSym("∋"), "owns": relSym("∋"),
	"subset": relSym("⊂"), "subseteq": relSym("⊆"), "supset": relSym("⊃"), "supseteq": relSym("⊇"),
	"subsetneq": relSym("⊊"), "supsetneq": relSym("⊋"), "succ": relSym("≻"), "prec": relSym("≺"),
	"succeq": relSym("⪰"), "preceq": relSym("⪯"), "succcurlyeq": relSym("≽"), "preccurlyeq": relSym("≼"),
	"ll": relSym("≪"), "gg": relSym("≫"), "to": relSym("→"), "rightarrow": relSym("→"),
	"leftarrow": relSym("←"), "gets": relSym("←"), "Rightarrow": relSym("⇒"), "Leftarrow": relSym("⇐"),
	"Leftrightarrow": relSym("⇔"), "leftrightarrow": relSym("↔"), "iff": relSym("⟺"), "implies": relSym("⟹"),
	"impliedby": relSym("⟸"), "mapsto": relSym("↦"), "longmapsto": relSym("⟼"), "longrightarrow": relSym("⟶"),
	"longleftarrow": relSym("⟵"), "Longrightarrow": relSym("⟹"), "Longleftarrow": relSym("⟸"),
	"Longleftrightarrow": relSym("⟺"), "longleftrightarrow": relSym("⟷"), "uparrow": relSym("↑"),
	"downarrow": relSym("↓"), "Uparrow": relSym("⇑"), "Downarrow": relSym("⇓"), "updownarrow": relSym("↕"),
	"hookrightarrow": relSym("↪"), "hookleftarrow": relSym("↩"), "nearrow": relSym("↗"), "searrow": relSym("↘"),
	"nwarrow": relSym("↖"), "swarrow": relSym("↙"), "rightleftharpoons": relSym("⇌"), "leftrightarrows": relSym("⇆"),
	"rightharpoonup": relSym("⇀"), "leftharpoonup": relSym("↼"),
	"perp": relSym("⊥"), "mid": relSym("∣"), "nmid": relSym("∤"), "parallel": relSym("∥"), "nparallel": relSym("∦"),
	"models": relSym("⊨"), "vdash": relSym("⊢"), "dashv": relSym("⊣"), "coloneqq": relSym("≔"), "eqqcolon": relSym("≕"),
	"triangleq": relSym("≜"), "doteq": relSym("≐"), "leqslant": relSym("⩽"), "geqslant": relSym("⩾"),
	"lesssim": relSym("≲"), "gtrsim": relSym("≳"), "asymp": relSym("≍"), "nleq": relSym("≰"), "ngeq": relSym("≱"),
	"nless": relSym("≮"), "ngtr": relSym("≯"), "neql": relSym("≠"), "approxeq": relSym("≊"), "sqsubseteq": relSym("⊑"),
	"sqsupseteq": relSym("⊒"), "bowtie": relSym("⋈"), "smile": relSym("⌣"), "frown": relSym("⌢"),
	"lhd": binSym("⊲"), "rhd": binSym("⊳"), "unlhd": binSym("⊴"), "unrhd": binSym("⊵"), "nsubseteq": relSym("⊈"),
	"leadsto": relSym("⇝"), "nrightarrow": relSym("↛"), "nRightarrow": relSym("⇏"), "therefore": relSym("∴"), "because": relSym("∵"),

	"colon": {":", punct, false}, "ldotp": {".", punct, false}, "cdotp": {"⋅", punct, false},
	"ldots": {"…", inner, false}, "dots": {"…", inner, false}, "cdots": {"⋯", inner, false}, "ddots": {"⋱", inner, false},
	"dotsc": {"…", inner, false}, "dotsb": {"⋯", inner, false}, "dotsm": {"⋯", inner, false}, "dotsi": {"⋯", inner, false},
	"dotso": {"…", inner, false},

	"langle": openSym("⟨"), "rangle": closeSym("⟩"), "lfloor": openSym("⌊"), "rfloor": closeSym("⌋"),
	"lceil": openSym("⌈"), "rceil": closeSym("⌉"), "lvert": openSym("|"), "rvert": closeSym("|"),
	"lVert": openSym("‖"), "rVert": closeSym("‖"), "lbrace": openSym("{"), "rbrace": closeSym("}"),
	"{": openSym("{"), "}": closeSym("}"), "lbrack": openSym("["), "rbrack": closeSym("]"),
	"|": {"‖", ord, false}, "Vert": {"‖", ord, false}, "vert": {"|", ord, false},
	"lgroup": openSym("⟮"), "rgroup": closeSym("⟯"), "ulcorner": openSym("┌"), "urcorner": closeSym("┐"),
}

// largeOps are \sum and its kind: operators with limits above and below
// in display style (the integrals keep them at the side).
var largeOps = map[string]string{
	"sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
	"bigodot": "⨀", "bigvee": "⋁", "bigwedge": "⋀", "bigsqcup": "⨆", "biguplus": "⨄",
	"int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮", "intop": "∫", "smallint": "∫", "oiint": "∯",
}

var sideLimits = setOf("int", "iint", "iiint", "oint", "intop", "smallint", "oiint")

// functions are the named operators, upright; those in limitFuncs take
// limits below in display style.
var functions = setOf("arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim",
	"exp", "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh", "sgn", "arccot", "sech", "csch",
	"cotg", "tg", "ctg", "th", "sh", "ch", "det", "gcd", "inf", "lim", "max", "min", "Pr", "sup", "liminf", "limsup")

var limitFuncs = setOf("det", "gcd", "inf", "lim", "max", "min", "Pr", "sup", "liminf", "limsup")

var funcText = map[string]string{"liminf": "lim inf", "limsup": "lim sup"}

// delimiters may follow \left, \right, \middle and \big.
var delimiters = map[string]string{
	"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "<": "⟨", ">": "⟩", ".": "",
	`\{`: "{", `\}`: "}", `\lbrace`: "{", `\rbrace`: "}", `\lbrack`: "[", `\rbrack`: "]",
	`\|`: "‖", `\vert`: "|", `\Vert`: "‖", `\lvert`: "|", `\rvert`: "|", `\lVert`: "‖", `\rVert`: "‖",
	`\langle`: "⟨", `\rangle`: "⟩", `\lfloor`: "⌊", `\rfloor`: "⌋", `\lceil`: "⌈", `\rceil`: "⌉",
	`\backslash`: "\\", `\uparrow`: "↑", `\downarrow`: "↓", `\Uparrow`: "⇑", `\Downarrow`: "⇓",
	`\updownarrow`: "↕", `\lgroup`: "⟮", `\rgroup`: "⟯",
}

// bigSizes are \big's heights; the l, r and m forms set the class.
var bigSizes = map[string]string{"big": "1.2em", "Big": "1.8em", "bigg": "2.4em", "Bigg": "3em"}

// accents over (or under) their argument: the character, and whether it
// stretches over the whole argument.
var accents = map[string]struct {
	char    string
	stretch bool
	under   bool
}{
	"hat": {"^", false, false}, "widehat": {"^", true, false}, "check": {"ˇ", false, false}, "widecheck": {"ˇ", true, false},
	"tilde": {"~", false, false}, "widetilde": {"~", true, false}, "acute": {"ˊ", false, false}, "grave": {"ˋ", false, false},
	"dot": {"˙", false, false}, "ddot": {"¨", false, false}, "dddot": {"⃛", false, false}, "breve": {"˘", false, false},
	"bar": {"ˉ", false, false}, "vec": {"⃗", false, false}, "mathring": {"˚", false, false},
	"overline": {"‾", true, false}, "underline": {"‾", true, true},
	"overrightarrow": {"→", true, false}, "overleftarrow": {"←", true, false}, "overleftrightarrow": {"↔", true, false},
	"underrightarrow": {"→", true, true}, "underleftarrow": {"←", true, true},
	"overbrace": {"⏞", true, false}, "underbrace": {"⏟", true, true},
}

// negated are the characters \not turns into one with a stroke.
var negated = map[string]string{"=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "⊂": "⊄",
	"⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≈": "≉", "≃": "≄", "≅": "≇", "∣": "∤", "∥": "∦",
	"≺": "⊀", "≻": "⊁", "∋": "∌", "→": "↛", "⇒": "⇏", "↔": "↮", "⇔": "⇎", "⪯": "⋠", "⪰": "⋡", "⊢": "⊬", "⊨": "⊭"}

// spaces are the spacing commands and their widths.
var spaces = map[string]string{
	",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
	";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em", "negthinspace": "-0.1667em",
	"negmedspace": "-0.2222em", "negthickspace": "-0.2778em", "quad": "1em", "qquad": "2em", " ": "0.25em",
	"enspace": "0.5em", "nobreakspace": "0.25em", "space": "0.25em",
}

// fonts are the math alphabets; "" is TeX's default (italic letters).
var fonts = map[string]string{
	"mathrm": "normal", "mathup": "normal", "mathnormal": "", "mathit": "italic", "mathbf": "bold", "mathsf": "sans-serif",
	"mathtt": "monospace", "mathcal": "script", "mathscr": "script", "mathbb": "double-struck", "mathfrak": "fraktur",
	"boldsymbol": "boldsymbol", "bm": "boldsymbol", "mathbfit": "bold-italic", "Bbb": "double-struck", "bold": "bold",
}

// oldFonts are the plain-TeX font switches, {\rm d}x.
var oldFonts = map[string]string{"rm": "normal", "bf": "bold", "it": "italic", "sf": "sans-serif", "tt": "monospace", "cal": "script"}

// textFonts are the text commands and the style they add.
var textFonts = map[string]string{
	"text": "", "textrm": "", "mbox": "", "textnormal": "", "textup": "", "hbox": "",
	"textit": "italic", "emph": "italic", "textbf": "bold", "texttt": "monospace", "textsf": "sans-serif",
}

// advice names what to write instead of a command we do not have.
var advice = map[string]string{
	"R": `\mathbb{R}`, "N": `\mathbb{N}`, "Z": `\mathbb{Z}`, "abs": `\lvert x \rvert`, "norm": `\lVert x \rVert`,
	"eps": `\epsilon`, "lt": `<`, "gt": `>`, "eqref": `@eq-id`, "ref": `@eq-id`,
	"newcommand": "the formula out", "renewcommand": "the formula out", "def": "the formula out",
	"DeclareMathOperator": `\operatorname{…}`, "textsc": `\text{…}`, "textcolor": "the formula without color",
	"color": "the formula without color", "colorbox": "the formula without color", "href": "a Markdown link outside the formula",
	"limits_": `\limits after an operator`, "dfracc": `\dfrac`, "cases": `\begin{cases}`, "matrix": `\begin{matrix}`,
	"pmatrix": `\begin{pmatrix}`, "over": `\frac{…}{…}`,
}
