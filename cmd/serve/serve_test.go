package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A reload comes only once the new pages are in place.
func TestReloadAfterBuild(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	p := start(t, course)
	ev := p.events(t, nil)
	first := next(t, ev)
	if first.name != "ok" || first.id == "" {
		t.Fatalf("first event %+v, want ok with the build id", first)
	}
	if resp, body := p.get(t, "a/one/"); resp.StatusCode != 200 || !strings.Contains(body, "Version one") {
		t.Fatalf("a/one/: %s", resp.Status)
	}
	saveFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Version two", 5))
	e := next(t, ev)
	if e.name != "reload" || e.id == first.id {
		t.Fatalf("after a write: %+v, want reload with a new id (was %s)", e, first.id)
	}
	resp, body := p.get(t, "a/one/")
	if !strings.Contains(body, "Version two") {
		t.Fatalf("the reload came before the new page was served: %s\n%s", resp.Status, body)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
	if !strings.Contains(body, "reload.js") {
		t.Errorf("the page does not include reload.js")
	}
	if !strings.Contains(p.stdout.String(), "1 figures (1 cached)") {
		t.Errorf("the rebuild did not reuse the figure:\n%s", p.stdout)
	}
	// Stopping with a stream open ends the stream and exits 0.
	p.stop()
	select {
	case e, ok := <-ev:
		if ok {
			t.Errorf("after stop: %+v, want the stream to end", e)
		}
	case <-time.After(timeout):
		t.Errorf("the stream is still open after stop")
	}
}

// Figures outlive the preview in the cache folder: a restart computes
// none; with -cache "" they live in memory only.
func TestRestartUsesCache(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	for i, want := range []string{"1 figures (0 cached)", "1 figures (1 cached)"} {
		p := start(t, course)
		p.stop()
		if !strings.Contains(p.stdout.String(), want) {
			t.Errorf("start %d: want %q in\n%s", i+1, want, p.stdout)
		}
	}
	p := start(t, course, "-cache", "")
	p.stop()
	if !strings.Contains(p.stdout.String(), "1 figures (0 cached)") {
		t.Errorf(`-cache "": want the figure computed again:\n%s`, p.stdout)
	}
}

// Editors and people change the course in many ways; each ends with the
// new state served.
func TestEdits(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	content := filepath.Join(course, "content")
	p := start(t, course)
	ev := p.events(t, nil)
	next(t, ev) // ok
	for _, tc := range []struct {
		name   string
		edit   func(t *testing.T)
		path   string
		status int
		want   string
	}{
		{"atomic save", func(t *testing.T) {
			tmp := filepath.Join(content, "a", ".one.md.tmp123")
			writeFile(t, tmp, lessonOne("Saved atomically", 5))
			if err := os.Rename(tmp, filepath.Join(content, "a/one.md")); err != nil {
				t.Fatal(err)
			}
		}, "a/one/", 200, "Saved atomically"},
		{"vim backup then write", func(t *testing.T) {
			one := filepath.Join(content, "a/one.md")
			if err := os.Rename(one, one+"~"); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(content, "a/4913"), "")
			os.Remove(filepath.Join(content, "a/4913"))
			writeFile(t, one, lessonOne("Saved by vim", 5))
			writeFile(t, filepath.Join(content, "a/.one.md.swp"), "swap")
			os.Remove(one + "~")
		}, "a/one/", 200, "Saved by vim"},
		{"new section", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "b/_index.md"), "---\ntitle: Section B\n---\n")
			writeFile(t, filepath.Join(content, "b/two.md"), lessonOne("Lesson two", 3))
		}, "b/two/", 200, "Lesson two"},
		{"edit in the new section", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "b/two.md"), lessonOne("Lesson two, edited", 3))
		}, "b/two/", 200, "Lesson two, edited"},
		{"nested new folders", func(t *testing.T) {
			// mkdir -p c/d: the build refuses d, but c is watched and its lesson built.
			writeFile(t, filepath.Join(content, "c/d/deep.md"), "---\ntitle: Deep\n---\n")
			os.RemoveAll(filepath.Join(content, "c/d"))
			writeFile(t, filepath.Join(content, "c/three.md"), lessonOne("Lesson three", 3))
		}, "c/three/", 200, "Lesson three"},
		{"edit in the nested folder", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "c/three.md"), lessonOne("Lesson three, edited", 3))
		}, "c/three/", 200, "Lesson three, edited"},
		{"rename a lesson", func(t *testing.T) {
			if err := os.Rename(filepath.Join(content, "b/two.md"), filepath.Join(content, "b/deux.md")); err != nil {
				t.Fatal(err)
			}
		}, "b/deux/", 200, "Lesson two, edited"},
		{"the old name is gone", func(t *testing.T) {}, "b/two/", 404, "Page not found"},
		{"rename a section", func(t *testing.T) {
			if err := os.Rename(filepath.Join(content, "b"), filepath.Join(content, "bee")); err != nil {
				t.Fatal(err)
			}
		}, "bee/deux/", 200, "Lesson two, edited"},
		{"edit in the renamed section", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "bee/deux.md"), lessonOne("Deux", 3))
		}, "bee/deux/", 200, "Deux"},
		{"delete a lesson", func(t *testing.T) {
			if err := os.Remove(filepath.Join(content, "a/one.md")); err != nil {
				t.Fatal(err)
			}
		}, "a/one/", 404, "Page not found"},
		{"delete a section", func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(content, "c")); err != nil {
				t.Fatal(err)
			}
		}, "c/three/", 404, "Page not found"},
		{"the course is deleted", func(t *testing.T) {
			failed := strings.Count(p.stderr.String(), " build failed")
			if err := os.RemoveAll(content); err != nil {
				t.Fatal(err)
			}
			// The build that finds no course fails, and the last good
			// site stays.
			for deadline := time.Now().Add(timeout); strings.Count(p.stderr.String(), " build failed") == failed; {
				if time.Now().After(deadline) {
					t.Fatal("no build after the course was deleted")
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond)
		}, "bee/deux/", 200, "Deux"},
		{"the course is made again", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "z/_index.md"), "---\ntitle: Z\n---\n")
			writeFile(t, filepath.Join(content, "z/new.md"), lessonOne("Made again", 3))
		}, "z/new/", 200, "Made again"},
		{"an edit in the course made again", func(t *testing.T) {
			writeFile(t, filepath.Join(content, "z/new.md"), lessonOne("Made again, edited", 3))
		}, "z/new/", 200, "Made again, edited"},
		{"the course is moved away and back", func(t *testing.T) {
			if err := os.Rename(content, content+".old"); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(content+".old", "z/new.md"), lessonOne("Moved back", 3))
			if err := os.Rename(content+".old", content); err != nil {
				t.Fatal(err)
			}
		}, "z/new/", 200, "Moved back"},
		{"a layout changes", func(t *testing.T) {
			writeFile(t, filepath.Join(course, "layouts/static/extra.css"), "body{color:red}")
		}, "extra.css", 200, "color:red"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.edit(t)
			p.settle(t, ev, tc.path, tc.status, tc.want)
		})
	}
}

// A hundred writes give a few builds, and the last one wins. By design a
// batch of changes is due 300 ms after its first change while the writes
// go on, or after 10 ms of quiet, and once after them.
func TestBurst(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		gap  time.Duration
	}{
		{"at once", 0},
		{"over half a second", 4 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			course := writeCourse(t, lessonOne("Version one", 5))
			p := start(t, course)
			ev := p.events(t, nil)
			next(t, ev)
			before := p.builds()
			one := filepath.Join(course, "content/a/one.md")
			// A busy machine may leave more time between two writes than
			// the watcher waits for quiet (10 ms); each such pause may end
			// a batch, and add a build.
			pauses := 0
			begin := time.Now()
			last := begin
			for i := range 100 {
				writeFile(t, one, lessonOne(fmt.Sprintf("Burst %d.", i), 5))
				if now := time.Now(); now.Sub(last) > 10*time.Millisecond {
					pauses++
				}
				last = time.Now()
				time.Sleep(tc.gap)
			}
			took := time.Since(begin)
			p.settle(t, ev, "a/one/", 200, "Burst 99.")
			n := p.builds() - before
			// Scheduling delays on a loaded machine blur the timing: allow
			// twice the builds the design gives.
			most := 2*int(took/(300*time.Millisecond)) + 3 + pauses
			t.Logf("100 writes in %v (%d pauses): %d builds", took.Round(time.Millisecond), pauses, n)
			if n < 1 || n > most {
				t.Errorf("100 writes in %v gave %d builds, want 1 to %d:\n%s", took, n, most, p.stdout)
			}
		})
	}
}

// A broken lesson shows its errors over the last good page; fixing it reloads.
func TestErrorsAndRecovery(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Good", 5))
	p := start(t, course)
	ev := p.events(t, nil)
	ok := next(t, ev)
	saveFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Broken", -1))
	e := next(t, ev)
	if e.name != "errors" || e.id != ok.id {
		t.Fatalf("after a broken write: %+v, want errors with id %s", e, ok.id)
	}
	var list []string
	if err := json.Unmarshal([]byte(e.data), &list); err != nil || len(list) == 0 {
		t.Fatalf("errors data %q: want a JSON array of strings (%v)", e.data, err)
	}
	if !strings.Contains(list[0], "one.md:10: ") {
		t.Errorf("errors %q, want one naming one.md:10", list)
	}
	if !strings.Contains(p.stderr.String(), "one.md:10: ") {
		t.Errorf("the terminal does not show the error:\n%s", p.stderr)
	}
	if resp, body := p.get(t, "a/one/"); resp.StatusCode != 200 || !strings.Contains(body, "Good") {
		t.Errorf("the last good page is not served: %s", resp.Status)
	}
	// A tab that connects now hears the errors.
	if e2 := next(t, p.events(t, nil)); e2 != e {
		t.Errorf("a new stream heard %+v first, want %+v", e2, e)
	}
	saveFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Fixed", 5))
	if e := next(t, ev); e.name != "reload" || e.id == ok.id {
		t.Fatalf("after the fix: %+v, want reload with a new id", e)
	}
	if _, body := p.get(t, "a/one/"); !strings.Contains(body, "Fixed") {
		t.Errorf("the fixed page is not served")
	}
	if e := next(t, p.events(t, nil)); e.name != "ok" {
		t.Errorf("a new stream heard %+v first, want ok", e)
	}
}

// A course that does not build at start shows its errors until it does.
func TestFirstBuildFails(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Broken", 0))
	p := start(t, course)
	resp, body := p.get(t, "a/one/")
	if resp.StatusCode != 500 || !strings.Contains(body, "one.md:10: ") || !strings.Contains(body, "/_descent/events") {
		t.Fatalf("before any good build: %s\n%s", resp.Status, body)
	}
	ev := p.events(t, nil)
	if e := next(t, ev); e.name != "errors" || e.id != "" {
		t.Fatalf("first event %+v, want errors with no build id", e)
	}
	saveFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Fixed", 5))
	if e := next(t, ev); e.name != "reload" {
		t.Fatalf("after the fix: %+v, want reload", e)
	}
	if resp, body := p.get(t, "a/one/"); resp.StatusCode != 200 || !strings.Contains(body, "Fixed") {
		t.Fatalf("after the fix: %s", resp.Status)
	}
}

// A tab whose page is older than the build its stream first hears reloads.
func TestStaleTab(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	p := start(t, course)
	resp, _ := p.get(t, "a/one/")
	var old string
	for _, c := range resp.Cookies() {
		if c.Name == buildCookie {
			old = c.Value
		}
	}
	if old == "" {
		t.Fatalf("no %s cookie on a page", buildCookie)
	}
	ev := p.events(t, nil)
	next(t, ev)
	saveFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Version two", 5))
	cur := next(t, ev).id
	for _, tc := range []struct {
		name   string
		header http.Header
		want   string
	}{
		{"page from an older build", http.Header{"Cookie": {buildCookie + "=" + old}}, "reload"},
		{"page from this build", http.Header{"Cookie": {buildCookie + "=" + cur}}, "ok"},
		{"no cookie", nil, "ok"},
		{"reconnecting stream", http.Header{"Cookie": {buildCookie + "=" + old}, "Last-Event-Id": {old}}, "ok"},
	} {
		if e := next(t, p.events(t, tc.header)); e.name != tc.want || e.id != cur {
			t.Errorf("%s: first event %+v, want %s with id %s", tc.name, e, tc.want, cur)
		}
	}
}

// Nothing outside the site is served, however the path is spelled, whether
// the site is in memory or in an output folder.
func TestPathEscapes(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"memory", "folder"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			course := writeCourse(t, lessonOne("Version one", 5))
			writeFile(t, filepath.Join(course, "secret.txt"), "SECRET")
			var args []string
			if where == "folder" {
				args = []string{"-out", filepath.Join(course, "out")}
			}
			pathEscapes(t, start(t, course, args...))
		})
	}
}

func pathEscapes(t *testing.T, p *preview) {
	host := strings.TrimSuffix(strings.TrimPrefix(p.url, "http://"), "/")
	for _, target := range []string{
		"/../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/a/../../secret.txt",
		"/a/%2e%2e/%2e%2e/secret.txt",
		"//../secret.txt",
		"/..\\secret.txt",
		"/../content/site.yaml",
		"/%2e%2e/content/a/one.md",
		"/../out/../secret.txt",
		"http://" + host + "/../secret.txt",
	} {
		t.Run(target, func(t *testing.T) {
			status, loc, body := rawGet(t, host, target)
			for _, leak := range []string{"SECRET", "title: Test course", "optimizer: gd"} {
				if strings.Contains(body, leak) {
					t.Fatalf("%s served a file outside the site: %d", target, status)
				}
			}
			if status/100 == 3 {
				resp, body := p.get(t, loc)
				if strings.Contains(body, "SECRET") {
					t.Fatalf("%s redirected to %s, which served the secret", target, loc)
				}
				status = resp.StatusCode
			}
			t.Logf("%s: %d %s", target, status, loc)
			if status != 404 && status != 400 {
				t.Errorf("%s: status %d, want 404 or 400", target, status)
			}
		})
	}
}

// rawGet sends target as it is, without the client cleaning it.
func rawGet(t *testing.T, host, target string) (status int, location, body string) {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// Unknown addresses get the theme's 404 page.
func TestNotFound(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	p := start(t, course)
	for _, path := range []string{"nope/", "nope", "a/nope.html", "a/one/missing.png"} {
		resp, body := p.get(t, path)
		if resp.StatusCode != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, `href="/"`) {
			t.Errorf("%s: %s, want 404 with the theme's 404 page:\n%s", path, resp.Status, body)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
	}
	if resp, _ := p.get(t, "style.css"); resp.StatusCode != 200 {
		t.Errorf("style.css: %s", resp.Status)
	}
}

func TestUnreadableLesson(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads every file")
	}
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	p := start(t, course)
	ev := p.events(t, nil)
	next(t, ev)
	one := filepath.Join(course, "content/a/one.md")
	if err := os.Chmod(one, 0); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(course, "content/a/_index.md"), "---\ntitle: A\n---\n")
	if e := next(t, ev); e.name != "errors" || !strings.Contains(e.data, "one.md") {
		t.Fatalf("%+v, want errors naming one.md", e)
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	course := writeCourse(t, lessonOne("Version one", 5))
	content := filepath.Join(course, "content")
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"unknown flag", []string{"-nope"}, 2},
		{"an argument", []string{"-content", content, "extra"}, 2},
		{"no content folder", []string{"-content", filepath.Join(course, "missing")}, 2},
		{"no layouts folder", []string{"-content", content, "-layouts", filepath.Join(course, "missing")}, 2},
		{"out swallows the course", []string{"-content", content, "-out", course}, 2},
		{"out inside the course", []string{"-content", content, "-out", filepath.Join(content, "a", "out")}, 2},
		{"out inside the layouts", []string{"-content", content, "-layouts", filepath.Join(course, "layouts"), "-out", filepath.Join(course, "layouts", "static")}, 2},
		{"out the cache", []string{"-content", content, "-cache", filepath.Join(course, "cache"), "-out", filepath.Join(course, "cache")}, 2},
		{"a bad -allow-host", []string{"-content", content, "-allow-host", "http://x/"}, 2},
		{"address in use", []string{"-content", content, "-addr", busy.Addr().String()}, 1},
		{"bad address", []string{"-content", content, "-addr", "nowhere"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			if got := run(context.Background(), tc.args, &stdout, &stderr); got != tc.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tc.want, stderr.String())
			}
			if stderr.String() == "" {
				t.Errorf("nothing on stderr")
			}
			if lines := strings.Count(strings.TrimSpace(stderr.String()), "\n") + 1; tc.want == 1 && lines != 1 {
				t.Errorf("%d lines on stderr, want the one error:\n%s", lines, stderr.String())
			}
			if strings.HasPrefix(tc.name, "out ") && !strings.Contains(stderr.String(), "and the build replaces -out as a whole") {
				t.Errorf("stderr does not say why: %s", stderr.String())
			}
		})
	}
}

func TestLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "[::1]:1313": true, "127.1.2.3:0": true,
		":1313": false, "0.0.0.0:1313": false, "[::]:1313": false, "192.168.1.2:1313": false, "example.org:80": false,
	} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// A content folder that is a link to the course is watched all the same.
func TestLinkedContent(t *testing.T) {
	t.Parallel()
	course := writeCourse(t, lessonOne("Version one", 5))
	linked := t.TempDir()
	if err := os.Symlink(filepath.Join(course, "content"), filepath.Join(linked, "content")); err != nil {
		t.Skip(err)
	}
	if err := os.Mkdir(filepath.Join(linked, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := start(t, linked)
	ev := p.events(t, nil)
	next(t, ev)
	writeFile(t, filepath.Join(course, "content/a/one.md"), lessonOne("Through the link", 5))
	p.settle(t, ev, "a/one/", 200, "Through the link")
}

// A swap's fetch names the figures the tab has: the page comes with those
// as empty stubs, the others whole; without the header, whole.
func TestStubbedPage(t *testing.T) {
	t.Parallel()
	p := start(t, writeCourse(t, lessonOne("Marker.", 5)))
	_, full := p.get(t, "a/one/")
	digest := regexp.MustCompile(`<figure data-digest="([0-9a-f-]+)"`).FindStringSubmatch(full)
	if digest == nil {
		t.Fatalf("no figure with a digest on the page:\n%s", full)
	}
	fetch := func(keep string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", p.url+"a/one/", nil)
		req.Header.Set(keepHeader, keep)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, stubbed := fetch("0badf00d-1 " + digest[1])
	stub := `<figure data-digest="` + digest[1] + `" data-descent-stub></figure>`
	if !strings.Contains(stubbed, stub) || strings.Contains(stubbed, "<svg") || !strings.Contains(stubbed, "Marker.") {
		t.Errorf("with the figure's digest: want the page with %s and no SVG, got %d bytes (whole: %d)", stub, len(stubbed), len(full))
	}
	if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Content-Type %q, Cache-Control %q", got, resp.Header.Get("Cache-Control"))
	}
	if _, other := fetch("0badf00d-1"); other != full {
		t.Errorf("with another digest: want the whole page")
	}
}
