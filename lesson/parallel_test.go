package lesson

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// A panic on a worker reaches the caller, where a recover can turn it into
// an error (cmd/serve's safeBuild), and the other workers stop early.
func TestParallelPanics(t *testing.T) {
	t.Parallel()
	var ran atomic.Int64
	got := func() (r any) {
		defer func() { r = recover() }()
		parallel(1000, func(i int) {
			ran.Add(1)
			if i == 3 {
				panic("lesson 3")
			}
			// An item takes a while, as a page does: with items of
			// nanoseconds the other worker could run them all while this
			// one's panic unwinds (it did once, under CI's load).
			time.Sleep(time.Millisecond)
		})
		return nil
	}()
	if got != "lesson 3" {
		t.Errorf("recovered %v, want the worker's panic", got)
	}
	if n := ran.Load(); n > 500 {
		t.Errorf("%d of 1000 items ran after the panic; the workers should stop", n)
	}
	bg := inBackground(func() (int, error) { panic(errors.New("static")) })
	got = func() (r any) {
		defer func() { r = recover() }()
		bg.wait()
		return nil
	}()
	if err, ok := got.(error); !ok || err.Error() != "static" {
		t.Errorf("wait recovered %v, want the background work's panic", got)
	}
}
