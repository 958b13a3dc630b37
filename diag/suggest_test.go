package diag

import "testing"

func TestSuggest(t *testing.T) {
	t.Parallel()
	names := []string{"steps", "start", "runs", "rosenbrock", "adam", "adamw"}
	tests := []struct{ name, want string }{
		{"stpes", " (did you mean steps?)"}, // two neighbours swapped
		{"Rosenbrock", " (did you mean rosenbrock?)"},
		{"rosenbrok", " (did you mean rosenbrock?)"},
		{"adamm", " (did you mean adam?)"},
		{"SGD", " (did you mean adam?)"}, // an alias, case aside
		{"colour", ""},
		{"", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, names, map[string][]string{"sgd": {"gd", "adam"}}); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"ab", "ba", 1}, {"abc", "acb", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3}} {
		if d := editDistance(tt.a, tt.b); d != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
