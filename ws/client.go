package ws

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/gustload/gust"
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
	url string
	cfg config
	key string // the session value a user's connection is kept under
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
	if err := c.cfg.check(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(rawURL, "/") {
		if _, err := absolute(rawURL); err != nil {
			return nil, err
		}
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
	ctx, cancel := context.WithTimeout(s.Context(), c.cfg.timeout)
	defer cancel()
	start := time.Now()
	ws, resp, err := websocket.Dial(ctx, u, c.cfg.dial)
	took := time.Since(start)
	if err != nil {
		err = dialError(err, resp, ctx)
		record(s, c.cfg.name, took, 0, err)
		return nil, err
	}
	ws.SetReadLimit(c.cfg.readLimit)
	record(s, c.cfg.name, took, 0, nil)
	return &Conn{ws: ws, s: s, cfg: &c.cfg}, nil
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

// record reports one sample, unless the test has ended: what the end of the
// test cut short is not a sample, as for HTTP.
func record(s *gust.Session, name string, took time.Duration, size int64, err error) {
	if s.Context().Err() != nil {
		return
	}
	s.Record(Type, name, took, size, err)
}
