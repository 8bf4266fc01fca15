package gust

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/stats"
)

// An Option changes one request: its name in the statistics, its headers or
// how its success is judged.
type Option func(*request)

// request is what the options of one request say, and what the client
// sends. A session reuses one.
type request struct {
	name  string
	check func(*Response) error
	out   client.Request // its Header is the options' headers
}

// Name groups the request under name in the statistics instead of its URL
// path, e.g. Name("/item?id=[id]") for a hundred different item URLs.
func Name(name string) Option { return func(r *request) { r.name = name } }

// Header sets a request header.
func Header(key, value string) Option {
	return func(r *request) { r.out.Header = append(r.out.Header, key, value) }
}

// Check decides whether the request succeeded, like Locust's catch_response:
// fn sees the response (with Err already set by the default rule: transport
// error, timeout or status >= 400) and returns the error that marks it failed,
// or nil to count it as a success, whatever the status.
func Check(fn func(r *Response) error) Option { return func(r *request) { r.check = fn } }

// Get requests path (relative to the host, or an absolute URL).
func (s *Session) Get(path string, opts ...Option) *Response {
	return s.request(http.MethodGet, path, nil, "", opts)
}

// Head requests path with the HEAD method.
func (s *Session) Head(path string, opts ...Option) *Response {
	return s.request(http.MethodHead, path, nil, "", opts)
}

// Delete requests path with the DELETE method.
func (s *Session) Delete(path string, opts ...Option) *Response {
	return s.request(http.MethodDelete, path, nil, "", opts)
}

// Post sends body to path with the given content type.
func (s *Session) Post(path, contentType string, body io.Reader, opts ...Option) *Response {
	return s.request(http.MethodPost, path, body, contentType, opts)
}

// Put sends body to path with the PUT method and the given content type.
func (s *Session) Put(path, contentType string, body io.Reader, opts ...Option) *Response {
	return s.request(http.MethodPut, path, body, contentType, opts)
}

// PostForm posts URL-encoded form values to path.
func (s *Session) PostForm(path string, data url.Values, opts ...Option) *Response {
	return s.Post(path, "application/x-www-form-urlencoded", strings.NewReader(data.Encode()), opts...)
}

// PostJSON posts v encoded as JSON to path.
func (s *Session) PostJSON(path string, v any, opts ...Option) *Response {
	b, err := json.Marshal(v)
	if err != nil {
		return &Response{Err: fmt.Errorf("gust: encoding JSON body: %w", err)}
	}
	return s.Post(path, "application/json", bytes.NewReader(b), opts...)
}

// Request makes an HTTP request with any method, times it and records it.
func (s *Session) Request(method, path string, body io.Reader, opts ...Option) *Response {
	return s.request(method, path, body, "", opts)
}

// Do sends a request built by the caller, times it and records it. Its
// context is replaced by the session's.
func (s *Session) Do(req *http.Request, opts ...Option) *Response {
	r := s.options(req.URL.RequestURI(), "", opts)
	r.out.HTTP = req
	w := s.waits.Begin(client.HostPort(req.URL))
	out := s.client().Do(s.ctx, &r.out)
	r.out.HTTP = nil
	return s.finish(req.Method, r, out, w)
}

// request resolves path, sends the request with the user's client, judges
// the response and records it.
func (s *Session) request(method, path string, body io.Reader, contentType string, opts []Option) *Response {
	t, err := s.targets.Resolve(path)
	if err != nil {
		return s.fail(method, path, err)
	}
	r := s.options(t.Name, contentType, opts)
	r.out.Method, r.out.Target, r.out.Body = method, t, body
	w := s.waits.Begin(t.Addr)
	out := s.client().Do(s.ctx, &r.out)
	r.out.Body = nil // keep no hold on the caller's reader
	return s.finish(method, r, out, w)
}

// options applies opts to the session's request, named name by default.
func (s *Session) options(name, contentType string, opts []Option) *request {
	r := &s.req
	r.name, r.check, r.out.Header = name, nil, r.out.Header[:0]
	if contentType != "" {
		r.out.Header = append(r.out.Header, "Content-Type", contentType)
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// finish makes the Response of what the client returned, applies the
// request's Check and records it, with the set-up of the connection it
// opened, if any. A request that the end of the test cut short (it failed
// once the user's context had ended) is counted as interrupted, in the
// phase it was in, not as a failure of the target.
func (s *Session) finish(method string, r *request, out client.Response, w stats.Wait) *Response {
	resp := &Response{StatusCode: out.StatusCode, Status: out.Status, Proto: out.Proto, Header: out.Header, Body: out.Body,
		Duration: out.Duration, Err: out.Err, Size: out.Size, Truncated: out.Cut}
	s.recordSetup(out.Connect)
	if out.Err != nil && s.ctx.Err() != nil {
		w.Cut(cmp.Or(out.Phase, client.PhaseResponse))
		s.record(stats.Sample{Method: method, Name: r.name, Interrupted: true})
		return resp
	}
	w.DoneAt(out.End)
	if r.check != nil {
		resp.Err = r.check(resp)
	}
	s.recordHTTP(method, r.name, resp, out.End, out.Err == nil || out.Phase != client.PhaseConnect)
	return resp
}

// recordSetup records the set-up of a new connection apart from the
// requests (see stats.Sample.Setup): a CONNECT row per host for the dial,
// and a TLS row for the handshake of an https connection.
func (s *Session) recordSetup(c client.Connect) {
	if c.Addr == "" {
		return
	}
	s.rec.Record(s.id, stats.Sample{Method: stats.MethodConnect, Name: c.Addr, Duration: c.Dial})
	if c.TLS {
		s.rec.Record(s.id, stats.Sample{Method: stats.MethodTLS, Name: c.Addr, Duration: c.Handshake})
	}
}

// recordHTTP records the response r to a request, which ended at end
// (zero: unknown). Its size is the body's as it arrived, kept or not. A
// request that never went out (no connection could be opened, no host was
// known) is not timed: it counts, and fails, without a response time, as
// Locust's None, instead of as a response of 0 ms.
func (s *Session) recordHTTP(method, name string, r *Response, end time.Time, sent bool) {
	sample := stats.Sample{Method: method, Name: name, Duration: r.Duration, Size: max(r.Size, int64(len(r.Body))), End: end,
		NoTime: !sent}
	if r.Err != nil {
		sample.Err = r.Err.Error()
	}
	s.record(sample)
}

func (s *Session) fail(method, name string, err error) *Response {
	r := &Response{Err: err}
	s.recordHTTP(method, name, r, time.Time{}, false)
	return r
}
