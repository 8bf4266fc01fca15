package gust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// DefaultTimeout bounds an HTTP request when the User sets no Timeout.
const DefaultTimeout = 60 * time.Second

// A Response is the outcome of one HTTP request made through a Session.
type Response struct {
	StatusCode int         // 0 when no response arrived
	Status     string      // e.g. "200 OK"
	Header     http.Header // response headers (with FastHTTP, valid until the session's next request)
	Body       []byte      // the whole body; valid until the session's next request
	// Duration runs from when the request was written to the connection
	// (after any wait for a connection or a dial) until the body was read:
	// the server's time, not the time the user spent waiting to run.
	Duration time.Duration
	// Err is why the request counts as failed (a transport error, a timeout,
	// a status of 400 or above, or what a Check returned); nil on success.
	Err error
}

// OK reports whether the request succeeded.
func (r *Response) OK() bool { return r.Err == nil }

// Text returns the body as a string (a copy, valid after the next request).
func (r *Response) Text() string { return string(r.Body) }

// JSON decodes the body into v.
func (r *Response) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// An Option changes one request: its name in the statistics, its headers or
// how its success is judged.
type Option func(*request)

// request is what the options of one request say. A session reuses one.
type request struct {
	name    string
	check   func(*Response) error
	headers []string // key, value, key, value...
}

// Name groups the request under name in the statistics instead of its URL
// path, e.g. Name("/item?id=[id]") for a hundred different item URLs.
func Name(name string) Option { return func(r *request) { r.name = name } }

// Header sets a request header.
func Header(key, value string) Option {
	return func(r *request) { r.headers = append(r.headers, key, value) }
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
	var resp *Response
	if s.use == FastHTTP {
		resp = s.fastDo(req, r)
	} else {
		resp = s.stdDo(req, r)
	}
	return s.finish(req.Method, r, resp)
}

// request resolves path, sends the request with the user's client, judges
// the response and records it.
func (s *Session) request(method, path string, body io.Reader, contentType string, opts []Option) *Response {
	t, err := s.resolve(path)
	if err != nil {
		return s.fail(method, path, err)
	}
	r := s.options(t.name, contentType, opts)
	var resp *Response
	if s.use == FastHTTP {
		resp = s.fastRequest(method, t, body, r)
	} else {
		resp = s.stdRequest(method, t, body, r)
	}
	return s.finish(method, r, resp)
}

// options applies opts to the session's request, named name by default.
func (s *Session) options(name, contentType string, opts []Option) *request {
	r := &s.req
	r.name, r.check, r.headers = name, nil, r.headers[:0]
	if contentType != "" {
		r.headers = append(r.headers, "Content-Type", contentType)
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// finish applies the request's Check and records the response.
func (s *Session) finish(method string, r *request, resp *Response) *Response {
	if r.check != nil {
		resp.Err = r.check(resp)
	}
	if s.ctx.Err() == nil { // a request cut short by the end of the test is not a sample
		s.recordHTTP(method, r.name, resp)
	}
	return resp
}

func (s *Session) recordHTTP(method, name string, r *Response) {
	sample := stats.Sample{Method: method, Name: name, Duration: r.Duration, Size: int64(len(r.Body)), End: s.ended}
	if r.Err != nil {
		sample.Err = r.Err.Error()
	}
	s.ended = time.Time{}
	s.record(sample)
}

func (s *Session) fail(method, name string, err error) *Response {
	r := &Response{Err: err}
	s.recordHTTP(method, name, r)
	return r
}

// StatusError is the failure of a response whose status is 400 or above.
type StatusError struct{ Code int }

func (e *StatusError) Error() string {
	if t := http.StatusText(e.Code); t != "" {
		return fmt.Sprintf("HTTP %d %s", e.Code, t)
	}
	return fmt.Sprintf("HTTP %d", e.Code)
}

// statusError is the default judgement of a status: a failure from 400 up.
func statusError(code int) error {
	if code >= 400 {
		return &StatusError{Code: code}
	}
	return nil
}

// ErrNoHost is the failure of a relative path when no host is known.
var ErrNoHost = errors.New("gust: no host for a relative path: set User.Host or give -H/--host")

// transportError turns a client error into a failure text without the URL,
// so failures of /item?id=1 and /item?id=2 group together.
func transportError(err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timeout after %s", timeout)
		}
		err = ue.Err
	}
	return err
}

func (s *Session) close() {
	if s.client != nil {
		s.client.close()
	}
	if s.fast != nil {
		s.fast.close()
	}
}
