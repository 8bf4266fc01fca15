package cli

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gustload/gust/internal/config"
)

// URLMode is what the built-in user of URL mode requests: every round one
// of URLs, picked by weight, with the method, headers and body of
// --method, --header and --body (GET with none by default), then it waits
// as --wait says (by default not at all). The root package makes that user (Program.URLKind) with the
// FastHTTP client: plain HTTP/1.1 requests are all URL mode makes (over TLS
// for https URLs, whose certificates --insecure-skip-tls-verify stops
// verifying, as for every kind: see buildKinds); with --http2 (HTTP2) it
// uses the HTTP/2 client instead.
type URLMode struct {
	Method  string
	Headers []config.Header
	Body    []byte // nil: no body
	HTTP2   bool   // --http2: over HTTP/2 (h2 over TLS, h2c in cleartext)
	URLs    []URLTarget
	Wait    config.WaitRange // after each request; zero: no wait
}

// URLTarget is one URL of URL mode.
type URLTarget struct {
	URL    string // as given
	Name   string // its request URI, the task's name
	Weight int
}

// urlMode is what the options ask URL mode to request.
func urlMode(opts *config.Options) URLMode {
	m := URLMode{Method: opts.Method, Headers: opts.Headers, Body: opts.Body, HTTP2: opts.HTTP2, Wait: opts.Wait}
	if m.Method == "" {
		m.Method = http.MethodGet
	}
	for _, target := range opts.URLs {
		name := target.Raw
		if p, err := url.Parse(target.Raw); err == nil {
			name = p.RequestURI()
		}
		m.URLs = append(m.URLs, URLTarget{URL: target.Raw, Name: name, Weight: target.Weight})
	}
	return m
}

// urlsAsGiven are the URLs of URL mode as the command line gave them
// ("URL@N" with a weight), for the web UI's start form.
func urlsAsGiven(urls []config.URL) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = u.Raw
		if u.Weight != 1 {
			out[i] += "@" + strconv.Itoa(u.Weight)
		}
	}
	return out
}
