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
	html, text string // the MathML, and the Unicode text for snippets and alt text
	err        error
}

func (m *mathRenderer) render(tex string, display bool) (string, error) {
	r := m.convert(tex, display)
	return r.html, r.err
}

// convert is the formula's MathML and text, from one reading of it.
func (m *mathRenderer) convert(tex string, display bool) mathResult {
	key := fmt.Sprint(display, "\x00", tex)
	m.mu.Lock()
	if r, ok := m.memo[key]; ok {
		m.mu.Unlock()
		return r
	}
	m.mu.Unlock()
	var r mathResult
	r.html, r.text, r.err = texmath.Convert(tex, display)
	m.mu.Lock()
	if m.memo == nil {
		m.memo = map[string]mathResult{}
	}
	m.memo[key] = r
	m.mu.Unlock()
	return r
}
