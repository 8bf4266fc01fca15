package gustgrpc

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/resolver"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/calls"
)

// Type is the request type of every sample this package records, as the
// Type column of gust's tables and the method of its CSV, JSON and cluster
// reports show it. A threshold names it: "GRPC /pkg.Svc/Method:p99<50ms".
const Type = "GRPC"

// A Client describes the gRPC connection each user of a test opens: its
// target, its credentials and what is recorded. Make one with New when the
// test program starts, and get a user's connection with Conn in its tasks.
// A Client is safe for use by any number of users at once.
type Client struct {
	target string
	cfg    config
	key    string // the session value a user's connection is kept under
}

// keys numbers the Clients of a program, for their session values.
var keys atomic.Int64

// New returns a Client for target, a gRPC target such as "127.0.0.1:50051"
// or "dns:///svc.local:443". An empty target means the host and port of
// each user's Host (User.Host or -H): http://host:port in plaintext,
// https://host:port over TLS. The options add dial options, TLS, a default
// deadline and which stream messages are timed. New checks the target, but
// opens no connection: a URL such as http://host:port is refused (give it
// as the users' Host, with an empty target), as is a port that is none.
func New(target string, opts ...Option) (*Client, error) {
	c := &Client{target: target, cfg: config{timeout: gust.DefaultTimeout}}
	for _, o := range opts {
		o(&c.cfg)
	}
	if err := c.cfg.check(); err != nil {
		return nil, err
	}
	if err := checkTarget(target); err != nil {
		return nil, err
	}
	if target != "" {
		cc, err := grpc.NewClient(target, c.dialOptions(c.cfg.creds(false, false), nil)...)
		if err != nil {
			return nil, fmt.Errorf("gustgrpc: target %q: %w", target, err)
		}
		_ = cc.Close() // it never connected: NewClient connects on first use
	}
	c.key = "gustgrpc.conn." + strconv.FormatInt(keys.Add(1), 10)
	return c, nil
}

// checkTarget rejects what grpc-go would take for a DNS name and fail to
// call at every call: a URL (http://, https://, ws://), or a host:port whose
// port is not one.
func checkTarget(target string) error {
	if target == "" {
		return nil
	}
	if u, err := url.Parse(target); err == nil && u.Scheme != "" {
		if resolver.Get(u.Scheme) != nil {
			return nil // dns:///host:port, unix:///path, passthrough:///...
		}
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "ws", "wss", "grpc", "grpcs":
			return fmt.Errorf("gustgrpc: target %q is a URL, not a gRPC target: want host:port such as 127.0.0.1:50051 "+
				"(with WithTLS(nil) for TLS), or New(\"\") and the URL as each user's Host (User.Host or -H)", target)
		}
	}
	if !strings.Contains(target, ":") {
		return nil // a host name alone: gRPC calls its port 443
	}
	_, port, err := net.SplitHostPort(target)
	if err == nil {
		_, err = net.LookupPort("tcp", port)
	}
	if err != nil || port == "" {
		return fmt.Errorf("gustgrpc: target %q is not valid: want host:port such as 127.0.0.1:50051, "+
			"a gRPC target such as dns:///host:port or unix:///path, or \"\" for each user's Host", target)
	}
	return nil
}

// Conn returns the user's connection, made on first use and closed when
// the user stops (see gust.Session.Cleanup): each user has its own
// connection, as real clients do. It connects lazily, with the first call,
// so a server that is down fails the calls (status Unavailable), which are
// recorded; the connection reconnects by itself. Every call made through it
// is recorded (see the package documentation). Conn panics, which gust
// records as an exception, only when the target cannot be used at all, such
// as a user without a Host when New had no target.
func (c *Client) Conn(s *gust.Session) *grpc.ClientConn {
	if cc, ok := s.Value(c.key).(*grpc.ClientConn); ok {
		return cc
	}
	cc, r, err := c.dial(s)
	if err != nil {
		panic(err)
	}
	s.Set(c.key, cc)
	s.Cleanup(func() { r.close(); _ = cc.Close() })
	return cc
}

// dial makes s's connection, recording through s.
func (c *Client) dial(s *gust.Session) (*grpc.ClientConn, *recorder, error) {
	target, secure, err := c.resolve(s.Host())
	if err != nil {
		return nil, nil, err
	}
	r := &recorder{s: s, c: calls.Of(s), host: target, cfg: &c.cfg}
	cc, err := grpc.NewClient(target, c.dialOptions(c.cfg.creds(secure, r.c.Insecure()), r)...)
	if err != nil {
		return nil, nil, fmt.Errorf("gustgrpc: target %q: %w", target, err)
	}
	return cc, r, nil
}

// dialOptions are gust's dial options, then the author's.
func (c *Client) dialOptions(creds credentials.TransportCredentials, r *recorder) []grpc.DialOption {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	if r != nil {
		opts = append(opts, grpc.WithChainUnaryInterceptor(r.unary), grpc.WithChainStreamInterceptor(r.stream))
	}
	return append(opts, c.cfg.dial...)
}

// resolve returns the target to dial and whether the user's Host asks for
// TLS.
func (c *Client) resolve(host string) (target string, secure bool, err error) {
	if c.target != "" {
		return c.target, false, nil
	}
	if host == "" {
		return "", false, errors.New("gustgrpc: no target: give New a target, or the user a Host (User.Host or -H) such as http://127.0.0.1:50051")
	}
	u, err := url.Parse(host)
	if err != nil || u.Hostname() == "" {
		return "", false, fmt.Errorf("gustgrpc: the user's Host %q has no host:port to call", host)
	}
	secure = u.Scheme == "https"
	port := u.Port()
	if port == "" {
		port = map[bool]string{false: "80", true: "443"}[secure]
	}
	return net.JoinHostPort(u.Hostname(), port), secure, nil
}

// config is what the options set.
type config struct {
	dial     []grpc.DialOption
	tls      *tls.Config // WithTLS's configuration, used as it is
	tlsOn    bool        // WithTLS(nil): TLS with gust's configuration
	timeout  time.Duration
	messages Messages
}

// check reports an option out of range.
func (c *config) check() error {
	if c.timeout < 0 {
		return fmt.Errorf("gustgrpc: WithTimeout(%v): want 0 (none) or more", c.timeout)
	}
	if c.messages < Received || c.messages > NoMessages {
		return fmt.Errorf("gustgrpc: WithMessages(%d): want Received, Sent, Both or NoMessages", c.messages)
	}
	return nil
}

// creds returns the transport credentials: the configuration WithTLS gave,
// as it is; TLS when WithTLS(nil) asked for it or the Host is https,
// accepting any certificate when the user does (lax: User.InsecureSkipVerify,
// --insecure-skip-tls-verify); plaintext otherwise.
func (c *config) creds(secure, lax bool) credentials.TransportCredentials {
	switch {
	case c.tls != nil:
		return credentials.NewTLS(c.tls)
	case c.tlsOn || secure:
		return credentials.NewTLS(&tls.Config{InsecureSkipVerify: lax})
	}
	return insecure.NewCredentials()
}
