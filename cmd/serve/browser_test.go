//go:build browser

// The browser test drives Debian's Chromium over the DevTools protocol:
//
//	go test -tags browser -run Browser -v ./cmd/serve
//
// Set CHROMIUM to use another browser binary.
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// A change to a lesson shows in an open tab within 100 ms (the median of
// 10), swapped in place.
//
// The tests run Go for bench/gencourse.
func TestBrowserReload(t *testing.T) {
	course := writeCourse(t, lessonOne("Marker 0.", 5))
	one := filepath.Join(course, "content/a/one.md")
	begin := time.Now()
	p := start(t, course)
	first := time.Since(begin)
	t.Logf("first build: %v", first.Round(time.Millisecond))
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"a/one/")); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.body.innerText.includes("Marker 0.") && document.querySelector("figure.landscape-live") !== null`)
	// A lesson's edit swaps the page's content in place: the tab is not
	// reloaded (the mark stays), and the new figure is set up again.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.descentMark = true`)); err != nil {
		t.Fatal(err)
	}

	reloads(t, ctx, within(100*time.Millisecond, first, 2), func(i int) {
		writeFile(t, one, lessonOne(fmt.Sprintf("Marker %d.", i), 5))
	})
	shows(t, ctx, `window.descentMark === true && document.querySelector("figure.landscape-live") !== null`)

	// A broken save shows the errors over the page; the fix removes them.
	writeFile(t, one, lessonOne("Broken.", -1))
	shows(t, ctx, `(document.getElementById("descent-errors") || {innerText: ""}).innerText.includes("one.md:10:")`)
	shows(t, ctx, `document.body.innerText.includes("Marker 20.")`)
	writeFile(t, one, lessonOne("Fixed.", 5))
	shows(t, ctx, `document.body.innerText.includes("Fixed.") && !document.getElementById("descent-errors")`)
}

// An edit to one lesson of a 1,000-lesson course (bench/gencourse: 2,000
// figures) shows as fast: the preview rebuilds only what changed.
func TestBrowserReloadLargeCourse(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and builds a 1,000-lesson course")
	}
	course := t.TempDir()
	gen := exec.Command("go", "run", "../../bench/gencourse", "-n", "1000", "-out", filepath.Join(course, "content"))
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gencourse: %v\n%s", err, out)
	}
	if err := os.Mkdir(filepath.Join(course, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	lessonFile := filepath.Join(course, "content/section-05/lesson-00421.md")
	original, err := os.ReadFile(lessonFile)
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	p := startWithin(t, 5*time.Minute, course)
	first := time.Since(begin)
	t.Logf("first build: %v", first.Round(time.Millisecond))
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"section-05/lesson-00421/")); err != nil {
		t.Fatal(err)
	}
	shows(t, ctx, `document.body.innerText.includes("Lesson 421")`)
	reloads(t, ctx, within(300*time.Millisecond, first, 0.125), func(i int) {
		// After the front matter, so the text starts with the marker.
		front, body, _ := strings.Cut(string(original), "\n---\n")
		writeFile(t, lessonFile, fmt.Sprintf("%s\n---\n\nMarker %d.\n%s", front, i, body))
	})
}

// within is the limit on an edit's latency: limit, or more on a machine
// slower than this test was tuned on, measured by the course's first
// build in the same run (a peer, not a clock): share of it. A preview
// that rebuilt the whole course would take about the first build, and
// still fail. The 1,000 lessons' first build took 3.2 s where an edit
// took 129 ms (the median), and 5.3 s in a .ci/run where it took 308 ms;
// the one-lesson course's 32 ms where an edit took 46 ms.
func within(limit, first time.Duration, share float64) time.Duration {
	return max(limit, time.Duration(float64(first)*share))
}

// reloads saves a page's source ten times with save(i), which must put
// "Marker i." on the page, and checks that the open tab shows each within
// limit (the median).
//
// The time an edit shows is when the first frame after the marker is in
// the page has been drawn: a MutationObserver in the tab sees it come,
// and the task after the next animation frame's callbacks, which run
// before that frame's style, layout and paint, takes the time. (Until the
// tenth session the time was taken in the callback itself, before the
// frame was drawn: 20 ms early on the 1,000 lessons' page.) The test only
// asks for that time, cheaply. Asking the tab for document.body.innerText every 2 ms instead,
// as this test did until the ninth session, lays the whole page out on
// its main thread each time, the thread that also fetches, parses and
// swaps in the new page: on the 1,000 lessons' page (its list of every
// lesson) that slowed the swap it measured. Ten more saves are measured
// that way and logged, not held to the limit, for comparison.
func reloads(t *testing.T, ctx context.Context, limit time.Duration, save func(i int)) {
	t.Helper()
	var times, polled []time.Duration
	for i := 1; i <= 20; i++ {
		time.Sleep(250 * time.Millisecond) // a reader between two saves
		marker := fmt.Sprintf("Marker %d.", i)
		if i > 10 {
			begin := time.Now()
			save(i)
			shows(t, ctx, fmt.Sprintf(`document.body.innerText.includes(%q)`, marker))
			polled = append(polled, time.Since(begin))
			continue
		}
		watch := fmt.Sprintf(`(() => {
			window.descentShown = 0;
			const seen = () => { const m = document.getElementById("main"); return m && m.textContent.includes(%q); };
			const o = new MutationObserver(() => {
				if (!seen()) return;
				o.disconnect();
				// A frame's callbacks run before its style, layout and
				// paint: the task after them runs once the frame that
				// shows the marker is drawn.
				requestAnimationFrame(() => {
					const c = new MessageChannel();
					c.port1.onmessage = () => { window.descentShown = performance.timeOrigin + performance.now(); };
					c.port2.postMessage(0);
				});
			});
			o.observe(document, {childList: true, subtree: true, characterData: true});
			return true;
		})()`, marker)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](watch)); err != nil {
			t.Fatal(err)
		}
		begin := time.Now()
		save(i)
		times = append(times, shown(t, ctx, marker).Sub(begin))
	}
	report := func(what string, times []time.Duration) time.Duration {
		slices.Sort(times)
		median := (times[4] + times[5]) / 2
		t.Logf("%s, 10 saves: median %v, min %v, max %v; all %v", what, median.Round(time.Millisecond),
			times[0].Round(time.Millisecond), times[9].Round(time.Millisecond), times)
		return median
	}
	median := report("write to DOM", times)
	report("write to DOM polling innerText (as before the ninth session)", polled)
	if median > limit {
		t.Errorf("median %v, want under %v", median, limit)
	}
}

// shown waits for the frame that first shows marker and returns its
// time, taken in the tab (the same clock as Go's here). A tab that
// reloaded instead of swapping has lost the observer: then the time is
// when the test saw the marker.
func shown(t *testing.T, ctx context.Context, marker string) time.Time {
	t.Helper()
	expr := fmt.Sprintf(`window.descentShown || ((document.getElementById("main") || {textContent: ""}).textContent.includes(%q) && !("descentShown" in window) ? -1 : 0)`, marker)
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr)); err == nil && ms != 0 {
			if ms < 0 {
				return time.Now()
			}
			return time.UnixMicro(int64(ms * 1000))
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("the tab never showed %s", marker)
	return time.Time{}
}

// shows waits until the tab's expression is true.
func shows(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		// Between pages the expression fails; try again.
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.body && (`+expr+`)`)); err == nil && ok {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("the tab never showed %s", expr)
}

var devtools = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// browser starts a headless Chromium and returns a tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		bin = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(bin); err != nil {
		t.Skipf("no browser: %v", err)
	}
	// Not t.TempDir: Chromium's helpers may still write there as it exits.
	profile, err := os.MkdirTemp("", "descent-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--remote-debugging-port=0", "--user-data-dir="+profile, "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	ws := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := devtools.FindStringSubmatch(sc.Text()); m != nil {
				ws <- m[1]
			}
		}
	}()
	var url string
	select {
	case url = <-ws:
	case <-time.After(timeout):
		t.Fatal("Chromium did not print its DevTools address")
	}
	alloc, cancelAlloc := remote.NewAllocator(context.Background(), url)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	return ctx
}
