package markup

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"descent/diag"
)

// TestPosition: lines and columns as counting from the start gives them,
// in order and after going back.
func TestPosition(t *testing.T) {
	t.Parallel()
	src := []byte("ab\ncdé\n\nxyz\xffq\n日本語")
	slow := func(off int) (int, int) {
		line := 10 + bytes.Count(src[:off], []byte("\n"))
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		return line, len([]rune(string(src[start:off]))) + 1
	}
	p := newPosition(src, 10)
	offsets := []int{0, 1, 3, 5, 7, 8, 9, 12, 13, 14, 2, 16, len(src), 4}
	for _, off := range offsets {
		line, col := p.at(off)
		if wl, wc := slow(off); line != wl || col != wc {
			t.Errorf("at(%d) = %d:%d, want %d:%d", off, line, col, wl, wc)
		}
	}
}

// TestManyMathErrors: 150,000 bad formulas on one line are reported in
// linear time (they took 49 s).
func TestManyMathErrors(t *testing.T) {
	t.Parallel()
	src := strings.Repeat(`$\foo$ `, 150000)
	start := time.Now()
	l := &diag.List{File: "f"}
	New(false).Parse([]byte(src), 1, l)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(l.Errs) != diag.MaxPerFile+1 {
		t.Fatalf("%d errors", len(l.Errs))
	}
	for i, want := range map[int]string{
		99:  `f:1: math: col 695: unknown command \foo`,
		100: `f:1: and 149900 more errors from here on, not listed: over the limit of 100 per file; fix these first`,
	} {
		if got := l.Errs[i].Error(); got != want {
			t.Errorf("error %d: %s, want %s", i, got, want)
		}
	}
}
