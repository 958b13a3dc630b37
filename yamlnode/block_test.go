package yamlnode

import (
	"strings"
	"testing"

	"descent/diag"
)

func TestBlock(t *testing.T) {
	for _, c := range []struct {
		src, want string // want: the errors, one per line
		keys      int
	}{
		{"a: 1\nb: 2\n", "", 2},
		{"", "", 0},
		{"a: 1\nzz: 2\n", "f.md:12: zz: unknown key; a test block takes a, b", 1},
		{"a: 1\na: 2\n", "f.md:12: a: appears twice; keep one", 1},
		{"- a\n", "f.md:11: expected a mapping of keys to values, found a list", 0},
		{"a: [\n", "f.md:11: YAML: did not find expected node content", 0},
		// yaml.v3's messages, placed and explained.
		{"a: 1\nb:\n\t- x\n", "f.md:13: YAML: a tab indents this line; YAML indents with spaces only", 0},
		{"a: \"$\\lamda$\"\n", `f.md:11: YAML: found unknown escape character: in double quotes a backslash begins an escape (\n, \"); write TeX in single quotes, '$\lambda$', or double each backslash`, 0},
		{"a: 1\nb: [1, 2\nc: 3\n", "f.md:12: YAML: did not find expected ',' or ']': a [ or { opened here is not closed", 0},
		{"a: 1\nb: {x: '[', y: 2\n", "f.md:12: YAML: did not find expected ',' or '}': a [ or { opened here is not closed", 0},
	} {
		l := &diag.List{File: "f.md"}
		_, byKey, _ := Block([]byte(c.src), 10, "a test block", []string{"a", "b"}, l)
		var got []string
		for _, e := range l.Errs {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != c.want || len(byKey) != c.keys {
			t.Errorf("Block(%q): %d keys, errors\n%s\nwant %d keys, errors\n%s", c.src, len(byKey), strings.Join(got, "\n"), c.keys, c.want)
		}
	}
}
