package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"descent/diag"
	"descent/figure"
	"descent/lesson"
)

// serve runs the preview until ctx is done and returns the exit code.
func serve(ctx context.Context, c config, stdout, stderr io.Writer) int {
	// Without -out the site stays in memory: a rebuild then costs only
	// what changed, however large the course.
	opt, err := lesson.CommandOptions(c.content, c.layouts, c.out, c.cache)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", diag.Printable(err.Error()))
		return 2
	}
	if c.out == "" {
		opt.Memory = &lesson.MemorySite{}
	}
	// Figures go to the folder cmd/build uses, so that a restart, or a
	// build, finds them, and the preview does not hold them in memory as
	// well as the pages that show them.
	opt.Drafts, opt.LiveReload, opt.Cache, opt.Memo, opt.TextMemo = c.drafts, true, &lesson.Cache{}, &figure.Memo{}, &lesson.TextMemo{}
	if c.cache != "" {
		if cache, err := lesson.OpenCache(c.cache); err != nil {
			fmt.Fprintf(stderr, "serve: -cache: %s; keeping figures in memory\n", diag.Printable(err.Error()))
		} else {
			opt.Cache = cache
		}
	}
	ln, err := net.Listen("tcp", diag.Printable(c.addr))
	if err != nil {
		fmt.Fprintln(stderr, "serve:", diag.Printable(err.Error()))
		return 1
	}
	defer ln.Close()
	// Only once it listens: an address that does not parse (nohost) is
	// its one error, not also a warning about whom it exposes the course to.
	if !loopback(diag.Printable(c.addr)) {
		fmt.Fprintf(stderr, "serve: warning: %s is not a loopback address: anyone who can reach this machine can read the course\n", diag.Printable(c.addr))
	}
	url := "http://" + ln.Addr().String() + "/"
	opt.BaseURL = url

	roots := []string{c.content}
	if opt.Layouts != nil {
		roots = append(roots, c.layouts)
	}
	w, err := newWatcher(roots, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "serve: watching for changes:", diag.Printable(err.Error()))
		return 1
	}
	defer w.close()

	s := newServer(opt, stdout, stderr)
	s.build(ctx, nil)
	if ctx.Err() != nil {
		return 0
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", diag.Printable(c.content), url)

	srv := &http.Server{
		Handler:           newHostGuard(addrHost(diag.Printable(c.addr)), c.allowHosts, s.handler()),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      time.Minute, // the event stream clears it
		IdleTimeout:       2 * time.Minute,
	}
	srv.RegisterOnShutdown(s.hub.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	batches := make(chan []string)
	wg.Go(func() { w.run(ctx, batches) })
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case changed := <-batches:
				s.build(ctx, changed)
			}
		}
	})

	code := 0
	select {
	case <-ctx.Done():
	case err := <-served:
		fmt.Fprintln(stderr, "serve:", diag.Printable(err.Error()))
		code = 1
	}
	stop()
	s.hub.close()
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		srv.Close()
	}
	if code == 0 {
		<-served
	}
	wg.Wait()
	return code
}

// addrHost is the host part of -addr.
func addrHost(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	return host
}

// loopback reports whether addr listens only on this machine.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
