package main

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hostGuard answers only requests addressed to this machine by a name the
// preview knows: a loopback address, localhost, the host of -addr, or one
// named with -allow-host. A page on another site that points its own name
// at 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused,
// so it can read neither the preview nor its error stream. The event
// stream also refuses a request whose Origin is another site's.
type hostGuard struct {
	allowed map[string]bool // lower-case host names, without port
	next    http.Handler
}

// newHostGuard allows loopback hosts, addrHost (unless it is a wildcard
// such as 0.0.0.0) and extra.
func newHostGuard(addrHost string, extra []string, next http.Handler) *hostGuard {
	g := &hostGuard{allowed: map[string]bool{"localhost": true}, next: next}
	for _, h := range append([]string{addrHost}, extra...) {
		h = strings.ToLower(strings.Trim(strings.TrimSpace(h), "[]"))
		if ip := net.ParseIP(h); h == "" || ip != nil && ip.IsUnspecified() {
			continue
		}
		g.allowed[h] = true
	}
	return g
}

// allows reports whether hostport (a Host header or an Origin's host)
// names this preview.
func (g *hostGuard) allows(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if g.allowed[host] || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (g *hostGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.allows(r.Host) {
		http.Error(w, "serve: this preview answers only to localhost, 127.0.0.1 and the -addr host; start serve with -allow-host "+sanitizeHost(r.Host)+" to allow this name", http.StatusMisdirectedRequest)
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" && strings.HasPrefix(r.URL.Path, "/_descent/") {
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !g.allows(u.Host) {
			http.Error(w, "serve: the event stream answers only the preview's own pages", http.StatusForbidden)
			return
		}
	}
	g.next.ServeHTTP(w, r)
}

// sanitizeHost keeps a Host header fit to echo in a plain-text answer.
func sanitizeHost(h string) string {
	if h == "" || strings.ContainsFunc(h, func(r rune) bool {
		return !(r == '.' || r == '-' || r == ':' || r == '[' || r == ']' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) {
		return "NAME"
	}
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	if h = strings.Trim(h, "[]"); h == "" {
		return "NAME"
	}
	return h
}
