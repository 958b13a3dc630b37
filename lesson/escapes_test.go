package lesson

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerminalEscapes: keys, values and file names carrying control
// characters (clear the screen, a fake "build OK", OSC 52 setting the
// clipboard) reach the message only escaped, on one line.
func TestTerminalEscapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a key that clears the screen", map[string]string{"s/x.md": "---\n\"\\e[2J\\e[Hbuild OK\": 1\n---\nText.\n"},
			`content/s/x.md:2: \x1b[2J\x1b[Hbuild OK: unknown front matter key; the keys are title, description, weight, draft and slug`},
		{"a clipboard-setting key", map[string]string{"site.yaml": "\"\\e]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\a\": x\n"},
			`content/site.yaml:1: \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\a: unknown key; the site file takes title, description, baseURL, language, unsafe_html and bibliography`},
		{"a value", map[string]string{"s/x.md": "---\nslug: \"a\\rbuild OK\\n\"\n---\nText.\n"},
			`content/s/x.md:2: slug: "a\rbuild OK\n" is not a slug; use lower-case letters, digits and single hyphens, such as "saddle-points"`},
		{"a file name", map[string]string{"s/\x1b[31mred.md": "---\ntitle: [\n---\nText.\n"},
			`content/s/\x1b[31mred.md:2: YAML: did not find expected node content`},
		{"text that reorders", map[string]string{"s/x.md": "---\n\"abc\u202edcba\": 1\n---\nText.\n"},
			`content/s/x.md:2: abc\u202edcba: unknown front matter key; the keys are title, description, weight, draft and slug`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Build(context.Background(), Options{Content: lessonWithFiles(tt.files), Out: filepath.Join(t.TempDir(), "out")})
			if err == nil {
				t.Fatal("built")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07\r\n\u202e") {
				t.Errorf("a control character reached the message: %q", err.Error())
			}
		})
	}
}
