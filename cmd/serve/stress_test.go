package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStress holds 200 reload connections open while an author saves 1,000
// times, deletes files in the middle of builds and leaves a symlink loop in
// the course. The server must stay up, every connection must hear the final
// reload, and the last state must be what is served.
func TestStress(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test")
	}
	course := writeCourse(t, lessonOne("Start", 5))
	// A symlink loop: content/loop points at its own folder.
	if err := os.Symlink(filepath.Join(course, "content"), filepath.Join(course, "content", "loop")); err != nil {
		t.Fatal(err)
	}
	p := start(t, course)
	// Browsers limit HTTP/1.1 connections per host; a test client need not.
	http.DefaultTransport.(*http.Transport).MaxConnsPerHost = 0
	const conns = 200
	streams := make([]<-chan event, conns)
	for i := range streams {
		streams[i] = p.events(t, nil)
	}
	for _, ch := range streams {
		next(t, ch) // the state on connect
	}
	one := filepath.Join(course, "content/a/one.md")
	extra := filepath.Join(course, "content/a/extra.md")
	begin := time.Now()
	for i := range 1000 {
		saveFile(t, one, lessonOne(fmt.Sprintf("Save %d.", i), 5))
		switch i % 50 {
		case 10:
			writeFile(t, extra, "---\ntitle: Extra\n---\nExtra lesson.\n")
		case 11:
			os.Remove(extra) // deleted while a build may be reading it
		}
	}
	saves := time.Since(begin)
	watcher := p.events(t, nil) // settle reads this one, not the 200
	p.settle(t, watcher, "a/one/", 200, "Save 999.")
	// Every stream still open hears a reload for the final build. The server
	// may drop slow streams (their browsers reconnect); count those that stay.
	time.Sleep(500 * time.Millisecond) // let the last events arrive
	alive, reloaded := 0, 0
	for _, ch := range streams {
		got, open := false, true
	drain:
		for {
			select {
			case e, ok := <-ch:
				if !ok {
					open = false
					break drain
				}
				if e.name == "reload" {
					got = true
				}
			default:
				break drain
			}
		}
		if open {
			alive++
		}
		if got {
			reloaded++
		}
	}
	resp, _ := p.get(t, "")
	if resp.StatusCode != 200 {
		t.Errorf("home page: %s", resp.Status)
	}
	if alive < conns/2 || reloaded < alive {
		t.Errorf("%d of %d streams still open, %d heard a reload", alive, conns, reloaded)
	}
	t.Logf("1,000 saves in %v with %d connections: %d builds; %d streams open at the end, %d reloaded",
		saves.Round(time.Millisecond), conns, p.builds(), alive, reloaded)
}
