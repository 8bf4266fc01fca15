package gust

import (
	"net/url"
	"strings"
)

// target is a request path resolved against the session's host: its URL,
// its default name in the statistics (the request URI), and what the fast
// client needs to reach it. A session keeps the last one, so a user that
// requests the same path again and again resolves it once.
type target struct {
	path string   // as the task gave it
	url  *url.URL // absolute; shared by the requests to path, never changed
	name string   // the request URI: path and query
	addr string   // host:port to dial
	tls  bool     // https
}

// resolve returns the target of path, relative to the host or absolute.
func (s *Session) resolve(path string) (*target, error) {
	if t := s.last; t != nil && t.path == path {
		return t, nil
	}
	u, err := s.absolute(path)
	if err != nil {
		return nil, err
	}
	t := &target{path: path, url: u, name: u.RequestURI(), addr: hostPort(u), tls: u.Scheme == "https"}
	s.last = t
	return t, nil
}

func (s *Session) absolute(path string) (*url.URL, error) {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return url.Parse(path)
	}
	if s.host == nil {
		return nil, ErrNoHost
	}
	ref, err := url.Parse(path)
	if err != nil {
		return nil, err
	}
	return s.host.ResolveReference(ref), nil
}

// hostPort is u's host with the scheme's default port when it has none.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return u.Host + ":443"
	}
	return u.Host + ":80"
}
