package client

import (
	"net/url"
	"strings"
)

// A Target is a request path resolved against the session's host: its URL,
// its default name in the statistics (the request URI), and what a client
// needs to reach it. A session keeps the last one (see Targets), so a user
// that requests the same path again and again resolves it once.
type Target struct {
	Path string   // as the task gave it
	URL  *url.URL // absolute; shared by the requests to Path, never changed
	Name string   // the request URI: path and query
	Addr string   // host:port to dial
	TLS  bool     // https
}

// NewTarget is the target of an absolute http(s) URL.
func NewTarget(u *url.URL) *Target {
	return &Target{URL: u, Name: u.RequestURI(), Addr: HostPort(u), TLS: u.Scheme == "https"}
}

// Targets resolves a session's request paths against its host, keeping the
// last one resolved.
type Targets struct {
	Host *url.URL // nil: only absolute URLs can be requested
	last *Target
}

// Resolve returns the target of path, relative to the host or absolute.
func (ts *Targets) Resolve(path string) (*Target, error) {
	if t := ts.last; t != nil && t.Path == path {
		return t, nil
	}
	u, err := ts.absolute(path)
	if err != nil {
		return nil, err
	}
	t := NewTarget(u)
	t.Path = path
	ts.last = t
	return t, nil
}

func (ts *Targets) absolute(path string) (*url.URL, error) {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return url.Parse(path)
	}
	if ts.Host == nil {
		return nil, ErrNoHost
	}
	ref, err := url.Parse(path)
	if err != nil {
		return nil, err
	}
	return ts.Host.ResolveReference(ref), nil
}

// HostPort is u's host with the scheme's default port when it has none.
func HostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return u.Host + ":443"
	}
	return u.Host + ":80"
}
