package gust

import (
	"net/url"

	"github.com/gustload/gust/internal/config"
)

// urlUser is the built-in user of URL mode: every round it requests one of
// the URLs, picked by weight, and does not wait. It uses the FastHTTP
// client: plain HTTP/1.1 requests are all URL mode makes (over TLS for
// https URLs, whose certificates --insecure-skip-tls-verify stops
// verifying, as for every kind: see buildKinds).
func urlUser(urls []config.URL) User {
	u := User{Name: "URLUser", Client: FastHTTP}
	for _, target := range urls {
		name := target.Raw
		if p, err := url.Parse(target.Raw); err == nil {
			name = p.RequestURI()
		}
		raw := target.Raw
		u.Tasks = append(u.Tasks, Task{Name: name, Weight: target.Weight, Run: func(s *Session) {
			s.Get(raw)
		}})
	}
	return u
}
