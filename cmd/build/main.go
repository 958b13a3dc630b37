// Command build turns a course into a static site.
//
// Usage:
//
//	go run ./cmd/build [-content DIR] [-layouts DIR] [-out DIR] [-drafts] [-baseURL URL] [-cache DIR]
//
// It reads the lessons in -content (default content), renders them with the
// templates in -layouts (default layouts; files it lacks come from the
// built-in theme) and replaces -out (default public) with the new site in
// one step. A failed build prints every error as FILE:LINE: message, leaves
// -out as it was and exits 1; bad flags exit 2. Figures are kept in -cache
// (default: descent in the user's cache folder; -cache "" for none) and
// reused by later builds whose directive and executable are the same.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"

	"descent/diag"
	"descent/lesson"
)

func main() {
	tuneGC()
	log.SetPrefix("build: ")
	log.SetFlags(0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	content, layouts, out, baseURL, cache string
	drafts                                bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.content, "content", "content", "the course's lessons")
	fs.StringVar(&c.layouts, "layouts", "layouts", "templates and static files overriding the built-in theme")
	fs.StringVar(&c.out, "out", "public", "the output folder, replaced as a whole")
	fs.StringVar(&c.baseURL, "baseURL", "", "the site's address, overriding the site file's baseURL")
	fs.BoolVar(&c.drafts, "drafts", false, "include lessons marked draft: true")
	fs.StringVar(&c.cache, "cache", lesson.DefaultCacheDir(), `figures kept between builds; "" for none`)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if c.out == "" {
		fmt.Fprintln(stderr, "build: -out is empty; name an output folder, such as public")
		return 2
	}
	if c.baseURL != "" {
		if err := lesson.CheckBaseURL(c.baseURL); err != nil {
			fmt.Fprintln(stderr, "build: -baseURL:", err)
			return 2
		}
	}
	opt, err := lesson.CommandOptions(c.content, c.layouts, c.out, c.cache)
	if err != nil {
		fmt.Fprintln(stderr, "build:", diag.Printable(err.Error()))
		return 2
	}
	opt.Drafts, opt.BaseURL = c.drafts, c.baseURL
	if c.cache != "" {
		if opt.Cache, err = lesson.OpenCache(c.cache); err != nil {
			fmt.Fprintf(stderr, "build: -cache: %s; building without it\n", diag.Printable(err.Error()))
		}
	}
	sum, err := lesson.Build(ctx, opt)
	if err != nil {
		var errs lesson.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(stderr, e)
			}
			fmt.Fprintf(stderr, "build failed: %d error(s); %s was left as it was\n", errs.Count(), diag.Printable(c.out))
		} else {
			fmt.Fprintf(stderr, "build failed: %s; %s was left as it was\n", diag.Printable(err.Error()), diag.Printable(c.out))
		}
		return 1
	}
	fmt.Fprint(stdout, sum.Table(diag.Printable(c.out)))
	return 0
}

// defaultCache is descent in the user's cache folder, or "" without one.
