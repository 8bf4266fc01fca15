package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
)

// testTimeout bounds every wait of the network tests, which then fail
// instead of hanging; it is not a timing assertion.
const testTimeout = 20 * time.Second

func listen(t *testing.T, addr string) *Router {
	t.Helper()
	r, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func dial(t *testing.T, addr, id string) *Dealer {
	t.Helper()
	d, err := Dial(addr, id)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// exchange has the worker announce itself and the master acknowledge it.
func exchange(t *testing.T, ctx context.Context, r *Router, d *Dealer) {
	t.Helper()
	ready := wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{Version: wire.SkipVersionCheck}, NodeID: d.ID()}
	if err := SendMessage(ctx, d, "", ready); err != nil {
		t.Fatal(err)
	}
	peer, m, err := RecvMessage(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if peer != d.ID() || m.Type != wire.TypeClientReady || m.NodeID != d.ID() || m.Data != (wire.ClientReady{Version: wire.SkipVersionCheck}) {
		t.Fatalf("master got %+v from %q, want client_ready -1 from %q", m, peer, d.ID())
	}
	if err := SendMessage(ctx, r, peer, wire.Message{Type: wire.TypeAck, Data: wire.Ack{Index: 0}, NodeID: "master_1"}); err != nil {
		t.Fatal(err)
	}
	_, m, err = RecvMessage(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if m.Type != wire.TypeAck || m.Data != (wire.Ack{Index: 0}) {
		t.Fatalf("worker got %+v, want ack index 0", m)
	}
}

func TestRouterDealerExchange(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	d1 := dial(t, r.Addr().String(), wire.NodeIDFor("host1"))
	d2 := dial(t, r.Addr().String(), wire.NodeIDFor("host2"))
	exchange(t, ctx, r, d1)
	exchange(t, ctx, r, d2)
	// Frames go to the addressed worker only.
	if err := SendMessage(ctx, r, d2.ID(), wire.Message{Type: wire.TypeHeartbeat, Data: wire.Heartbeat{}, NodeID: "master_1"}); err != nil {
		t.Fatal(err)
	}
	if _, m, err := RecvMessage(ctx, d2); err != nil || m.Type != wire.TypeHeartbeat {
		t.Fatalf("worker 2 got %+v, %v; want a heartbeat", m, err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, _, err := d1.Recv(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("worker 1 Recv = %v, want nothing (deadline exceeded)", err)
	}
}

func TestRouterDropsUnknownPeer(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	d := dial(t, r.Addr().String(), wire.NodeIDFor("h"))
	exchange(t, ctx, r, d)
	if err := r.Send(ctx, "nobody_0", []byte{0xc0}); err != nil {
		t.Errorf("Send to an unknown worker: %v, want it dropped silently", err)
	}
	exchange(t, ctx, r, d)
}

func TestDealerStartsBeforeRouter(t *testing.T) {
	ctx := waitCtx(t)
	addr := freeAddr(t)
	d := dial(t, addr, wire.NodeIDFor("early"))
	sent := make(chan error, 1)
	go func() {
		sent <- SendMessage(ctx, d, "", wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{Version: wire.SkipVersionCheck}, NodeID: d.ID()})
	}()
	r := listen(t, addr)
	if _, m, err := RecvMessage(ctx, r); err != nil || m.Type != wire.TypeClientReady {
		t.Fatalf("master got %+v, %v; want the early worker's client_ready", m, err)
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
}

func TestDealerReconnectsToNewRouter(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	addr := r.Addr().String()
	d := dial(t, addr, wire.NodeIDFor("h"))
	exchange(t, ctx, r, d)
	r.Close()
	r2 := listen(t, addr)
	// Frames sent while the Dealer has not yet noticed the loss are lost, so
	// keep announcing until the new master hears one, as Locust's workers do.
	for {
		if err := SendMessage(ctx, d, "", wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{Version: wire.SkipVersionCheck}, NodeID: d.ID()}); err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		_, m, err := RecvMessage(short, r2)
		cancel()
		if err == nil && m.Type == wire.TypeClientReady {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("the worker never reached the restarted master")
		}
	}
}

func TestDealerReconnect(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	d := dial(t, r.Addr().String(), wire.NodeIDFor("h"))
	exchange(t, ctx, r, d)
	d.Reconnect()
	for { // as above: a frame may fall between the two connections
		if err := d.Send(ctx, "", mustEncode(t, wire.Message{Type: wire.TypeHeartbeat, Data: wire.Heartbeat{State: "ready"}, NodeID: d.ID()})); err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		peer, _, err := r.Recv(short)
		cancel()
		if err == nil && peer == d.ID() {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("no frame after Reconnect")
		}
	}
	exchange(t, ctx, r, d)
}

func TestClosedTransport(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	d := dial(t, r.Addr().String(), wire.NodeIDFor("h"))
	for _, tr := range []Transport{r, d} {
		if err := tr.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := tr.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if err := tr.Send(ctx, "x", []byte{0xc0}); !errors.Is(err, ErrClosed) {
			t.Errorf("Send after Close = %v, want ErrClosed", err)
		}
		if _, _, err := tr.Recv(ctx); !errors.Is(err, ErrClosed) {
			t.Errorf("Recv after Close = %v, want ErrClosed", err)
		}
	}
}

func TestListenAndDialErrors(t *testing.T) {
	if _, err := Listen("no-port"); err == nil {
		t.Error("Listen without a port succeeded")
	}
	r := listen(t, "127.0.0.1:0")
	if _, err := Listen(r.Addr().String()); err == nil {
		t.Error("Listen on a port in use succeeded")
	}
	if _, err := Dial("127.0.0.1:1", ""); err == nil {
		t.Error("Dial with an empty id succeeded")
	}
}

// A peer that declares a huge frame is disconnected before zmq4 allocates
// it, and the master goes on serving the others.
func TestRouterSurvivesHugeFrame(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	raw, err := net.Dial("tcp", r.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(testTimeout))
	handshake := cat(zmtpGreeting(), shortFrame(0x04, zmtpReady("DEALER", "evil_0")))
	if _, err := raw.Write(cat(handshake, longFrame(0, 1<<50, nil))); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, raw); err != nil {
		t.Fatalf("reading until the master hangs up: %v", err)
	}
	d := dial(t, r.Addr().String(), wire.NodeIDFor("good"))
	exchange(t, ctx, r, d)
}

// zmtpReady is the body of a READY command with the given properties.
func zmtpReady(socketType, identity string) []byte {
	b := []byte("\x05READY")
	for _, kv := range [][2]string{{"Socket-Type", socketType}, {"Identity", identity}} {
		b = append(b, byte(len(kv[0])))
		b = append(b, kv[0]...)
		b = append(b, 0, 0, 0, byte(len(kv[1])))
		b = append(b, kv[1]...)
	}
	return b
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// A connection that never speaks ZMTP (a port scan, a TCP health check left
// open) must not hold up workers that connect after it: zmq4 handshakes
// one accepted connection at a time, so the listener hands it only peers
// that have begun their greeting.
func TestSilentConnectionDoesNotDelayAWorker(t *testing.T) {
	ctx := waitCtx(t)
	r := listen(t, "127.0.0.1:0")
	silent, err := net.Dial("tcp", r.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	d := dial(t, r.Addr().String(), wire.NodeIDFor("host1"))
	exchange(t, ctx, r, d)
	// zmq4 greets a connection it accepts; had it taken the silent one (and
	// made the worker wait for that handshake to time out), these bytes
	// would be there.
	_ = silent.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, err := silent.Read(make([]byte, 64)); !isTimeout(err) {
		t.Errorf("the silent connection: Read = %d bytes, %v; want nothing (a timeout): zmq4 handshook it first", n, err)
	}
}
