package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"descent/diag"
	"descent/lesson"
)

// server builds the course and serves the last good build.
type server struct {
	opt            lesson.Options
	stdout, stderr io.Writer
	hub            *hub
	session        string // tells this process's builds from a previous one's
	good           int    // good builds so far; only build touches it

	mu   sync.Mutex
	id   string   // the build being served; "" before the first good one
	errs []string // the last build's errors; nil when it was good
}

func newServer(opt lesson.Options, stdout, stderr io.Writer) *server {
	return &server{opt: opt, stdout: stdout, stderr: stderr, hub: newHub(),
		session: strconv.FormatInt(time.Now().UnixMilli(), 36)}
}

// build rebuilds the site, reports the outcome in the terminal and tells
// the open tabs. Build swaps the new site in before it returns, so a tab
// that reloads on the event gets the new pages.
func (s *server) build(ctx context.Context, changed []string) {
	// The tabs are told as soon as the new pages are in; the search index
	// follows within the same Build.
	opt, announced := s.opt, false
	opt.Ready = func(sum lesson.Summary) {
		announced = true
		s.announce(sum, changed)
	}
	sum, err := safeBuild(ctx, opt)
	if ctx.Err() != nil {
		return // stopping
	}
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		var list []string
		var errs lesson.Errors
		count := 1
		if errors.As(err, &errs) {
			for _, e := range errs {
				list = append(list, e.Error())
			}
			count = errs.Count()
		} else {
			list = []string{diag.Printable(err.Error())}
		}
		for _, l := range list {
			fmt.Fprintln(s.stderr, l)
		}
		s.mu.Lock()
		s.errs = list
		id := s.id
		s.mu.Unlock()
		then := "still serving the last good build"
		if id == "" {
			then = "fix it and save; the page will load"
		}
		fmt.Fprintf(s.stderr, "%s build failed%s: %d error(s); %s\n", stamp, cause(changed), count, then)
		data, _ := json.Marshal(list)
		e := event{name: "errors", id: id, data: string(data)}
		s.hub.publish(e, e)
		return
	}
	if !announced {
		s.announce(sum, changed)
	}
}

// announce reports a good build in the terminal and tells the open tabs.
func (s *server) announce(sum lesson.Summary, changed []string) {
	stamp := time.Now().Format("15:04:05")
	s.good++
	id := s.session + "-" + strconv.Itoa(s.good)
	s.mu.Lock()
	s.id, s.errs = id, nil
	s.mu.Unlock()
	fmt.Fprintf(s.stdout, "%s build %d%s: %d pages, %d figures (%d cached), %d formulas in %d ms\n", stamp,
		s.good, cause(changed), sum.Pages, sum.Figures, sum.FiguresCached, sum.Formulas, sum.Duration.Milliseconds())
	data := "{}"
	if lessonsOnly(changed, s.opt.LayoutsDir) {
		data = `{"swap":true}` // the tab may swap the page's content in place
	}
	s.hub.publish(event{name: "ok", id: id, data: "{}"}, event{name: "reload", id: id, data: data})
}

// lessonsOnly reports whether every changed file is a lesson or section
// page (a .md file outside the layouts folder): then a tab may swap in its
// page's new content without reloading. The first build, a theme change,
// the site file or a static file need a reload.
func lessonsOnly(changed []string, layouts string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, c := range changed {
		name := filepath.ToSlash(c)
		if !strings.HasSuffix(name, ".md") || layouts != "" && (name == layouts || strings.HasPrefix(name, strings.TrimSuffix(layouts, "/")+"/")) {
			return false
		}
	}
	return true
}

// safeBuild turns a panic in the builder into an error, so that a course
// that trips a bug does not stop the preview.
func safeBuild(ctx context.Context, opt lesson.Options) (sum lesson.Summary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while building (please report it): %v", r)
		}
	}()
	return lesson.Build(ctx, opt)
}

// cause names the changed files for the terminal.
func cause(changed []string) string {
	// A file's name is the author's text: no control characters reach
	// the terminal.
	switch len(changed) {
	case 0:
		return ""
	case 1:
		return " (" + diag.Printable(changed[0]) + ")"
	}
	return fmt.Sprintf(" (%s and %d more)", diag.Printable(changed[0]), len(changed)-1)
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /_descent/events", s.hub)
	mux.HandleFunc("GET /", s.serveSite)
	return mux
}

// serveSite serves the last good build: the site in memory, or the output
// folder. The folder is swapped whole on each build, so it is opened by
// name on each request, never held open.
func (s *server) serveSite(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.mu.Lock()
	id, errs := s.id, s.errs
	s.mu.Unlock()
	if id == "" {
		serveErrors(w, errs)
		return
	}
	fsys := os.DirFS(s.opt.Out)
	if s.opt.Memory != nil {
		fsys = s.opt.Memory.FS()
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	page, file := strings.HasSuffix(name, ".html"), name
	info, err := fs.Stat(fsys, name)
	if err == nil && info.IsDir() {
		file = path.Join(name, "index.html")
		info, err = fs.Stat(fsys, file)
		page = true
	}
	if !fs.ValidPath(name) || err != nil || info.IsDir() {
		notFound(w, r, fsys, id)
		return
	}
	if page {
		setBuildCookie(w, id)
		if have := r.Header.Values(keepHeader); len(have) > 0 {
			serveStubbed(w, r, fsys, file, have)
			return
		}
	}
	http.FileServerFS(fsys).ServeHTTP(w, r)
}

// keepHeader lists the digests of the figures and quizzes an open tab has
// (reload.js, swapping in a rebuilt page): the page comes with those
// stubbed (lesson.StubKept), for the tab keeps its own.
const keepHeader = "X-Descent-Keep"

// serveStubbed answers with the page file, the components the tab holds,
// as have lists them, stubbed.
func serveStubbed(w http.ResponseWriter, r *http.Request, fsys fs.FS, file string, have []string) {
	body, err := fs.ReadFile(fsys, file)
	if err != nil {
		http.Error(w, "cannot read the page", http.StatusInternalServerError)
		return
	}
	held := map[string]bool{}
	for _, h := range have {
		for _, d := range strings.Fields(h) {
			held[d] = true
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", keepHeader)
	body = lesson.StubKept(body, func(d string) bool { return held[d] })
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func setBuildCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: buildCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// notFound answers with the theme's 404 page.
func notFound(w http.ResponseWriter, r *http.Request, fsys fs.FS, id string) {
	body, err := fs.ReadFile(fsys, "404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	setBuildCookie(w, id)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(body)
}

// serveErrors stands in for the site until the first good build.
func serveErrors(w http.ResponseWriter, errs []string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	errorPage.Execute(w, errs)
}

var errorPage = template.Must(template.New("errors").Parse(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Build failed</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<body style="font:15px/1.5 ui-monospace,monospace;margin:2rem;color:#2b0f0f">
<h1 style="font-size:1.2rem">The course does not build yet</h1>
<p>Fix these and save; this page reloads by itself.</p>
<ul id="errors" style="white-space:pre-wrap;padding-left:1rem">{{range .}}<li>{{.}}</li>{{end}}</ul>
<script>
var events = new EventSource("/_descent/events");
events.addEventListener("reload", function () { location.reload(); });
events.addEventListener("ok", function () { location.reload(); });
events.addEventListener("errors", function (e) {
  var ul = document.getElementById("errors");
  ul.textContent = "";
  JSON.parse(e.data).forEach(function (m) {
    var li = document.createElement("li");
    li.textContent = m;
    ul.appendChild(li);
  });
});
</script>
</body></html>
`))
