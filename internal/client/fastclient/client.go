package fastclient

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/monitor"
	"github.com/valyala/fasthttp"
)

// Client is one user's FastHTTP client: a keep-alive connection per host
// it talks to (usually one), the last response's headers and body and,
// once a response has set one, a cookie jar. Only the user's goroutine uses
// it.
//
// It ties nothing to the user's context (no context.AfterFunc, no child
// context: each costs the context a map of children, hundreds of bytes per
// user): a request waits for its answer in slices of AbortSlice and looks
// at the context between two (see watchedConn), so the end of the test
// stops it within a slice.
type Client struct {
	timeout   time.Duration
	userAgent string
	conns     []*conn
	hdr       header
	jar       http.CookieJar
	tlsConf   *tls.Config    // the base of every TLS connection's; nil: the defaults
	buf       client.Body    // the last response's body (its first limit bytes)
	limit     int64          // the most of a body kept (client.Options.BodyLimit)
	size      int64          // the last body's length, kept and dropped
	cut       bool           // the last body was longer than limit
	phase     string         // what the request in flight is doing (client.Phase*)
	setup     client.Connect // the new connection the request in flight opened, if any
}

// maxRedirects is how many redirects the client follows.
const maxRedirects = 10

// errRedirects fails a request whose redirects go on past maxRedirects (a
// loop), in net/http's words: its last redirect is no page.
var errRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

// New makes a user's FastHTTP client.
func New(opts client.Options) *Client {
	return &Client{timeout: opts.Timeout, userAgent: opts.UserAgent, tlsConf: client.TLSConfig(opts.Insecure),
		limit: opts.BodyLimit()}
}

// Do sends r, follows redirects for GET and HEAD, and returns the final
// response, timed from when the first request was written until the last
// response arrived.
func (fc *Client) Do(ctx context.Context, r *client.Request) client.Response {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	if r.HTTP != nil {
		return fc.do(ctx, req, r)
	}
	fc.headers(req, r.Method, r.Target, r.Header)
	if r.Body != nil {
		if _, err := io.Copy(req.BodyWriter(), r.Body); err != nil {
			return client.Response{Err: err}
		}
	}
	return fc.exchange(ctx, req, r.Target)
}

// do sends a request built by the caller.
func (fc *Client) do(ctx context.Context, req *fasthttp.Request, r *client.Request) client.Response {
	hr := r.HTTP
	t := client.NewTarget(hr.URL)
	for k, vs := range hr.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	fc.headers(req, hr.Method, t, r.Header)
	if hr.Host != "" {
		req.Header.SetHost(hr.Host)
	}
	if hr.Body != nil {
		_, err := io.Copy(req.BodyWriter(), hr.Body)
		hr.Body.Close()
		if err != nil {
			return client.Response{Err: err}
		}
	}
	return fc.exchange(ctx, req, t)
}

// headers sets the request line, the Host, the User-Agent and the headers
// (key, value, ...) the options ask for.
func (fc *Client) headers(req *fasthttp.Request, method string, t *client.Target, kv []string) {
	req.Header.SetNoDefaultContentType(true)
	req.Header.SetMethod(method)
	aim(req, t)
	if len(req.Header.UserAgent()) == 0 {
		req.Header.SetUserAgent(fc.userAgent)
	}
	for i := 0; i < len(kv); i += 2 {
		req.Header.Set(kv[i], kv[i+1])
	}
}

// aim points req at t: request URI, Host and the URL's user and password.
func aim(req *fasthttp.Request, t *client.Target) {
	req.Header.SetRequestURI(t.Name)
	req.Header.SetHost(t.URL.Host)
	if u := t.URL.User; u != nil {
		pw, _ := u.Password()
		auth := base64.StdEncoding.EncodeToString([]byte(u.Username() + ":" + pw))
		req.Header.Set("Authorization", "Basic "+auth)
	}
}

// exchange sends req to t, follows redirects for GET and HEAD, and
// returns the final response, timed from when the first request was
// written until the last body was read.
func (fc *Client) exchange(ctx context.Context, req *fasthttp.Request, t *client.Target) client.Response {
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	fc.setup = client.Connect{}
	var first time.Time
	for hops := 0; ; hops++ {
		fc.addCookies(req, t)
		wrote, arrived, err := fc.roundTrip(ctx, t, req, resp)
		if first.IsZero() {
			first = wrote
		}
		if err != nil {
			return fc.failure(first, err)
		}
		fc.keepCookies(resp, t)
		next := redirect(req, resp, t)
		if next == nil {
			return fc.response(first, arrived, resp)
		}
		if hops == maxRedirects {
			out := fc.response(first, arrived, resp)
			out.Err = errRedirects
			return out
		}
		t = next
		aim(req, t)
	}
}

// failure is the response of a request that got no response.
func (fc *Client) failure(start time.Time, err error) client.Response {
	end := time.Now()
	if start.IsZero() {
		start = end
	}
	return client.Response{Duration: end.Sub(start), End: end, Err: fastError(err, fc.timeout), Phase: fc.phase,
		Connect: fc.setup}
}

// response copies resp's body into the client's buffer and its headers
// into the client's header map. The response ends when its last bytes
// arrived, if the connection knows (see client.Stamped); the time it then
// waited to be read is the generator's, counted apart.
func (fc *Client) response(start, arrived time.Time, resp *fasthttp.Response) client.Response {
	end := time.Now()
	if !arrived.IsZero() && !arrived.Before(start) && !arrived.After(end) {
		monitor.ObserveReceive(end.Sub(arrived))
		end = arrived
	}
	code := resp.StatusCode()
	return client.Response{StatusCode: code, Status: client.StatusLine(code), Proto: proto(&resp.Header),
		Header: fc.header(&resp.Header), Body: fc.buf.Bytes(), Duration: end.Sub(start), End: end,
		Err: client.StatusFailure(code), Size: fc.size, Cut: fc.cut, Connect: fc.setup}
}

// proto names the response's protocol without allocating: HTTP/1.1 unless
// the server said HTTP/1.0.
func proto(h *fasthttp.ResponseHeader) string {
	if string(h.Protocol()) == "HTTP/1.0" {
		return "HTTP/1.0"
	}
	return "HTTP/1.1"
}

// redirect returns where a redirect of a GET or HEAD request points, or nil
// when resp is not one to follow.
func redirect(req *fasthttp.Request, resp *fasthttp.Response, t *client.Target) *client.Target {
	switch resp.StatusCode() {
	case 301, 302, 303, 307, 308:
	default:
		return nil
	}
	if !req.Header.IsGet() && !req.Header.IsHead() {
		return nil
	}
	loc := resp.Header.Peek("Location")
	if len(loc) == 0 {
		return nil
	}
	u, err := t.URL.Parse(string(loc))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return client.NewTarget(u)
}

// Close closes every connection.
func (fc *Client) Close() {
	for _, c := range fc.conns {
		c.conn.Close()
	}
	fc.conns = nil
}
