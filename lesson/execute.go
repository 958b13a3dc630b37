package lesson

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// Limits on executing a template for one page. Templates are the author's
// code and run without bound ({{range 100000000000}}); a page stops at
// these, and the build reports it, so that cmd/serve always gets through
// to the next save and to Ctrl-C.
const (
	defaultPageBytes = 64 << 20
	defaultPageTime  = 10 * time.Second
	// maxRangeLiteral bounds the product of nested {{range N}} over
	// literal numbers, checked when the templates are parsed: such a loop
	// that writes nothing is not stopped by the writer (it only notices
	// a stop when it writes).
	maxRangeLiteral = 1_000_000
)

var (
	errPageTooLarge = errors.New("page over the size limit")
	errStopped      = errors.New("page stopped")
)

// execLimits are one build's limits on a page's template.
type execLimits struct {
	bytes int
	time  time.Duration
}

func (o Options) execLimits() execLimits {
	l := execLimits{bytes: o.PageBytes, time: o.PageTime}
	if l.bytes <= 0 {
		l.bytes = defaultPageBytes
	}
	if l.time <= 0 {
		l.time = defaultPageTime
	}
	return l
}

// boundedWriter refuses to grow past max bytes, and every write once
// stopped, which ends the template's execution at its next write.
type boundedWriter struct {
	buf  *bytes.Buffer
	max  int
	stop atomic.Bool
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.stop.Load() {
		return 0, errStopped
	}
	if w.buf.Len()+len(p) > w.max {
		return 0, errPageTooLarge
	}
	return w.buf.Write(p)
}

// execute runs the template name of t into buf within the limits, or until
// ctx is done. A template that overruns its time is left to end on its
// own, writing nowhere; abandoned says so, and that buf must not be used
// again. file names the template for errors.
func execute(ctx context.Context, lim execLimits, t *template.Template, name string, data any, buf *bytes.Buffer, dir, file string) (abandoned bool, e *Error) {
	w := &boundedWriter{buf: buf, max: lim.bytes}
	done := make(chan error, 1)
	go func() { done <- t.ExecuteTemplate(w, name, data) }()
	timer := time.NewTimer(lim.time)
	defer timer.Stop()
	var err error
	select {
	case err = <-done:
	case <-timer.C:
		w.stop.Store(true)
		return true, &Error{File: joinName(dir, file), Msg: fmt.Sprintf("executing the template took over %v, the limit per page; look for a loop that does not end", lim.time)}
	case <-ctx.Done():
		w.stop.Store(true)
		return true, &Error{File: joinName(dir, file), Msg: "stopped"}
	}
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, errPageTooLarge):
		return false, &Error{File: joinName(dir, file), Msg: fmt.Sprintf("the page is over %s, the limit per page; look for a loop that writes without end", sizeName(lim.bytes))}
	}
	return false, templateErrorIn(dir, file, err)
}

func joinName(dir, file string) string {
	if file == "" {
		return dir
	}
	return dir + "/" + file
}

func sizeName(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// checkRanges reports each {{range N}} over a number literal whose count,
// times those of the literal ranges around it, is over maxRangeLiteral.
func checkRanges(t *template.Template, dir string) Errors {
	var errs Errors
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		tree := tt.Tree
		var walk func(n parse.Node, times float64)
		walk = func(n parse.Node, times float64) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n != nil {
					for _, c := range n.Nodes {
						walk(c, times)
					}
				}
			case *parse.IfNode:
				walk(n.List, times)
				walk(n.ElseList, times)
			case *parse.WithNode:
				walk(n.List, times)
				walk(n.ElseList, times)
			case *parse.RangeNode:
				if count, ok := literalCount(n.Pipe); ok {
					times *= count
					if times > maxRangeLiteral {
						loc, _ := tree.ErrorContext(n)
						e := templateError(dir, fmt.Errorf("template: %s: {{range %.0f}} makes %.0f rounds with the ranges around it, over the limit of %d", loc, count, times, maxRangeLiteral))
						errs = append(errs, e)
						return
					}
				}
				walk(n.List, times)
				walk(n.ElseList, times)
			}
		}
		walk(tree.Root, 1)
	}
	return errs
}

// literalCount is the count of a range over one number literal.
func literalCount(p *parse.PipeNode) (float64, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	num, ok := p.Cmds[0].Args[0].(*parse.NumberNode)
	if !ok || !num.IsInt {
		return 0, false
	}
	return float64(num.Int64), true
}
