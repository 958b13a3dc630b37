package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const timeout = 10 * time.Second

// lessonOne is content/a/one.md with marker as its text; steps is on line 10.
func lessonOne(marker string, steps int) string {
	return fmt.Sprintf(`---
title: One
---

%s

`+"```landscape"+`
function: quadratic
start: [1, 1]
steps: %d
runs:
  - optimizer: gd
    lr: 0.1
`+"```\n", marker, steps)
}

// writeCourse makes a tiny course in a new folder and returns the folder.
func writeCourse(t *testing.T, one string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"content/site.yaml":   "title: Test course\n",
		"content/_index.md":   "---\ntitle: Home\n---\n\nWelcome home.\n",
		"content/a/_index.md": "---\ntitle: Section A\n---\n\nThe first section.\n",
		"content/a/one.md":    one,
	} {
		writeFile(t, filepath.Join(dir, name), text)
	}
	if err := os.Mkdir(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveFile replaces name in one step, as careful editors save, so that no
// build reads it half written.
func saveFile(t *testing.T, name, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	writeFile(t, tmp, text)
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for the server and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// preview is a running cmd/serve.
type preview struct {
	url            string // with a trailing slash
	stdout, stderr *syncBuffer
	stop           func() // stops the server and checks it exits 0
}

var urlLine = regexp.MustCompile(`at (http://\S+/) `)

// start runs cmd/serve on course (a folder holding content/ and layouts/)
// at 127.0.0.1:0, with its figure cache in course/cache, and waits until it
// serves.
func start(t *testing.T, course string, args ...string) *preview {
	t.Helper()
	return startWithin(t, timeout, course, args...)
}

// startWithin is start for a course whose first build may take up to wait.
func startWithin(t *testing.T, wait time.Duration, course string, args ...string) *preview {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &preview{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	args = append([]string{"-addr", "127.0.0.1:0", "-cache", filepath.Join(course, "cache"),
		"-content", filepath.Join(course, "content"), "-layouts", filepath.Join(course, "layouts")}, args...)
	code := make(chan int, 1)
	go func() { code <- run(ctx, args, p.stdout, p.stderr) }()
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("run exited %d; stderr:\n%s", c, p.stderr)
				}
			case <-time.After(timeout):
				t.Errorf("run did not stop")
			}
		})
	}
	t.Cleanup(p.stop)
	deadline := time.Now().Add(wait)
	for {
		if m := urlLine.FindStringSubmatch(p.stdout.String()); m != nil {
			p.url = m[1]
			return p
		}
		select {
		case c := <-code:
			t.Fatalf("run exited %d before serving; stderr:\n%s", c, p.stderr)
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stdout:\n%s", p.stdout)
		}
	}
}

// get fetches a path of the site.
func (p *preview) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// builds counts the builds the server reported.
func (p *preview) builds() int {
	return strings.Count(p.stdout.String(), " build ") + strings.Count(p.stderr.String(), " build failed")
}

// events opens the event stream and returns its events; header may be nil.
func (p *preview) events(t *testing.T, header http.Header) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", p.url+"_descent/events", nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("events: %s, Content-Type %q", resp.Status, ct)
	}
	ch := make(chan event, 100)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		var e event
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			field, value, _ := strings.Cut(line, ": ")
			switch field {
			case "id":
				e.id = value
			case "event":
				e.name = value
			case "data":
				e.data = value
			case "":
				if line == "" && e.name != "" {
					ch <- e
					e = event{}
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		<-done
	})
	return ch
}

// next waits for the next event.
func next(t *testing.T, ch <-chan event) event {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return e
	case <-time.After(timeout):
		t.Fatal("no event")
	}
	return event{}
}

// settle waits for events until path's page contains want. A build may
// fail on the way, having read a file that was being written.
func (p *preview) settle(t *testing.T, ch <-chan event, path string, status int, want string) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		resp, body := p.get(t, path)
		if resp.StatusCode == status && strings.Contains(body, want) {
			return
		}
		select {
		case _, ok := <-ch:
			if !ok {
				t.Fatal("the event stream ended")
			}
		case <-deadline:
			t.Fatalf("%s: got %d, want %d with %q; stderr:\n%s", path, resp.StatusCode, status, want, p.stderr)
		}
	}
}
