package texmath

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// mathValueRE is what isMathValue must agree with.
var mathValueRE = regexp.MustCompile(`^[A-Za-z0-9 .,:;%#'+-]*$`)

func TestIsMathValue(t *testing.T) {
	for _, v := range []string{"", "1em", "-0.5em", "bold italic", "a,b;c:d%#'+", "1em\n", "<", "\"", "é", "a\x00", "x)", "1em "} {
		if got, want := isMathValue(v), mathValueRE.MatchString(v); got != want {
			t.Errorf("isMathValue(%q) = %v, the expression says %v", v, got, want)
		}
	}
	for c := range 256 {
		v := "a" + string(rune(c))
		if c >= 128 {
			v = "a" + string([]byte{byte(c)})
		}
		if got, want := isMathValue(v), mathValueRE.MatchString(v); got != want {
			t.Errorf("isMathValue(%q) = %v, the expression says %v", v, got, want)
		}
	}
}

// checkMathML reports what in out is not well-formed XML or not on the
// allow-lists (mathElements, mathAttributes).
func checkMathML(out string) error {
	// A formula's MathML is one element, but the test also reads what
	// follows a broken one: inside a root of its own.
	dec := xml.NewDecoder(strings.NewReader("<fragment>" + out + "</fragment>"))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not XML: %v", err)
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local != "fragment" {
			if !mathElements[s.Name.Local] || s.Name.Space != "" || s.Name.Local == "annotation" || s.Name.Local == "merror" {
				return fmt.Errorf("element <%s:%s> not allowed", s.Name.Space, s.Name.Local)
			}
			for _, a := range s.Attr {
				if !mathAttributes[a.Name.Local] || a.Name.Space != "" || !mathValueRE.MatchString(a.Value) || !isMathValue(a.Value) {
					return fmt.Errorf("attribute %s=%q on <%s> not allowed", a.Name.Local, a.Value, s.Name.Local)
				}
			}
		}
	}
}

// TestMathMarkup: author text in formulas never becomes markup (issue #20:
// a <script> in \text{…} ran in Chromium with unsafe_html off).
func TestMathMarkup(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, tex, want string }{
		{"script in text", `\text{<script>alert(1)</script>}`, `<math display="inline"><mrow><mtext>&lt;script&gt;alert(1)&lt;/script&gt;</mtext></mrow></math>`},
		{"img in text", `\text{<img src=x onerror=alert(1)>}`, "<math display=\"inline\"><mrow><mtext>&lt;img\u00a0src=x\u00a0onerror=alert(1)&gt;</mtext></mrow></math>"},
		{"closing the formula", `\text{</mtext></mrow></math><script>alert(1)</script>}`, `<math display="inline"><mrow><mtext>&lt;/mtext&gt;&lt;/mrow&gt;&lt;/math&gt;&lt;script&gt;alert(1)&lt;/script&gt;</mtext></mrow></math>`},
		{"entities in text", `\text{&lt;script&gt; & "q" 'r'}`, "<math display=\"inline\"><mrow><mtext>&amp;lt;script&amp;gt;\u00a0&amp;\u00a0&#34;q&#34;\u00a0&#39;r&#39;</mtext></mrow></math>"},
		{"a less-than in text", `\text{if a<b}`, "<math display=\"inline\"><mrow><mtext>if\u00a0a&lt;b</mtext></mrow></math>"},
		{"chemistry", `\ce{<script>}`, ""},
		{"roman", `\mathrm{<x>}`, `<math display="inline"><mrow><mo>&lt;</mo><mi mathvariant="normal">x</mi><mo>&gt;</mo></mrow></math>`},
		{"row spacing", `\begin{aligned} a \\[1em" onload="alert(1)] b \end{aligned}`, ""},
		{"an allowed element in text", `\text{<mi onclick="x()">y</mi>}`, "<math display=\"inline\"><mrow><mtext>&lt;mi\u00a0onclick=&#34;x()&#34;&gt;y&lt;/mi&gt;</mtext></mrow></math>"},
		{"an attribute from an argument", `\rowspan{2" onclick="x}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := MathML(tt.tex, false)
			if err != nil {
				t.Logf("refused: %v", err)
				return
			}
			if err := checkMathML(out); err != nil {
				t.Errorf("%s\n%s", err, out)
			}
			// Attributes are checked above; here what would be a tag.
			for _, bad := range []string{"<script", "<img", "</script"} {
				if strings.Contains(out, bad) {
					t.Errorf("%s reached the page: %s", bad, out)
				}
			}
			if tt.want != "" && out != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
		})
	}
}

// FuzzMath converts any formula: the result is an error of one line, or
// MathML that parses as XML and holds only allowed elements and
// attributes, whatever the formula, and then its text is one line too.
func FuzzMath(f *testing.F) {
	for _, tex := range []string{`\text{<script>alert(1)</script>}`, `\text{</mtext></math><b>}`, `\ce{A <=> B}`,
		`\mathrm{<x>}`, `\begin{aligned} a \\[1em"] b \end{aligned}`, `\text{&amp;lt; &#60; &#x3c;}`, `\hspace{"x}`,
		`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, `\operatorname{<img>}`, `\mathbb{R}^{n}`, `\left< x \right>`} {
		f.Add(tex, false)
	}
	for _, tex := range readFormulas(f) {
		f.Add(tex, true)
	}
	f.Fuzz(func(t *testing.T, tex string, display bool) {
		out, err := MathML(tex, display)
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "math: ") {
				t.Fatalf("%q: the error is not one line of ours: %q", tex, msg)
			}
			return
		}
		if err := checkMathML(out); err != nil {
			t.Fatalf("%q: %v\n%s", tex, err, out)
		}
		txt, err := Text(tex)
		if err != nil {
			t.Fatalf("%q: MathML converts it, Text fails: %v", tex, err)
		}
		if !utf8.ValidString(txt) || strings.ContainsFunc(txt, unicode.IsControl) || strings.TrimSpace(txt) != txt {
			t.Fatalf("%q: Text gives %q, not one trimmed line", tex, txt)
		}
	})
}
