package markup

import (
	"fmt"
	"sync"

	"descent/texmath"
)

// mathRenderer turns TeX into MathML at build time with texmath: the same
// bytes on every build, no TeX annotation (it doubles the size and screen
// readers read the MathML), and an error for the author, naming the
// command, for anything it does not know, instead of a red box on the
// page. Results are memoised: courses repeat formulas.
type mathRenderer struct {
	mu   sync.Mutex
	memo map[string]mathResult
}

type mathResult struct {
	html string
	err  error
}

func (m *mathRenderer) render(tex string, display bool) (string, error) {
	key := fmt.Sprint(display, "\x00", tex)
	m.mu.Lock()
	if r, ok := m.memo[key]; ok {
		m.mu.Unlock()
		return r.html, r.err
	}
	m.mu.Unlock()
	out, err := texmath.MathML(tex, display)
	m.mu.Lock()
	if m.memo == nil {
		m.memo = map[string]mathResult{}
	}
	m.memo[key] = mathResult{out, err}
	m.mu.Unlock()
	return out, err
}
