package lesson

import (
	"context"
	"path/filepath"
	"testing"
)

// TestBaseURL: baseURL is an absolute http(s) address or an error.
func TestBaseURL(t *testing.T) {
	t.Parallel()
	const msg = `content/site.yaml:2: baseURL: expected an absolute http or https address such as https://example.org/course/, found `
	tests := []struct{ url, want string }{
		{`"javascript:alert(1)//"`, msg + `"javascript:alert(1)//"`},
		{`/course/`, msg + `"/course/"`},
		{`example.org/course/`, msg + `"example.org/course/"`},
		{`ftp://example.org/`, msg + `"ftp://example.org/"`},
		{`"https://"`, msg + `"https://"`},
		{`"https://user:pw@example.org/"`, msg + `"https://user:pw@example.org/"`},
		{`"https://example.org/?a=1"`, msg + `"https://example.org/?a=1"`},
		{`"https://example.org/#top"`, msg + `"https://example.org/#top"`},
		{`'https://example.org/"><script>alert(1)</script>'`, msg + `"https://example.org/\"><script>alert(1)</script>"`},
		{`"https://example.org/\u001b[2J"`, "content/site.yaml:2: baseURL: holds the control character U+001B; remove it"},
		{`https://example.org/course/`, ""},
		{`https://example.org/course`, ""},
		{`http://localhost:1313/`, ""},
		{`""`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			t.Parallel()
			fsys := lessonWithFiles(map[string]string{"site.yaml": "title: T\nbaseURL: " + tt.url + "\n"})
			_, err := Build(context.Background(), Options{Content: fsys, Out: filepath.Join(t.TempDir(), "out")})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
