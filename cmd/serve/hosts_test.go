package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestHostGuard: DNS rebinding (issue #20) — the preview answers only to
// the names of this machine, and its event stream only to its own pages.
func TestHostGuard(t *testing.T) {
	t.Parallel()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("site")) })
	tests := []struct {
		name, addrHost string
		extra          []string
		host, path     string
		origin         string
		want           int
	}{
		{"loopback", "127.0.0.1", nil, "127.0.0.1:1313", "/", "", 200},
		{"localhost", "127.0.0.1", nil, "localhost:1313", "/", "", 200},
		{"localhost in capitals", "127.0.0.1", nil, "LOCALHOST:1313", "/", "", 200},
		{"a localhost subdomain", "127.0.0.1", nil, "course.localhost:1313", "/", "", 200},
		{"IPv6 loopback", "::1", nil, "[::1]:1313", "/", "", 200},
		{"another loopback", "127.0.0.1", nil, "127.0.0.2:1313", "/", "", 200},
		{"without a port", "127.0.0.1", nil, "127.0.0.1", "/", "", 200},
		{"rebound name", "127.0.0.1", nil, "evil.example:1313", "/", "", 421},
		{"rebound name, events", "127.0.0.1", nil, "evil.example:1313", "/_descent/events", "", 421},
		{"a name ending like loopback", "127.0.0.1", nil, "127.0.0.1.nip.io:1313", "/", "", 421},
		{"localhost as a prefix", "127.0.0.1", nil, "localhost.evil.example", "/", "", 421},
		{"empty host", "127.0.0.1", nil, "", "/", "", 421},
		{"the wildcard as a name", "0.0.0.0", nil, "0.0.0.0:1313", "/", "", 421},
		{"the -addr host", "192.168.1.5", nil, "192.168.1.5:1313", "/", "", 200},
		{"another LAN address", "192.168.1.5", nil, "192.168.1.6:1313", "/", "", 421},
		{"an -allow-host name", "0.0.0.0", []string{"mybox"}, "mybox:1313", "/", "", 200},
		{"events from the preview", "127.0.0.1", nil, "127.0.0.1:1313", "/_descent/events", "http://127.0.0.1:1313", 200},
		{"events from localhost", "127.0.0.1", nil, "localhost:1313", "/_descent/events", "http://localhost:1313", 200},
		{"events from another site", "127.0.0.1", nil, "127.0.0.1:1313", "/_descent/events", "https://evil.example", 403},
		{"events from an opaque origin", "127.0.0.1", nil, "127.0.0.1:1313", "/_descent/events", "null", 403},
		{"events from a file", "127.0.0.1", nil, "127.0.0.1:1313", "/_descent/events", "file://", 403},
		{"a page fetched from another site", "127.0.0.1", nil, "127.0.0.1:1313", "/index.html", "https://evil.example", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newHostGuard(tt.addrHost, tt.extra, ok)
			r := httptest.NewRequest("GET", "http://x"+tt.path, nil)
			r.Host = tt.host
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			w := httptest.NewRecorder()
			g.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Errorf("Host %q Origin %q: status %d, want %d (%s)", tt.host, tt.origin, w.Code, tt.want, w.Body)
			}
		})
	}
}

func TestHostGuardMessage(t *testing.T) {
	g := newHostGuard("127.0.0.1", nil, http.NotFoundHandler())
	for host, want := range map[string]string{
		"evil.example:1313":   "serve: this preview answers only to localhost, 127.0.0.1 and the -addr host; start serve with -allow-host evil.example to allow this name\n",
		"ev<il>.example:1313": "serve: this preview answers only to localhost, 127.0.0.1 and the -addr host; start serve with -allow-host NAME to allow this name\n",
		"evil.example":        "serve: this preview answers only to localhost, 127.0.0.1 and the -addr host; start serve with -allow-host evil.example to allow this name\n",
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if w.Body.String() != want {
			t.Errorf("Host %q: got %q, want %q", host, w.Body.String(), want)
		}
	}
}
