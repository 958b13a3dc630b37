package figure

import (
	"testing"
	"unicode/utf8"
)

func TestPlainMath(t *testing.T) {
	for in, want := range map[string]string{
		"adam":                      "adam",
		"$\\eta = 0.2$":             "η = 0.2",
		"momentum, $\\beta = 0.9$":  "momentum, β = 0.9",
		"$x^2 + y^{-1}$":            "x² + y⁻¹",
		"$\\theta_t$ and $w_{10}$":  "θₜ and w₁₀",
		"$\\frac{1}{2}\\|x\\|^2$":   "1/2|x|²",
		"$e^{-x^2}$":                "e^-x²",
		"a $ price":                 "a $ price",
		"$\\mathrm{lr} \\cdot g_k$": "lr · gₖ",
		"$<b>$":                     "<b>",
		"$\\nabla f(x) \\approx 0$": "∇ f(x) ≈ 0",
	} {
		if got := plainMath(in); got != want {
			t.Errorf("plainMath(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzPlainMath: any text converts, without panicking, to valid UTF-8.
func FuzzPlainMath(f *testing.F) {
	for _, s := range []string{"$\\eta$", "$\\frac{a}{", "$x^{$", "$\\", "$_$", "$$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := plainMath(s); utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("plainMath(%q) = %q, not UTF-8", s, out)
		}
	})
}
