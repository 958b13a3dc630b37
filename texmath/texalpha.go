package texmath

// Mathematical alphanumeric symbols (Unicode block U+1D400): Chromium
// renders mathvariant only as "normal", so a bold or double-struck letter
// is written as its own character, as MathML Core asks.

// latinStart holds, per variant, the code points of A and a (0: none).
var latinStart = map[string][2]rune{
	"bold":                   {0x1D400, 0x1D41A},
	"italic":                 {0x1D434, 0x1D44E},
	"bold-italic":            {0x1D468, 0x1D482},
	"script":                 {0x1D49C, 0x1D4B6},
	"fraktur":                {0x1D504, 0x1D51E},
	"double-struck":          {0x1D538, 0x1D552},
	"sans-serif":             {0x1D5A0, 0x1D5BA},
	"bold-sans-serif":        {0x1D5D4, 0x1D5EE},
	"monospace":              {0x1D670, 0x1D68A},
	"bold-script":            {0x1D4D0, 0x1D4EA},
	"bold-fraktur":           {0x1D56C, 0x1D586},
	"sans-serif-italic":      {0x1D608, 0x1D622},
	"sans-serif-bold-italic": {0x1D63C, 0x1D656},
}

// latinHoles are the letters Unicode had encoded before the block.
var latinHoles = map[string]map[rune]rune{
	"italic":        {'h': 0x210E},
	"script":        {'B': 0x212C, 'E': 0x2130, 'F': 0x2131, 'H': 0x210B, 'I': 0x2110, 'L': 0x2112, 'M': 0x2133, 'R': 0x211B, 'e': 0x212F, 'g': 0x210A, 'o': 0x2134},
	"fraktur":       {'C': 0x212D, 'H': 0x210C, 'I': 0x2111, 'R': 0x211C, 'Z': 0x2128},
	"double-struck": {'C': 0x2102, 'H': 0x210D, 'N': 0x2115, 'P': 0x2119, 'Q': 0x211A, 'R': 0x211D, 'Z': 0x2124},
}

var digitStart = map[string]rune{
	"bold": 0x1D7CE, "double-struck": 0x1D7D8, "sans-serif": 0x1D7E2, "bold-sans-serif": 0x1D7EC, "monospace": 0x1D7F6,
}

// greekStart: the bold, italic and bold-italic Greek blocks share one
// layout: capitals, nabla, small letters, then six variant forms.
var greekStart = map[string]rune{"bold": 0x1D6A8, "italic": 0x1D6E2, "bold-italic": 0x1D71C}

var greekTail = []rune{'∂', 'ϵ', 'ϑ', 'ϰ', 'ϕ', 'ϱ', 'ϖ'}

// styled is r in variant, or r itself when Unicode has no such character.
func styled(r rune, variant string) rune {
	switch {
	case 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z':
		if h, ok := latinHoles[variant][r]; ok {
			return h
		}
		s, ok := latinStart[variant]
		if !ok {
			return r
		}
		if r <= 'Z' {
			return s[0] + r - 'A'
		}
		return s[1] + r - 'a'
	case '0' <= r && r <= '9':
		if s, ok := digitStart[variant]; ok {
			return s + r - '0'
		}
	case 0x391 <= r && r <= 0x3A9 && r != 0x3A2:
		if s, ok := greekStart[variant]; ok {
			return s + r - 0x391
		}
	case r == '∇':
		if s, ok := greekStart[variant]; ok {
			return s + 25
		}
	case 0x3B1 <= r && r <= 0x3C9:
		if s, ok := greekStart[variant]; ok {
			return s + 26 + r - 0x3B1
		}
	default:
		for i, t := range greekTail {
			if r == t {
				if s, ok := greekStart[variant]; ok {
					return s + 51 + rune(i)
				}
			}
		}
	}
	return r
}
