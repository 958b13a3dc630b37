package lesson

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzURLSlug: a slug is a single URL segment, lower case, without dots,
// slashes or hyphens at its ends, and the slug of a slug is itself.
func FuzzURLSlug(f *testing.F) {
	for _, s := range []string{"日本語", "Über Größe", "plan", "🎉", "../etc", "a--b", "-x-", "x.md", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := urlSlug(s)
		if slug == "" {
			return
		}
		if !utf8.ValidString(slug) || strings.ContainsAny(slug, "/.\\?#%\x00 ") || strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
			t.Fatalf("urlSlug(%q) = %q", s, slug)
		}
		if again := urlSlug(slug); again != slug {
			t.Fatalf("urlSlug(%q) = %q, but urlSlug(%q) = %q", s, slug, slug, again)
		}
	})
}

// FuzzBaseURL: an accepted baseURL is an absolute http(s) address that
// needs no escaping in an attribute.
func FuzzBaseURL(f *testing.F) {
	for _, s := range []string{"https://example.org/course/", "javascript:alert(1)", "/x/", "http://[::1]:1313/", "https://a/\"><script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckBaseURL(s) != nil {
			return
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, "\"<> \n") {
			t.Fatalf("accepted %q", s)
		}
	})
}
