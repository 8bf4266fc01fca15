package transport

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
)

func TestNetwork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		n := NewNetwork()
		m, w1, w2 := n.Master(), n.Worker("a_1"), n.Worker("b_2")
		for _, w := range []struct {
			t  Transport
			id string
		}{{w1, "a_1"}, {w2, "b_2"}} {
			if err := SendMessage(ctx, w.t, "", wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{}, NodeID: w.id}); err != nil {
				t.Fatal(err)
			}
			peer, msg, err := RecvMessage(ctx, m)
			if err != nil || peer != w.id || msg.NodeID != w.id {
				t.Fatalf("master got %+v from %q (%v), want client_ready from %q", msg, peer, err, w.id)
			}
		}
		if err := SendMessage(ctx, m, "b_2", wire.Message{Type: wire.TypeAck, Data: wire.Ack{Index: 1}, NodeID: "m"}); err != nil {
			t.Fatal(err)
		}
		if _, msg, err := RecvMessage(ctx, w2); err != nil || msg.Data != (wire.Ack{Index: 1}) {
			t.Fatalf("worker b got %+v, %v; want its ack", msg, err)
		}
		if err := m.Send(ctx, "nobody", []byte{0xc0}); err != nil {
			t.Errorf("Send to an unknown worker: %v, want it dropped", err)
		}
		short, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if _, _, err := w1.Recv(short); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("worker a Recv = %v, want nothing", err)
		}
	})
}

func TestNetworkClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		n := NewNetwork()
		m, w := n.Master(), n.Worker("a_1")
		w.Close()
		if err := m.Send(ctx, "a_1", []byte{0xc0}); err != nil {
			t.Errorf("Send to a closed worker: %v, want it dropped", err)
		}
		if _, _, err := w.Recv(ctx); !errors.Is(err, ErrClosed) {
			t.Errorf("Recv after Close = %v, want ErrClosed", err)
		}
		m.Close()
		w2 := n.Worker("a_1") // the worker comes back; its master is gone
		if err := w2.Send(ctx, "", []byte{0xc0}); err != nil {
			t.Errorf("Send to a closed master: %v, want it dropped", err)
		}
		if err := m.Send(ctx, "a_1", nil); !errors.Is(err, ErrClosed) {
			t.Errorf("Send after Close = %v, want ErrClosed", err)
		}
	})
}

// A reconnecting worker replaces its old end: frames go to the new one.
func TestNetworkReplacesWorker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		n := NewNetwork()
		m, old := n.Master(), n.Worker("a_1")
		fresh := n.Worker("a_1")
		if err := m.Send(ctx, "a_1", []byte("hi")); err != nil {
			t.Fatal(err)
		}
		if _, b, err := fresh.Recv(ctx); err != nil || string(b) != "hi" {
			t.Fatalf("new end got %q, %v; want hi", b, err)
		}
		old.Close() // closing the replaced end leaves the new one registered
		if err := m.Send(ctx, "a_1", []byte("again")); err != nil {
			t.Fatal(err)
		}
		if _, b, err := fresh.Recv(ctx); err != nil || string(b) != "again" {
			t.Fatalf("new end got %q, %v; want again", b, err)
		}
	})
}
