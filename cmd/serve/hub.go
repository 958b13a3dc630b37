package main

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// The event stream that layouts/static/reload.js listens to, at
// /_descent/events. Every message carries as its id the build whose pages
// are served: this process's session and its count of good builds,
// "mwunrma6-4"; empty before the first good build.
//
//	event: reload   after a good build, once its pages are in place
//	event: errors   after a failed build; data is a JSON array of
//	                "FILE:LINE: key: message" strings
//	event: ok       on connect, when the last build was good
//
// A stream opens with "retry: 500" and the current state (ok, or the
// errors), so a tab whose stream reconnects to a restarted server sees
// another id and reloads, and one that opens during a failure shows the
// errors. A page loaded just before a build finished whose stream opens
// just after would miss that reload and never know: each page's response
// sets the cookie descent_build to its build, and a stream opened afresh
// (no Last-Event-ID) by a page of an older build hears reload at once.
// A comment line goes out every 15 s, so idle connections stay open.

// event is one Server-Sent Event.
type event struct {
	name, id, data string
}

func (e event) String() string {
	return fmt.Sprintf("id: %s\nevent: %s\ndata: %s\n\n", e.id, e.name, e.data)
}

// buildCookie names the cookie holding the build id a page was served from.
const buildCookie = "descent_build"

// hub sends build events to every open event stream. Each stream is served
// by its own goroutine (its request's); a stream that falls behind by more
// than clientBuffer events is dropped, and its browser reconnects.
type hub struct {
	heartbeat time.Duration // a comment line this often keeps proxies and tabs from timing out

	mu      sync.Mutex
	state   event // what a new stream hears first
	clients map[chan event]bool
	closed  bool
}

const (
	clientBuffer = 8                // events a stream may fall behind by
	writeWait    = 10 * time.Second // for one event to reach a tab
)

func newHub() *hub {
	return &hub{heartbeat: 15 * time.Second, clients: map[chan event]bool{}}
}

// publish makes state the current state and sends e to every stream.
func (h *hub) publish(state, e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = state
	for ch := range h.clients {
		select {
		case ch <- e:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// subscribe registers a stream and says what it hears first; it returns a
// nil channel once the hub is closed.
func (h *hub) subscribe(r *http.Request) (chan event, event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, event{}
	}
	ch := make(chan event, clientBuffer)
	h.clients[ch] = true
	first := h.state
	if r.Header.Get("Last-Event-ID") == "" && h.state.id != "" {
		if c, err := r.Cookie(buildCookie); err == nil && c.Value != h.state.id {
			first = event{name: "reload", id: h.state.id, data: "{}"}
		}
	}
	return ch, first
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[ch] {
		delete(h.clients, ch)
		close(ch)
	}
}

// close ends every stream and refuses new ones, so the server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Type", "text/event-stream")
		return
	}
	ch, first := h.subscribe(r)
	if ch == nil {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(ch)
	// The stream outlives the server's WriteTimeout: clear it, and give
	// each write a deadline of its own, so that a tab that stopped reading
	// does not hold its goroutine for ever.
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(writeWait))
		if _, err := io.WriteString(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	hello := "retry: 500\n\n"
	if first.name != "" {
		hello += first.String()
	}
	if !send(hello) {
		return
	}
	tick := time.NewTicker(h.heartbeat)
	defer tick.Stop()
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				return
			}
			if !send(e.String()) {
				return
			}
		case <-tick.C:
			if !send(": ping\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}
