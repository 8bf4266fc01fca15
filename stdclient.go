package gust

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/monitor"
)

// stdClient is a user's net/http client: its own transport and cookie jar,
// and what makes a request cheap to send and to time: a request template
// carrying a context with the trace that notes when a request was written,
// and one timer, reset for each request, that cancels that context when the
// request runs past the timeout (a context with a deadline per request
// would cost several allocations and a timer each).
type stdClient struct {
	timed    *http.Client // without a Timeout: the timer bounds gust's requests
	public   *http.Client // the same transport and jar, with the Timeout, for Session.Client
	timeout  time.Duration
	tmpl     *http.Request                      // carries ctx; copied for each request
	from     context.Context                    // the user's context that ctx derives from
	cancel   atomic.Pointer[context.CancelFunc] // cancels ctx
	timer    *time.Timer
	timedOut atomic.Bool  // the timer fired for the request in flight
	wrote    atomic.Int64 // when the request was written, since epoch; 0 unknown
	conn     net.Conn     // the connection of the request in flight (GotConn)
}

// epoch is what the write times of requests count from, on the monotonic
// clock.
var epoch = time.Now()

// newStdClient makes a user's net/http client; with lax its https requests
// accept any certificate.
func newStdClient(timeout time.Duration, lax bool) *stdClient {
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{
		DialContext:         dialStamped,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		TLSClientConfig:     tlsConfig(lax),
		ForceAttemptHTTP2:   true,
	}
	return &stdClient{timed: &http.Client{Transport: &h1Transport{std: tr}, Jar: jar},
		public: &http.Client{Transport: tr, Jar: jar, Timeout: timeout}, timeout: timeout}
}

// tlsConfig is the TLS configuration a client starts from: nil (the
// defaults, which verify certificates), or with lax one that skips the
// verification. A new one each time: http.Transport adds "h2" to it.
func tlsConfig(lax bool) *tls.Config {
	if !lax {
		return nil
	}
	return &tls.Config{InsecureSkipVerify: true}
}

// request returns a new request of the session's context, to fill in.
func (c *stdClient) request(ctx context.Context) *http.Request {
	if c.tmpl == nil || c.from != ctx || c.tmpl.Context().Err() != nil {
		c.renew(ctx)
	}
	req := new(http.Request)
	*req = *c.tmpl
	return req
}

// renew derives a new request context from ctx: at the start, after a
// timeout cancelled the last one, or when the session's context changed.
func (c *stdClient) renew(ctx context.Context) {
	c.stop()
	trace := &httptrace.ClientTrace{GotConn: c.gotConn, WroteRequest: c.wroteRequest}
	rctx, cancel := context.WithCancel(httptrace.WithClientTrace(ctx, trace))
	c.tmpl, _ = http.NewRequestWithContext(rctx, http.MethodGet, "/", nil)
	c.from = ctx
	c.cancel.Store(&cancel)
}

// stop cancels the current request context, if any.
func (c *stdClient) stop() {
	if cancel := c.cancel.Load(); cancel != nil {
		(*cancel)()
	}
}

// gotConn notes the connection a request goes out on (in the user's
// goroutine), to ask it later when the response arrived.
func (c *stdClient) gotConn(info httptrace.GotConnInfo) { c.conn = info.Conn }

// stdDialer connects the net/http client's users.
var stdDialer = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}

// dialStamped dials a connection that knows when its data arrived.
func dialStamped(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := stdDialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c, _ = stamped(c)
	return c, nil
}

// wroteRequest notes the first time a request was written: a redirect's
// later hops do not move the start. The transport calls it from its own
// goroutine.
func (c *stdClient) wroteRequest(httptrace.WroteRequestInfo) {
	c.wrote.CompareAndSwap(0, max(int64(time.Since(epoch)), 1))
}

// do sends req and reads the whole body into buf, within the timeout.
func (c *stdClient) do(req *http.Request, buf *bytes.Buffer) (*http.Response, error) {
	c.wrote.Store(0)
	c.timedOut.Store(false)
	c.conn = nil
	if c.timer == nil {
		c.timer = time.AfterFunc(c.timeout, func() { c.timedOut.Store(true); c.stop() })
	} else {
		c.timer.Reset(c.timeout)
	}
	defer c.timer.Stop()
	hr, err := c.timed.Do(req)
	if err != nil {
		return nil, c.failure(err)
	}
	buf.Reset()
	_, err = buf.ReadFrom(hr.Body)
	hr.Body.Close()
	return hr, c.failure(err)
}

// failure turns a client error into a failure text without the URL, so
// failures of /item?id=1 and /item?id=2 group together.
func (c *stdClient) failure(err error) error {
	if err == nil {
		return nil
	}
	if c.timedOut.Load() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("timeout after %s", c.timeout)
	}
	return transportError(err, c.timeout)
}

// took is how long the request took until its response arrived (or was
// read, when the connection cannot tell), from when it was written (or from
// start, when that is not known); and when it ended.
func (c *stdClient) took(start, read time.Time) (time.Duration, time.Time) {
	if w := c.wrote.Load(); w != 0 {
		start = epoch.Add(time.Duration(w))
	}
	end := read
	if c.conn != nil {
		if at, ok := received(c.conn); ok && at.After(start) && !at.After(read) {
			monitor.ObserveReceive(read.Sub(at))
			end = at
		}
	}
	return end.Sub(start), end
}

func (c *stdClient) close() {
	if c.timer != nil {
		c.timer.Stop()
	}
	c.stop()
	c.timed.CloseIdleConnections()
}

// stdRequest sends a request to t with the net/http client.
func (s *Session) stdRequest(method string, t *target, body io.Reader, r *request) *Response {
	req := s.httpClient().request(s.ctx)
	req.Method, req.URL, req.Host = method, t.url, t.url.Host
	req.Header = make(http.Header, len(r.headers)/2)
	setBody(req, body)
	return s.stdSend(req, r)
}

// stdDo sends a request built by the caller with the net/http client, in
// the session's context.
func (s *Session) stdDo(hr *http.Request, r *request) *Response {
	req := s.httpClient().request(s.ctx)
	ctx := req.Context()
	*req = *hr
	return s.stdSend(req.WithContext(ctx), r)
}

// setBody gives req its body, as http.NewRequest does: with its length and
// a way to have it again (for a redirect or a retry) for the readers whose
// content is known.
func setBody(req *http.Request, body io.Reader) {
	if body == nil {
		return
	}
	rc, ok := body.(io.ReadCloser)
	if !ok {
		rc = io.NopCloser(body)
	}
	req.Body, req.ContentLength = rc, -1 // unknown: chunked
	switch b := body.(type) {
	case *bytes.Buffer:
		content := b.Bytes()
		req.ContentLength = int64(len(content))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }
	case *bytes.Reader:
		snapshot := *b
		req.ContentLength = int64(b.Len())
		req.GetBody = func() (io.ReadCloser, error) { r := snapshot; return io.NopCloser(&r), nil }
	case *strings.Reader:
		snapshot := *b
		req.ContentLength = int64(b.Len())
		req.GetBody = func() (io.ReadCloser, error) { r := snapshot; return io.NopCloser(&r), nil }
	}
	if req.ContentLength == 0 {
		req.Body, req.GetBody = http.NoBody, nil
	}
}

// stdSend performs req, reads the whole body into the session's buffer and
// times it from when the request was written (the trace's WroteRequest), so
// neither the wait for a connection nor the hand-over to the transport's
// goroutines counts.
func (s *Session) stdSend(req *http.Request, r *request) *Response {
	for i := 0; i < len(r.headers); i += 2 {
		req.Header.Set(r.headers[i], r.headers[i+1])
	}
	c := s.httpClient()
	start := time.Now()
	hr, err := c.do(req, &s.buf)
	took, end := c.took(start, time.Now())
	s.ended = end
	resp := &Response{Duration: took, Err: err}
	if hr != nil {
		resp.StatusCode, resp.Status, resp.Header, resp.Body = hr.StatusCode, hr.Status, hr.Header, s.buf.Bytes()
		if err == nil {
			resp.Err = statusError(hr.StatusCode)
		}
	}
	return resp
}

func (s *Session) httpClient() *stdClient {
	if s.client == nil {
		s.client = newStdClient(s.timeout, s.lax)
	}
	return s.client
}

// Client returns the user's own net/http client (its connections and
// cookies, with the User's Timeout), for requests gust should not time or
// record (or that you record yourself with Record). It is the same whichever
// Client the User chose.
func (s *Session) Client() *http.Client { return s.httpClient().public }
