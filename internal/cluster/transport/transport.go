package transport

import (
	"context"
	"errors"

	"github.com/gustload/gust/internal/cluster/wire"
)

// Transport carries raw frames between a master and its workers. The
// ZeroMQ implementations are Router (a master) and Dealer (a worker);
// Network provides in-memory ones for tests. Implementations are safe for
// concurrent use.
type Transport interface {
	// Send delivers one frame. On a master, peer is the identity (node id)
	// of the worker it is for; a frame for an unknown peer is dropped, as a
	// ZeroMQ ROUTER does. On a worker, peer is ignored. Send gives up when
	// ctx is done; a frame given up on may still be delivered.
	Send(ctx context.Context, peer string, frame []byte) error
	// Recv returns the next frame and, on a master, the identity of the
	// worker that sent it ("" on a worker).
	Recv(ctx context.Context) (peer string, frame []byte, err error)
	// Close releases the transport and every goroutine it started. Send and
	// Recv return ErrClosed afterwards.
	Close() error
}

// SendMessage encodes m and sends it to peer.
func SendMessage(ctx context.Context, t Transport, peer string, m wire.Message) error {
	b, err := wire.Encode(m)
	if err != nil {
		return err
	}
	return t.Send(ctx, peer, b)
}

// RecvMessage receives and decodes the next message. A frame that cannot be
// decoded gives an error wrapping ErrMalformed together with the peer (and
// the type and node id when those could be read), so the caller can log it,
// drop it and carry on, or ask a known worker to reconnect as Locust does.
func RecvMessage(ctx context.Context, t Transport) (peer string, m wire.Message, err error) {
	peer, b, err := t.Recv(ctx)
	if err != nil {
		return peer, wire.Message{}, err
	}
	m, err = wire.Decode(b)
	return peer, m, err
}

var (
	_ Transport = (*Router)(nil)
	_ Transport = (*Dealer)(nil)
	_ Transport = (*memEnd)(nil)
)

// ErrClosed is returned by a Transport's Send and Recv once it is closed.
var ErrClosed = errors.New("gust: cluster transport closed")
