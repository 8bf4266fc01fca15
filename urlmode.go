package gust

import (
	"bytes"
	"net/http"
	"net/url"

	"github.com/gustload/gust/internal/config"
)

// urlUser is the built-in user of URL mode: every round it requests one of
// the URLs, picked by weight, and does not wait. Every request has the
// method, headers and body of --method, --header and --body (GET with none
// by default). It uses the FastHTTP client: plain HTTP/1.1 requests are
// all URL mode makes (over TLS for https URLs, whose certificates
// --insecure-skip-tls-verify stops verifying, as for every kind: see
// buildKinds).
func urlUser(opts *config.Options) User {
	u := User{Name: "URLUser", Client: FastHTTP}
	send := urlRequest(opts)
	for _, target := range opts.URLs {
		name := target.Raw
		if p, err := url.Parse(target.Raw); err == nil {
			name = p.RequestURI()
		}
		raw := target.Raw
		u.Tasks = append(u.Tasks, Task{Name: name, Weight: target.Weight, Run: func(s *Session) { send(s, raw) }})
	}
	return u
}

// urlRequest returns what URL mode does with one URL, the options made
// once for every request.
func urlRequest(opts *config.Options) func(s *Session, url string) {
	method := opts.Method
	if method == "" {
		method = http.MethodGet
	}
	var ropts []Option
	for _, h := range opts.Headers {
		ropts = append(ropts, Header(h.Name, h.Value))
	}
	if opts.Body == nil {
		return func(s *Session, url string) { s.Request(method, url, nil, ropts...) }
	}
	body := opts.Body
	return func(s *Session, url string) { s.Request(method, url, bytes.NewReader(body), ropts...) }
}
