package transport

import (
	"context"
	"io"
	"net"
	"strings"
	"sync/atomic"

	"github.com/gustload/gust/internal/cluster/peerlog"
)

// handshakes follows the connections a Router's socket accepts, so that a
// failed ZMTP handshake is put down to its peer and its connection closed.
// zmq4 handshakes accepted connections one at a time, on one goroutine;
// when a handshake fails it logs a line (the only line a listening zmq4
// socket logs), without the peer's address, and abandons the connection
// without closing it. So the connection that failed is the one it
// accepted last.
//
// While the Router closes, a handshake under way fails because the Router
// closed its connection (a worker reconnecting as the master goes, say):
// that is no fault of the peer, and whether it happens before or after the
// close is a matter of scheduling, so it is not warned about.
type handshakes struct {
	last    atomic.Pointer[guardedConn] // accepted last, handshake under way or done
	warns   *peerlog.Limiter
	closing atomic.Bool // set by Router.Close before it closes the socket
}

// handshakesKey carries a Router's handshakes in the context its socket
// gives guardedTCP.Listen.
type handshakesKey struct{}

func withHandshakes(ctx context.Context, h *handshakes) context.Context {
	return context.WithValue(ctx, handshakesKey{}, h)
}

// handshakesOf returns the handshakes in ctx, or nil.
func handshakesOf(ctx context.Context) *handshakes {
	h, _ := ctx.Value(handshakesKey{}).(*handshakes)
	return h
}

// accepted notes the connection zmq4 handshakes next.
func (h *handshakes) accepted(g *guardedConn) { h.last.Store(g) }

// Write takes a line zmq4 logs about a failed handshake: it closes that
// connection and warns, within the limits of the peer's share, unless the
// Router is closing.
func (h *handshakes) Write(p []byte) (int, error) {
	g := h.last.Swap(nil)
	if h.closing.Load() {
		if g != nil {
			_ = g.Close()
		}
		return len(p), nil
	}
	peer := ""
	if g != nil {
		peer = hostOf(g.RemoteAddr())
	}
	h.warns.Warn(peer, "cluster: a peer failed the ZMTP handshake", "peer", peer,
		"error", strings.TrimSpace(string(p)), "component", "zmq4")
	if g != nil {
		_ = g.Close()
	}
	return len(p), nil
}

// hostOf is the host of a TCP address, without the port: a peer that
// connects again comes from another port.
func hostOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	return a.String()
}

var _ io.Writer = (*handshakes)(nil)
