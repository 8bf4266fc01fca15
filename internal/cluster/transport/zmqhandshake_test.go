package transport

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cluster/peerlog"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/syncbuf"
)

// Peers that connect and send junk instead of a ZMTP greeting get their
// connections closed at once (zmq4 abandons them open), a few lines of log
// and a count, not a line each; a worker after them joins as ever.
func TestJunkConnectionsAreClosedAndLoggedWithinBounds(t *testing.T) {
	ctx := waitCtx(t)
	var log syncbuf.Buffer
	r, err := Listen("127.0.0.1:0", WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	const conns = 100
	junk := []byte(strings.Repeat("junk", 20)) // a 64-byte greeting's worth, and more
	for range conns {
		c, err := net.Dial("tcp", r.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := c.Write(junk); err != nil {
			t.Fatal(err)
		}
		// The master closes the connection: Read ends (EOF, or a reset for
		// the junk it did not read) instead of waiting for testTimeout.
		_ = c.SetReadDeadline(time.Now().Add(testTimeout))
		if _, err := io.ReadAll(c); isTimeout(err) {
			t.Fatalf("a junk connection is still open after %v", testTimeout)
		}
	}
	d := dial(t, r.Addr().String(), wire.NodeIDFor("host1"))
	exchange(t, ctx, r, d)
	r.Close() // reports what was suppressed
	text := log.String()
	if n, max := strings.Count(text, "\n"), peerlog.Total+peerlog.Reports+1; n > max {
		t.Errorf("%d lines of log for %d junk connections, want at most %d:\n%s", n, conns, max, text)
	}
	if n := strings.Count(text, "cluster: a peer failed the ZMTP handshake"); n != peerlog.PerPeer {
		t.Errorf("%d warnings about the handshake, want %d:\n%s", n, peerlog.PerPeer, text)
	}
	if want := fmt.Sprintf("%d more warnings from 127.0.0.1 suppressed", conns-peerlog.PerPeer); !strings.Contains(text, want) {
		t.Errorf("no %q in\n%s", want, text)
	}
}

// A handshake that fails while the Router closes (its connection closed
// under it) has its connection closed without a warning; one that fails
// before is warned about.
func TestAHandshakeFailingWhileClosingIsNotWarnedAbout(t *testing.T) {
	var log syncbuf.Buffer
	h := &handshakes{warns: peerlog.New(slog.New(slog.NewTextHandler(&log, nil)))}
	fail := func() *guardedConn {
		a, b := net.Pipe()
		t.Cleanup(func() { a.Close(); b.Close() })
		g := newGuardedConn(a, nil)
		h.accepted(g)
		if _, err := h.Write([]byte("could not open a ZMTP connection\n")); err != nil {
			t.Fatal(err)
		}
		return g
	}
	if g := fail(); !g.closed.Load() || !strings.Contains(log.String(), "failed the ZMTP handshake") {
		t.Fatalf("before the close: connection closed %v, log %q; want closed and a warning", g.closed.Load(), log.String())
	}
	log.Reset()
	h.closing.Store(true)
	if g := fail(); !g.closed.Load() || log.String() != "" {
		t.Errorf("while closing: connection closed %v, log %q; want closed and no warning", g.closed.Load(), log.String())
	}
	h.warns.Close()
	if log.String() != "" {
		t.Errorf("while closing, the failure was counted as suppressed: %q", log.String())
	}
}
