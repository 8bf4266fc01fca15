package gust

import (
	"net/http"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/client/fastclient"
	"github.com/gustload/gust/internal/client/http2"
	"github.com/gustload/gust/internal/client/nethttp"
)

// Client chooses the HTTP client the users of a kind make their requests
// with (User.Client). Both give every user its own connections and cookies
// and the same Session API, and both time a response from when its request
// was written until it arrived: on Linux the kernel's receive time of the
// last bytes (SO_TIMESTAMPNS), so that a busy generator's delay in reading
// it is not counted (gust reports that delay apart, as the generator's).
// They differ in speed, memory and protocol.
type Client uint8

const (
	// NetHTTP is Go's net/http, the default: an *http.Client per user with
	// its cookie jar, redirects followed, gzip asked for and undone,
	// http.Request and http.Response underneath (Session.Client and
	// Session.Do work on them). Plain-HTTP requests go over a kept-alive
	// HTTP/1.1 connection per host that the user's goroutine writes and
	// reads itself with net/http's Request.Write and ReadResponse; https
	// goes through http.Transport, which speaks HTTP/2 where the server
	// offers it. It costs about a sixth more CPU per request than FastHTTP,
	// about 24 allocations (FastHTTP: 1) and more memory per user.
	NetHTTP Client = iota

	// FastHTTP is gust's own HTTP/1.1 client over fasthttp's request and
	// response types, the way Locust offers FastHttpUser: one keep-alive
	// connection per user and host, driven by the user's goroutine alone,
	// buffers borrowed from a pool only while a request is in flight, and
	// one allocation per request (the Response). Trade-offs: HTTP/1.1 only
	// (no HTTP/2, even over TLS); no compression asked for, so bodies come
	// as the server sends them; redirects followed for GET and HEAD only
	// (up to 10; a longer chain fails, as with net/http); no proxy;
	// Response.Header, like Body, is only valid until the session's next
	// request; idempotent requests (GET, HEAD, PUT,
	// DELETE, OPTIONS) are retried once on a fresh connection when a
	// kept-alive one turns out to be closed. Cookies are kept per user, as
	// with NetHTTP. URL mode uses it.
	FastHTTP

	// HTTP2 is net/http speaking HTTP/2 only, Go's own: over TLS by ALPN
	// (h2) and over http:// in cleartext with prior knowledge (h2c), which
	// k6 cannot. Each user has its own connection per host, on which its
	// requests go one after another as streams, as a real HTTP/2 client's
	// would; the Session API, timing, cookies and redirects are those of
	// NetHTTP, and Response.Proto says "HTTP/2.0". A server that does not
	// speak HTTP/2 fails the requests: there is no silent fall-back to
	// HTTP/1.1. URL mode uses it with --http2.
	HTTP2
)

// String names the client: "net/http", "fasthttp" or "http2".
func (c Client) String() string {
	switch c {
	case FastHTTP:
		return "fasthttp"
	case HTTP2:
		return "http2"
	}
	return "net/http"
}

// newClients make the client of each Client for a session: a protocol is a
// package under internal/client and a line here.
var newClients = [...]func(client.Options) client.Client{
	NetHTTP:  func(o client.Options) client.Client { return nethttp.New(o) },
	FastHTTP: func(o client.Options) client.Client { return fastclient.New(o) },
	HTTP2:    func(o client.Options) client.Client { return http2.New(o) },
}

// userAgent is what the clients that add a User-Agent say gust is, unless
// a Header says otherwise.
var userAgent = "gust/" + Version

// client returns the session's client, making it on the first request.
func (s *Session) client() client.Client {
	if s.conn == nil {
		s.conn = newClients[s.use](s.clientOptions())
	}
	return s.conn
}

func (s *Session) clientOptions() client.Options {
	return client.Options{Timeout: s.timeout, Insecure: s.lax, UserAgent: userAgent, Record: s.record, MaxBody: s.maxBody}
}

// Client returns the user's own net/http client (its connections and
// cookies, with the User's Timeout), for requests gust should not time or
// record (or that you record yourself with Record). It is net/http's with
// NetHTTP and FastHTTP (HTTP/1.1, and HTTP/2 where a TLS server offers it),
// and the HTTP/2-only one with HTTP2.
func (s *Session) Client() *http.Client {
	if c, ok := s.client().(*nethttp.Client); ok {
		return c.HTTP()
	}
	if s.plain == nil {
		s.plain = nethttp.New(s.clientOptions())
	}
	return s.plain.HTTP()
}

// close closes the session's clients, when the user ends.
func (s *Session) close() {
	if s.conn != nil {
		s.conn.Close()
	}
	if s.plain != nil {
		s.plain.Close()
	}
}
