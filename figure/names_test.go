package figure

import (
	"regexp"
	"testing"
)

// The expressions the name checks replace, and what each must agree with.
var nameShapes = []struct {
	name  string
	re    *regexp.Regexp
	match func(string) bool
}{
	{"bare word", regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$`), isBareWord},
	{"figure id", regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`), isFigureID},
	{"constant", regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`), isConstName},
}

func TestNameShapes(t *testing.T) {
	cases := []string{"", "a", "A", "_", "-", "0", "a-b", "a--b", "a-", "-a", "a_b-c_d", "a-0", "rosenbrock",
		"Rosenbrock", "r2-d2", "x y", "é", "a\x00", "a-_", "_a", "0a", "abcdefghijklmnopqrstuvwxyz012345",
		"abcdefghijklmnopqrstuvwxyz0123456", "a\n", "a-b-c-d", "A-b", "fig-1", "Fig-1"}
	for _, s := range cases {
		for _, sh := range nameShapes {
			if got, want := sh.match(s), sh.re.MatchString(s); got != want {
				t.Errorf("%s %q: %v, the expression says %v", sh.name, s, got, want)
			}
		}
	}
}

func FuzzNameShapes(f *testing.F) {
	for _, s := range []string{"a-b", "a--b", "_x", "fig-2", "é-a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sh := range nameShapes {
			if got, want := sh.match(s), sh.re.MatchString(s); got != want {
				t.Errorf("%s %q: %v, the expression says %v", sh.name, s, got, want)
			}
		}
	})
}
