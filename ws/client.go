package ws

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/calls"
)

// Type is the request type of every sample this package records, as the
// Type column of gust's tables and the method of its CSV, JSON and cluster
// reports show it; a threshold names it: "WS echo:p99<50ms".
const Type = "WS"

// A Client describes the WebSocket each user of a test opens: its URL and
// options. Make one with New when the test program starts, and get a
// user's connection with Conn in its tasks. A Client is safe for use by any
// number of users at once.
type Client struct {
	url  string
	cfg  config
	key  string // the session value a user's connection is kept under
	lax  sync.Once
	laxc *http.Client // the handshake's client of users that accept any certificate
}

// keys numbers the Clients of a program, for their session values.
var keys atomic.Int64

// New returns a Client for rawURL: an absolute ws://, wss://, http:// or
// https:// URL, or a path such as "/ws/echo" that each user resolves
// against its Host (User.Host or -H; http becomes ws, https wss). The
// connection is recorded under rawURL (or WithName's name).
func New(rawURL string, opts ...Option) (*Client, error) {
	c := &Client{url: rawURL, cfg: config{timeout: gust.DefaultTimeout, readLimit: defaultReadLimit, name: rawURL}}
	for _, o := range opts {
		o(&c.cfg)
	}
	if !strings.HasPrefix(rawURL, "/") { // the URL first: it is also the default name
		if _, err := absolute(rawURL); err != nil {
			return nil, err
		}
	}
	if err := c.cfg.check(); err != nil {
		return nil, err
	}
	c.key = "gustws.conn." + strconv.FormatInt(keys.Add(1), 10)
	return c, nil
}

// Conn returns the user's connection, opening it on first use, and again
// after the previous one closed or failed: each user has its own, as real
// clients do, closed when the user stops. Opening is recorded, under the
// Client's name, from the request to the end of the handshake; when it
// fails, Conn returns the error (which is recorded).
func (c *Client) Conn(s *gust.Session) (*Conn, error) {
	if conn, ok := s.Value(c.key).(*Conn); ok && !conn.broken {
		return conn, nil
	}
	conn, err := c.dial(s)
	if err != nil {
		return nil, err
	}
	if s.Value(c.key) == nil {
		s.Cleanup(func() { c.close(s) })
	}
	s.Set(c.key, conn)
	return conn, nil
}

// dial opens a connection for s and records it.
func (c *Client) dial(s *gust.Session) (*Conn, error) {
	u, err := c.resolve(s.Host())
	if err != nil {
		return nil, err // a test that cannot run: Conn's caller sees why
	}
	cs, host := calls.Of(s), hostOf(u)
	ctx, cancel := context.WithTimeout(s.Context(), c.cfg.timeout)
	defer cancel()
	call := cs.Begin(host)
	start := time.Now()
	ws, resp, err := websocket.Dial(ctx, u, c.dialOptions(u, cs.Insecure()))
	took := time.Since(start)
	if err != nil {
		err = dialError(err, resp, ctx)
		call.End(Type, c.cfg.name, took, 0, err, calls.Connecting)
		return nil, err
	}
	ws.SetReadLimit(c.cfg.readLimit)
	call.End(Type, c.cfg.name, took, 0, nil, calls.Connecting)
	return &Conn{ws: ws, s: s, c: cs, host: host, cfg: &c.cfg}, nil
}

// dialOptions are the handshake's options for u: WithDialOptions's, with,
// for a user that accepts any certificate (lax: User.InsecureSkipVerify,
// --insecure-skip-tls-verify) dialling wss or https, an HTTP client that
// does, unless WithDialOptions gave an HTTP client of its own.
func (c *Client) dialOptions(u string, lax bool) *websocket.DialOptions {
	opts := c.cfg.dial
	secure := strings.HasPrefix(u, "wss:") || strings.HasPrefix(u, "https:")
	if !lax || !secure || (opts != nil && opts.HTTPClient != nil) {
		return opts
	}
	mine := websocket.DialOptions{}
	if opts != nil {
		mine = *opts
	}
	mine.HTTPClient = c.laxClient()
	return &mine
}

// laxClient is the HTTP client of the handshakes that accept any
// certificate, made once per Client. It keeps no idle connection: a
// handshake's connection becomes the WebSocket, or is closed.
func (c *Client) laxClient() *http.Client {
	c.lax.Do(func() {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		t.DisableKeepAlives = true
		c.laxc = &http.Client{Transport: t}
	})
	return c.laxc
}

// close ends the user's connection when it stops: a close handshake, or
// at once when the test is over.
func (c *Client) close(s *gust.Session) {
	conn, ok := s.Value(c.key).(*Conn)
	if !ok || conn.broken {
		return
	}
	if s.Context().Err() != nil {
		conn.ws.CloseNow()
		return
	}
	_ = conn.Close()
}

// resolve returns the URL to dial for a user with host.
func (c *Client) resolve(host string) (string, error) {
	if !strings.HasPrefix(c.url, "/") {
		return c.url, nil
	}
	if host == "" {
		return "", fmt.Errorf("gustws: %q is a path, and the user has no Host (User.Host or -H) to resolve it against", c.url)
	}
	return strings.TrimSuffix(host, "/") + c.url, nil
}

// absolute checks an absolute WebSocket URL.
func absolute(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("gustws: URL %q is not valid: want ws://host:port/path, wss://, http://, https://, or a path such as /ws/echo", raw)
	}
	switch u.Scheme {
	case "ws", "wss", "http", "https":
		return u, nil
	}
	return nil, fmt.Errorf("gustws: URL %q has scheme %q: want ws, wss, http or https", raw, u.Scheme)
}

// hostOf is the host:port of URL u, which calls in flight are followed
// under, as an HTTP request's.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	if p.Port() != "" {
		return p.Host
	}
	if p.Scheme == "wss" || p.Scheme == "https" {
		return net.JoinHostPort(p.Hostname(), "443")
	}
	return net.JoinHostPort(p.Hostname(), "80")
}
