package diag

import (
	"fmt"
	"slices"
	"strings"
)

// Suggest returns " (did you mean X?)" for the nearest of names to name,
// or "": an alias of name, case aside, or else the name with the fewest
// edits, at most a third of name's length. A message about an unknown
// name puts it after the name: unknown optimizer "adamm" (did you mean
// adam?).
func Suggest(name string, names []string, aliases map[string][]string) string {
	lower := strings.ToLower(name)
	for _, a := range aliases[lower] {
		if slices.Contains(names, a) {
			return fmt.Sprintf(" (did you mean %s?)", a)
		}
	}
	best, dist := "", len(lower)/3+1
	for _, n := range names {
		if d := editDistance(lower, n); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the number of edits (a byte inserted, deleted, changed,
// or two neighbours swapped: "stpes" is one from "steps") from a to b, for
// names of at most a few dozen characters.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	// Three rows of the optimal-string-alignment table: i-2, i-1 and i.
	before, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(b)]
}
