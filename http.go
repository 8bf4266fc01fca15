package gust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// DefaultTimeout bounds an HTTP request when the User sets no Timeout.
const DefaultTimeout = 60 * time.Second

// A Response is the outcome of one HTTP request made through a Session.
type Response struct {
	StatusCode int           // 0 when no response arrived
	Status     string        // e.g. "200 OK"
	Header     http.Header   // response headers
	Body       []byte        // the whole body; valid until the session's next request
	Duration   time.Duration // from sending the request until the body was read
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

type request struct {
	name  string
	check func(*Response) error
	req   *http.Request
}

// Name groups the request under name in the statistics instead of its URL
// path, e.g. Name("/item?id=[id]") for a hundred different item URLs.
func Name(name string) Option { return func(r *request) { r.name = name } }

// Header sets a request header.
func Header(key, value string) Option { return func(r *request) { r.req.Header.Set(key, value) } }

// Check decides whether the request succeeded, like Locust's catch_response:
// fn sees the response (with Err already set by the default rule: transport
// error, timeout or status >= 400) and returns the error that marks it failed,
// or nil to count it as a success, whatever the status.
func Check(fn func(r *Response) error) Option { return func(r *request) { r.check = fn } }

// Get requests path (relative to the host, or an absolute URL).
func (s *Session) Get(path string, opts ...Option) *Response {
	return s.Request(http.MethodGet, path, nil, opts...)
}

// Head requests path with the HEAD method.
func (s *Session) Head(path string, opts ...Option) *Response {
	return s.Request(http.MethodHead, path, nil, opts...)
}

// Delete requests path with the DELETE method.
func (s *Session) Delete(path string, opts ...Option) *Response {
	return s.Request(http.MethodDelete, path, nil, opts...)
}

// Post sends body to path with the given content type.
func (s *Session) Post(path, contentType string, body io.Reader, opts ...Option) *Response {
	return s.Request(http.MethodPost, path, body, append(opts, Header("Content-Type", contentType))...)
}

// Put sends body to path with the PUT method and the given content type.
func (s *Session) Put(path, contentType string, body io.Reader, opts ...Option) *Response {
	return s.Request(http.MethodPut, path, body, append(opts, Header("Content-Type", contentType))...)
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
	u, err := s.resolve(path)
	if err != nil {
		return s.fail(method, path, err)
	}
	req, err := http.NewRequestWithContext(s.ctx, method, u, body)
	if err != nil {
		return s.fail(method, path, err)
	}
	return s.Do(req, opts...)
}

// Do sends a request built by the caller, times it and records it. Its
// context is replaced by the session's.
func (s *Session) Do(req *http.Request, opts ...Option) *Response {
	r := request{name: req.URL.RequestURI(), req: req.WithContext(s.ctx)}
	for _, o := range opts {
		o(&r)
	}
	resp := s.send(r.req)
	if r.check != nil {
		resp.Err = r.check(resp)
	}
	if s.ctx.Err() == nil { // a request cut short by the end of the test is not a sample
		s.recordHTTP(r.req.Method, r.name, resp)
	}
	return resp
}

// send performs the request and reads the whole body into the session's buffer.
func (s *Session) send(req *http.Request) *Response {
	start := time.Now()
	hr, err := s.httpClient().Do(req)
	if err != nil {
		return &Response{Duration: time.Since(start), Err: transportError(err, s.timeout)}
	}
	s.buf.Reset()
	_, err = s.buf.ReadFrom(hr.Body)
	hr.Body.Close()
	resp := &Response{StatusCode: hr.StatusCode, Status: hr.Status, Header: hr.Header,
		Body: s.buf.Bytes(), Duration: time.Since(start)}
	switch {
	case err != nil:
		resp.Err = transportError(err, s.timeout)
	case hr.StatusCode >= 400:
		resp.Err = &StatusError{Code: hr.StatusCode}
	}
	return resp
}

func (s *Session) recordHTTP(method, name string, r *Response) {
	sample := stats.Sample{Method: method, Name: name, Duration: r.Duration, Size: int64(len(r.Body))}
	if r.Err != nil {
		sample.Err = r.Err.Error()
	}
	s.rec.Record(s.id, sample)
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

// ErrNoHost is the failure of a relative path when no host is known.
var ErrNoHost = errors.New("gust: no host for a relative path: set User.Host or give -H/--host")

func (s *Session) resolve(path string) (string, error) {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path, nil
	}
	if s.host == nil {
		return "", ErrNoHost
	}
	ref, err := url.Parse(path)
	if err != nil {
		return "", err
	}
	return s.host.ResolveReference(ref).String(), nil
}

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

func (s *Session) httpClient() *http.Client {
	if s.client == nil {
		s.client = newClient(s.timeout)
	}
	return s.client
}

// newClient returns a user's own client: its own connection pool and cookie
// jar, no proxy from the environment (as Locust), HTTP/2 where TLS offers it.
func newClient(timeout time.Duration) *http.Client {
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	return &http.Client{Transport: tr, Jar: jar, Timeout: timeout}
}

// Client returns the user's own HTTP client, for requests gust should not
// time or record (or that you record yourself with Record).
func (s *Session) Client() *http.Client { return s.httpClient() }

func (s *Session) close() {
	if s.client != nil {
		s.client.CloseIdleConnections()
	}
}
