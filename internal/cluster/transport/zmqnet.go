package transport

import (
	"context"
	"fmt"
	"net"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// scheme is the zmq4 transport under which gust registers guarded TCP. On
// the wire it is plain ZMTP over TCP, what Locust's tcp:// endpoints speak.
const scheme = "gusttcp"

var registerOnce = sync.OnceValue(func() error {
	return zmq4.RegisterTransport(scheme, guardedTCP{})
})

// endpoint returns the zmq4 endpoint for a "host:port" address, registering
// the guarded transport the first time.
func endpoint(addr string) (string, error) {
	if err := registerOnce(); err != nil {
		return "", err
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", fmt.Errorf("gust: cluster address %q: want host:port: %w", addr, err)
	}
	return scheme + "://" + addr, nil
}

// guardedTCP is a zmq4 transport whose connections are guardedConns.
type guardedTCP struct{}

// Dial connects and closes the connection when ctx, the socket's life, ends,
// so closing a socket also interrupts a handshake in progress.
func (guardedTCP) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	g := newGuardedConn(c, nil)
	stop := context.AfterFunc(ctx, func() { _ = g.Close() })
	g.onClose = func() { stop() }
	return g, nil
}

// Listen listens on TCP and guards every accepted connection.
func (guardedTCP) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	g := newGuardedListener(l)
	if h := handshakesOf(ctx); h != nil {
		g.onAccept = h.accepted
	}
	return g, nil
}

// Addr maps "*" to all interfaces and the wildcard port to any port.
func (guardedTCP) Addr(ep string) (string, error) {
	host, port, err := net.SplitHostPort(ep)
	if err != nil {
		return "", err
	}
	if host == "*" {
		host = ""
	}
	if port == "*" || port == "" {
		port = "0"
	}
	return net.JoinHostPort(host, port), nil
}
