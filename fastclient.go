package gust

import (
	"encoding/base64"
	"io"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/valyala/fasthttp"
)

// maxRedirects is how many redirects the FastHTTP client follows.
const maxRedirects = 10

// userAgent is what the FastHTTP client says it is, unless a Header says
// otherwise.
var userAgent = "gust/" + Version

// fastRequest sends a request to t with the FastHTTP client.
func (s *Session) fastRequest(method string, t *target, body io.Reader, r *request) *Response {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	s.fastHeaders(req, method, t, r)
	if body != nil {
		if _, err := io.Copy(req.BodyWriter(), body); err != nil {
			return &Response{Err: err}
		}
	}
	return s.fastExchange(req, t)
}

// fastDo sends a request built by the caller with the FastHTTP client.
func (s *Session) fastDo(hr *http.Request, r *request) *Response {
	t := &target{url: hr.URL, name: hr.URL.RequestURI(), addr: hostPort(hr.URL), tls: hr.URL.Scheme == "https"}
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	for k, vs := range hr.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	s.fastHeaders(req, hr.Method, t, r)
	if hr.Host != "" {
		req.Header.SetHost(hr.Host)
	}
	if hr.Body != nil {
		_, err := io.Copy(req.BodyWriter(), hr.Body)
		hr.Body.Close()
		if err != nil {
			return &Response{Err: err}
		}
	}
	return s.fastExchange(req, t)
}

// fastHeaders sets the request line, the Host, the user's cookies and the
// headers the options ask for.
func (s *Session) fastHeaders(req *fasthttp.Request, method string, t *target, r *request) {
	req.Header.SetNoDefaultContentType(true)
	req.Header.SetMethod(method)
	aim(req, t)
	if len(req.Header.UserAgent()) == 0 {
		req.Header.SetUserAgent(userAgent)
	}
	for i := 0; i < len(r.headers); i += 2 {
		req.Header.Set(r.headers[i], r.headers[i+1])
	}
}

// aim points req at t: request URI, Host and the URL's user and password.
func aim(req *fasthttp.Request, t *target) {
	req.Header.SetRequestURI(t.name)
	req.Header.SetHost(t.url.Host)
	if u := t.url.User; u != nil {
		pw, _ := u.Password()
		auth := base64.StdEncoding.EncodeToString([]byte(u.Username() + ":" + pw))
		req.Header.Set("Authorization", "Basic "+auth)
	}
}

// fastExchange sends req to t, follows redirects for GET and HEAD, and
// returns the final response, timed from when the first request was
// written until the last body was read.
func (s *Session) fastExchange(req *fasthttp.Request, t *target) *Response {
	fc := s.fastClient()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	var first time.Time
	for hops := 0; ; hops++ {
		fc.addCookies(req, t)
		wrote, arrived, err := fc.roundTrip(s.ctx, t, req, resp)
		if first.IsZero() {
			first = wrote
		}
		if err != nil {
			return s.fastFailure(first, err)
		}
		fc.keepCookies(resp, t)
		next := redirect(req, resp, t)
		if next == nil || hops == maxRedirects {
			return s.fastResponse(first, arrived, resp)
		}
		t = next
		aim(req, t)
	}
}

// fastFailure is the response of a request that got no response.
func (s *Session) fastFailure(start time.Time, err error) *Response {
	s.ended = time.Now()
	if start.IsZero() {
		start = s.ended
	}
	return &Response{Duration: s.ended.Sub(start), Err: fastError(err, s.timeout)}
}

// fastResponse copies resp's body into the session's buffer and its headers
// into the session's header map. The response ends when its last bytes
// arrived, if the connection knows (see stampedConn); the time it then
// waited to be read is the generator's, counted apart.
func (s *Session) fastResponse(start, arrived time.Time, resp *fasthttp.Response) *Response {
	s.ended = time.Now()
	if !arrived.IsZero() && !arrived.Before(start) && !arrived.After(s.ended) {
		monitor.ObserveReceive(s.ended.Sub(arrived))
		s.ended = arrived
	}
	s.buf.Reset()
	s.buf.Write(resp.Body())
	code := resp.StatusCode()
	return &Response{StatusCode: code, Status: statusLine(code), Header: s.fast.header(&resp.Header),
		Body: s.buf.Bytes(), Duration: s.ended.Sub(start), Err: statusError(code)}
}

// redirect returns where a redirect of a GET or HEAD request points, or nil
// when resp is not one to follow.
func redirect(req *fasthttp.Request, resp *fasthttp.Response, t *target) *target {
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
	u, err := t.url.Parse(string(loc))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return &target{url: u, name: u.RequestURI(), addr: hostPort(u), tls: u.Scheme == "https"}
}

func (s *Session) fastClient() *fastClient {
	if s.fast == nil {
		s.fast = newFastClient(s.timeout, s.lax)
	}
	return s.fast
}
