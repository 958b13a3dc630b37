package yamlnode

import (
	"fmt"
	"testing"

	"descent/diag"

	"gopkg.in/yaml.v3"
)

func value(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0].Content[1]
}

func TestBoolean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want bool
		err  string
	}{
		{"true", true, ""}, {"True", true, ""}, {"TRUE", true, ""},
		{"false", false, ""}, {"False", false, ""}, {"FALSE", false, ""},
		{"!!bool yes", false, `expected true or false, found "yes"`},
		{"!!bool on", false, `expected true or false, found "on"`},
		{"!!bool 1", false, `expected true or false, found "1"`},
		{"!!bool ''", false, `expected true or false, found ""`},
		{"yes", false, `expected true or false, found the text "yes"`},
		{"1", false, `expected true or false, found 1`},
		{"~", false, `expected true or false, found nothing`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := Boolean(value(t, tt.src))
			if e := errString(err); e != tt.err || got != tt.want {
				t.Errorf("Boolean(%s) = %v, %q; want %v, %q", tt.src, got, e, tt.want, tt.err)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src      string
		num      float64
		numErr   string
		integer  int
		integErr string
	}{
		{"3", 3, "", 3, ""},
		{"1e-3", 0.001, "", 0, "expected a whole number, found 1e-3"},
		{"1e300", 1e300, "", 0, "1e300 is too large for a whole number here (at most 10^15)"},
		{"1e400", 0, "1e400 is too large for a float64 (the largest is about 1.8e308)", 0, "1e400 is too large for a float64 (the largest is about 1.8e308)"},
		{"-1e400", 0, "-1e400 is too large for a float64 (the largest is about 1.8e308)", 0, "-1e400 is too large for a float64 (the largest is about 1.8e308)"},
		{"'1e400'", 0, `expected a number, found the text "1e400"`, 0, `expected a whole number, found the text "1e400"`},
		{"99999999999999999999", 1e20, "", 0, "99999999999999999999 is too large for a whole number here (at most 10^15)"},
		{"1e-400", 0, "1e-400 is too small for a float64 (the smallest is about 4.9e-324) and would be 0", 0, "expected a whole number, found 1e-400"},
		{"0e-400", 0, "", 0, ""},
		{".inf", 0, "expected a finite number, found .inf", 0, "expected a whole number, found .inf"},
		{"0x10", 16, "", 16, ""},
		{"fast", 0, `expected a number, found the text "fast"`, 0, `expected a whole number, found the text "fast"`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			n, err := Number(value(t, tt.src))
			if e := errString(err); e != tt.numErr || n != tt.num {
				t.Errorf("Number(%s) = %v, %q; want %v, %q", tt.src, n, e, tt.num, tt.numErr)
			}
			i, err := Integer(value(t, tt.src))
			if e := errString(err); e != tt.integErr || i != tt.integer {
				t.Errorf("Integer(%s) = %v, %q; want %v, %q", tt.src, i, e, tt.integer, tt.integErr)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Text refuses control characters; it keeps what double quotes are for.
func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want, err string }{
		{`'$\theta$'`, `$\theta$`, ""},
		{`"$\\theta$"`, `$\theta$`, ""},
		{`"tab\there, no math"`, "tab\there, no math", ""},
		{`"a\u0007b"`, "", "holds the control character U+0007; remove it"},
		{`"a\u0085b"`, "", "holds the control character U+0085; remove it"},
		{"|\n  two\n  lines", "two\nlines", ""}, // the last line end is the document's
	}
	for _, tt := range tests {
		got, err := Text(value(t, tt.src))
		if e := errString(err); e != tt.err || got != tt.want {
			t.Errorf("Text(%s) = %q, %q; want %q, %q", tt.src, got, e, tt.want, tt.err)
		}
	}
}

// Parse refuses double-quoted math whose TeX backslash YAML read as an
// escape, by the source: a tab, a no-break space or a line break typed
// as such is no mistake.
func TestTeXEscapes(t *testing.T) {
	t.Parallel()
	lost := "in double quotes YAML reads %s as one character, so the TeX lost its backslash; write TeX in single quotes ('$\\theta$'), or double each backslash"
	for src, want := range map[string]string{
		`title: "$\theta$"`:                    "y:1: title: " + fmt.Sprintf(lost, `\t`),
		"a: 1\nlabel: \"the $\\nabla f$\"":     "y:2: label: " + fmt.Sprintf(lost, `\n`),
		`{a: "é", b: "$\Lambda$"}`:             "y:1: b: " + fmt.Sprintf(lost, `\L`),
		"runs:\n  - {label: \"$\\beta$\"}":     "y:2: label: " + fmt.Sprintf(lost, `\b`),
		"title: \"Coût de $x$\u00a0: bornes\"": "",
		"d: \"Rate of $x$\tand y\"":            "",
		"q: \"Consider $x$.\n\n  Which?\"":     "",
		`t: "$\\theta$ and \"quoted\""`:        "",
		`t: '$\theta$'`:                        "",
		`t: "no math \t here"`:                 "",
	} {
		l := &diag.List{File: "y"}
		_, ok := Parse([]byte(src), 0, l)
		got := ""
		if len(l.Errs) > 0 {
			got = l.Errs[0].Error()
		}
		if got != want || ok != (want == "") {
			t.Errorf("Parse(%q): %v, %q; want %q", src, ok, got, want)
		}
	}
}
