package texmath

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ tex, want string }{
		{`\eta = 0.2`, "η = 0.2"},
		{`x^2 + y^{-1}`, "x² + y⁻¹"},
		{`\theta_{t+1}`, "θₜ₊₁"},
		{`e^{-\eta t}`, "e^(−ηt)"},
		{`x_{\text{new}}`, "x_(new)"},
		{`{(a+b)}^2`, "(a + b)²"},
		{`{a+b}^2`, "(a + b)²"},
		{`\sum_{i=1}^n x_i`, "∑ᵢ₌₁ⁿ xᵢ"},
		{`\frac{a+b}{2}`, "(a + b)/2"},
		{`\frac{1}{2t}`, "1/(2t)"},
		{`\frac{1}{2} x^\top A x`, "(1/2)xᵀAx"},
		{`\frac{\partial L}{\partial \theta_1}`, "∂L/∂θ₁"},
		{`\frac{d}{dx} \sin x`, "(d/dx) sin x"},
		{`\cos \frac{\pi t}{T}`, "cos (πt/T)"},
		{`\frac{a}{\frac{b}{c}}`, "a/(b/c)"},
		{`\eta < \frac{2}{L}.`, "η < 2/L."},
		{`\sqrt{x^\top x}`, "√(xᵀx)"},
		{`\sqrt[3]{x}`, "∛x"},
		{`\sqrt[n]{x}`, "ⁿ√x"},
		{`\sqrt[q]{x}`, "x^(1/q)"},
		{`\sqrt[\alpha]{x+1}`, "(x + 1)^(1/α)"},
		{`\binom{n}{k}`, "C(n, k)"},
		{`\frac{1}{\binom{n}{k}}`, "1/C(n, k)"},
		{`{n \choose k}`, "C(n, k)"},
		{`{a \atop b}`, "a b"},
		{`\dbinom{n}{k} + \tbinom{n}{2}`, "C(n, k) + C(n, 2)"},
		{`\sqrt[n]{x}y`, "ⁿ√(x)y"},
		{`\sqrt[3]{x}y`, "∛(x)y"},
		{`\hat{y} = \bar x + \vec{v}`, "y\u0302 = x\u0304 + v\u20d7"},
		{`\underline{x}`, "x\u0332"},
		{`\widehat{xy}`, "hat(xy)"},
		{`\overline{AB} \parallel \vec{CD}`, "overline(AB) ∥ vec(CD)"},
		{`\hat{\theta}_t + \tilde{x}^2`, "θ̂ₜ + x̃²"},
		{`\underline{ab}`, "underline(ab)"},
		{`a\vphantom{\int}b`, "ab"},
		{`a\hphantom{xyz}b`, "a b"},
		{`a\phantom{xyz}b`, "a b"},
		{`\overbrace{a+b}`, "a + b"},
		{`\left\{ \begin{array}{ll} 1 & x > 0 \\ 0 & x \le 0 \end{array} \right.`, "{1, x > 0; 0, x ≤ 0}"},
		{`\begin{rcases} a & b \end{rcases}`, "{a, b}"},
		{`\phantom{x} y`, "y"},
		{`a \hspace{1em} b \! c`, "a bc"},
		{`x \not\in A, \; y \not= z`, "x ∉ A, y ≠ z"},
		{`x := y`, "x := y"},
		{`x \stackrel{\text{def}}{=} y`, "x =^(def) y"},
		{`a \equiv b \pmod{n}`, "a ≡ b (mod n)"},
		{`\min_{x \in \mathbb{R}^n} f(x)`, "min_(x∈ℝⁿ) f(x)"},
		{`\arg\min_\theta L(\theta)`, "arg min_θ L(θ)"},
		{`\operatorname{Var}[X]`, "Var[X]"},
		{`\mathbb{E}[X] \mathcal{O}(1)`, "𝔼[X]𝒪(1)"},
		{`|x| = \begin{cases} x & x \ge 0 \\ -x & x < 0 \end{cases}`, "|x| = {x, x ≥ 0; −x, x < 0}"},
		{`\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}`, "(1, 0; 0, 1)"},
		{`\begin{aligned} f(x) &= x^2, \\ g(x) &= 2x \end{aligned}`, "f(x) = x², g(x) = 2x"},
		{`\begin{aligned} a &= 1 \\ b &= 2 \end{aligned}`, "a = 1; b = 2"},
		{`f(x) = x^2 \tag{1}`, "f(x) = x² (1)"},
		{`E = mc^2 \label{eq:e}`, "E = mc²"},
		{`\text{if } x > 0`, "if x > 0"},
		{`-x + -1`, "−x + −1"},
		{`\boxed{x^\star = 0}`, "x⋆ = 0"},
		{`\overbrace{1 + \cdots + 1}^{n}`, "1 + ⋯ + 1 (n)"},
		{`\underbrace{x_1, \dots, x_k}_{k \text{ terms}}`, "x₁, …, xₖ (k terms)"},
		// From a review: each of these read as another formula.
		{`\frac{a}{b}^2`, "(a/b)²"},
		{`\frac{a}{b}_i`, "(a/b)ᵢ"},
		{`\frac{a}{b}'`, "(a/b)′"},
		{`\frac{a}{b}!`, "(a/b)!"},
		{`\frac{1}{\overline{a+b}}`, "1/overline(a + b)"},
		{`\frac{\boxed{a+b}}{2}`, "(a + b)/2"},
		{`\overline{a+b}^2`, "overline(a + b)²"},
		{`\sqrt{\overline{a+b}}`, "√overline(a + b)"},
		{`\boxed{\frac{a}{b}}c`, "(a/b)c"},
		{`\sqrt{x}y`, "√(x)y"},
		{`\sqrt{x}^2`, "(√x)²"},
		{`x^{(q)}`, "x^((q))"},
		{`x^{(k)}`, "x⁽ᵏ⁾"},
		{`x = 1 \\ y = 2`, "x = 1; y = 2"},
		{`\hat{}x`, "x"},
		{`\nabla_\theta L(\theta)`, "∇_θ L(θ)"},
		{`\mathbb{E}_\xi f(x)`, "𝔼_ξ f(x)"},
		{`h_\theta(x)`, "h_θ(x)"},
		{`x_\alpha^\beta`, "x_(α)^β"},
		{`x_\alpha^2`, "x_(α)²"},
		{`\begin{pmatrix} 1 & & 2 \\ 3 & 4 & 5 \end{pmatrix}`, "(1, , 2; 3, 4, 5)"},
		{`\begin{aligned} x &= a + b \\ &= c \end{aligned}`, "x = a + b = c"},
	} {
		got, err := Text(tt.tex)
		if err != nil || got != tt.want {
			t.Errorf("Text(%q) = %q, %v; want %q", tt.tex, got, err, tt.want)
		}
	}
	for _, tex := range []string{`\lamda`, `\frac{a}`, `x^`, "", `\text{a` + "\x01" + `}`} {
		if _, err := Text(tex); err == nil {
			t.Errorf("Text(%q) converts; MathML does not", tex)
		}
	}
}

// TestTextCorpus: over every formula of the KaTeX corpus that converts,
// the text shows no TeX: no backslash, and no command's name unless the
// formula also has it as letters (\text{min}, \operatorname{Var}), it
// is a function's (\log is "log"), or it names an accent over more than
// one character, written as a function of its base (overline(x + y)).
func TestTextCorpus(t *testing.T) {
	t.Parallel()
	accentNameSet := map[string]bool{}
	for _, name := range accentNames {
		accentNameSet[name] = true
	}
	command := regexp.MustCompile(`\\([a-zA-Z]{3,})`)
	n := 0
	for _, c := range readJSONL(t, "testdata/katex/corpus.jsonl") {
		got, err := Text(c.TeX)
		if err != nil {
			continue
		}
		n++
		if strings.Contains(got, `\`) && !strings.Contains(c.TeX, `\backslash`) {
			t.Errorf("%q: %q shows a backslash", c.TeX, got)
		}
		bare := command.ReplaceAllString(c.TeX, "")
		for _, m := range command.FindAllStringSubmatch(c.TeX, -1) {
			name := m[1]
			if functions[name] || limitFuncs[name] || strings.Contains(bare, name) {
				continue
			}
			named := regexp.MustCompile(`(^|[^a-zA-Z])`+name+`\(`).MatchString(got) && (accentNameSet[name] || name == "underline")
			if !named && regexp.MustCompile(`(^|[^a-zA-Z])`+name+`([^a-zA-Z]|$)`).MatchString(got) {
				t.Errorf("%q: %q shows the command name %s", c.TeX, got, name)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d formulas of the corpus convert", n)
	}
}

// TestTextEveryCommand writes every command the converter's source names
// (a case of its switches, a key of its tables) in a few shapes: where the
// MathML converts, so must the text, without a panic. \dbinom made one.
func TestTextEveryCommand(t *testing.T) {
	t.Parallel()
	var names []string
	for _, file := range []string{"texatom.go", "texparse.go", "texenv.go", "textext.go", "texsymbols.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`"([a-zA-Z]+\*?)"`).FindAllStringSubmatch(string(src), -1) {
			names = append(names, m[1])
		}
	}
	converted := 0
	for _, name := range names {
		for _, shape := range []string{`\%s`, `\%s{a}`, `\%s{a}{b}`, `x\%s{a}{b}^2 y`, `\%s[n]{a}y`, `\%s{a}_i'`,
			`\begin{%s} a & b \\ c & d \end{%s}`} {
			tex := strings.ReplaceAll(shape, "%s", name)
			if _, err := MathML(tex, true); err != nil {
				continue
			}
			converted++
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("Text(%q) panics: %v", tex, r)
					}
				}()
				if got, err := Text(tex); err != nil || strings.TrimSpace(got) != got {
					t.Errorf("Text(%q) = %q, %v", tex, got, err)
				}
			}()
		}
	}
	if converted < 1000 {
		t.Fatalf("only %d formulas converted", converted)
	}
}

// TestTextDeep writes formulas nested as deep as the limits let them:
// each part of a node is written once, so the time grows with the
// formula, not exponentially with its depth (38 nested \sqrt[q]{…} took
// hours when a root wrote its radicand twice; this test would not end).
func TestTextDeep(t *testing.T) {
	t.Parallel()
	for _, open := range []string{`\sqrt[q]{`, `\sqrt[{\sqrt[q]{x}}]{`, `\phantom{`, `x^{`, `\frac{1}{`, `\binom{1}{`, `\overbrace{`,
		`\hat{`, `\boxed{`, `\sqrt{`, `\underset{a}{`} {
		n := 19
		if open == `\sqrt[q]{` {
			n = 38 // the limit is 40 levels
		}
		tex := strings.Repeat(open, n) + "x" + strings.Repeat("}", n)
		if got, err := Text(tex); err != nil || got == "" && open != `\phantom{` {
			t.Errorf("%s×%d: %q, %v", open, n, got, err)
		}
	}
	tex := strings.Repeat(`\begin{aligned} a &= `, 12) + "x" + strings.Repeat(`\end{aligned}`, 12)
	if _, err := Text(tex); err != nil {
		t.Errorf("12 nested aligned: %v", err)
	}
}
