// Command serve previews a course: it builds it, serves it, rebuilds it on
// every change and reloads the open browser tabs.
//
// Usage:
//
//	go run ./cmd/serve [-content DIR] [-layouts DIR] [-out DIR] [-addr HOST:PORT] [-allow-host NAME] [-drafts] [-cache DIR]
//
// It listens on -addr (default 127.0.0.1:1313), builds -content (default
// content) with -layouts (default layouts) into memory, or into the folder
// -out (public/ from cmd/build is never touched unless named), keeps
// computed figures in -cache (default: the folder cmd/build uses; "" keeps
// them in memory), and watches the content and layouts folders. Each change
// rebuilds the site; open tabs reload once the new pages are in place. A failed build keeps the last
// good pages, prints the errors and shows them over the page. Ctrl-C stops
// it (exit 0); bad flags exit 2; a listener that cannot start exits 1.
// It answers only requests for loopback names, the -addr host and those
// named with -allow-host (DNS rebinding), and its event stream only pages
// of those origins.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"descent/lesson"
)

func main() {
	log.SetPrefix("serve: ")
	log.SetFlags(0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	content, layouts, out, addr, cache string
	drafts                             bool
	allowHosts                         []string // host names served besides loopback and -addr's
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.content, "content", "content", "the course's lessons")
	fs.StringVar(&c.layouts, "layouts", "layouts", "templates and static files overriding the built-in theme")
	fs.StringVar(&c.out, "out", "", "write the site to this folder, replaced on each build (default: keep it in memory)")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:1313", "the address to listen on")
	fs.BoolVar(&c.drafts, "drafts", false, "include lessons marked draft: true")
	fs.Func("allow-host", "also answer requests for this host name (repeat for more); by default only loopback names and the -addr host", func(h string) error {
		if h == "" || strings.ContainsAny(h, "/ :") {
			return fmt.Errorf("%q is not a host name", h)
		}
		c.allowHosts = append(c.allowHosts, h)
		return nil
	})
	fs.StringVar(&c.cache, "cache", lesson.DefaultCacheDir(), `figures kept between runs, shared with build; "" to keep them in memory`)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	return serve(ctx, c, stdout, stderr)
}
