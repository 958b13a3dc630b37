package main

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A stream that falls behind is dropped; the others go on.
func TestHubDropsSlowClient(t *testing.T) {
	t.Parallel()
	h := newHub()
	req := httptest.NewRequest("GET", "/_descent/events", nil)
	slow, _ := h.subscribe(req)
	fast, _ := h.subscribe(req)
	for i := range clientBuffer + 1 {
		e := event{name: "reload", id: string(rune('a' + i)), data: "{}"}
		h.publish(e, e)
		<-fast
	}
	n := 0
	for range slow {
		n++
	}
	if n != clientBuffer {
		t.Errorf("the slow stream got %d events before it was dropped, want %d", n, clientBuffer)
	}
	if len(h.clients) != 1 || !h.clients[fast] {
		t.Errorf("clients after the drop: %d, want the fast one", len(h.clients))
	}
	h.unsubscribe(slow) // a dropped stream's handler still unsubscribes
	h.close()
	if _, ok := <-fast; ok {
		t.Errorf("close left a stream open")
	}
	if ch, _ := h.subscribe(req); ch != nil {
		t.Errorf("a closed hub took a new stream")
	}
}

// A stream lives past the server's write timeout, with heartbeats.
func TestHubHeartbeatOutlivesWriteTimeout(t *testing.T) {
	t.Parallel()
	h := newHub()
	h.heartbeat = 20 * time.Millisecond
	h.publish(event{name: "ok", id: "s-1", data: "{}"}, event{})
	srv := httptest.NewUnstartedServer(h)
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	defer srv.Close()
	defer h.close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q", got)
	}
	sc := bufio.NewScanner(resp.Body)
	var lines []string
	start := time.Now()
	for time.Since(start) < 300*time.Millisecond && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if time.Since(start) < 300*time.Millisecond {
		t.Fatalf("the stream ended after %v: %q (%v)", time.Since(start), lines, sc.Err())
	}
	got := strings.Join(lines, "\n")
	if !strings.HasPrefix(got, "retry: 500\n\nid: s-1\nevent: ok\ndata: {}\n\n: ping") {
		t.Errorf("stream:\n%s", got)
	}
}
