package transport

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"

	"github.com/go-zeromq/zmq4"
	"github.com/gustload/gust/internal/cluster/lifecycle"
	"github.com/gustload/gust/internal/cluster/peerlog"
)

// inQueue is how many received frames wait for Recv before the socket stops
// reading (and TCP pushes back on the senders).
const inQueue = 256

// Router is a master's Transport: a ZeroMQ ROUTER socket bound to an
// address, to which Locust's and gust's workers connect with their node id
// as identity. A frame from a worker arrives with that identity; Send
// addresses a worker by it.
type Router struct {
	sock zmq4.Socket
	life *lifecycle.Group
	in   chan inbound
	o    options
	hs   *handshakes
}

// Listen binds a ROUTER socket at addr, "host:port" ("*:5557" or ":5557"
// for every interface, port 0 for any free port).
func Listen(addr string, opts ...Option) (*Router, error) {
	ep, err := endpoint(addr)
	if err != nil {
		return nil, err
	}
	o := newOptions(opts)
	life := lifecycle.New()
	hs := &handshakes{warns: peerlog.New(o.log)}
	sock := zmq4.NewRouter(withHandshakes(life.Context(), hs), zmq4.WithLogger(log.New(hs, "", 0)),
		zmq4.WithTimeout(writeTimeout))
	if err := sock.Listen(ep); err != nil {
		life.Close()
		_ = sock.Close()
		hs.warns.Close()
		return nil, fmt.Errorf("gust: cluster: listen on %s: %w", addr, err)
	}
	r := &Router{sock: sock, life: life, in: make(chan inbound, inQueue), o: o, hs: hs}
	life.Go(r.pump)
	return r, nil
}

// Addr is the address the socket is bound to, with the actual port.
func (r *Router) Addr() net.Addr { return r.sock.Addr() }

// pump moves received frames into r.in until the socket closes.
func (r *Router) pump() {
	for {
		msg, err := r.sock.Recv() // fails only once the socket's context ends
		if err != nil {
			return
		}
		if len(msg.Frames) != 2 {
			r.o.log.Debug("cluster: dropped a message of an unexpected shape", "frames", len(msg.Frames))
			continue
		}
		select {
		case r.in <- inbound{from: string(msg.Frames[0]), frame: msg.Frames[1]}:
		case <-r.life.Context().Done():
			return
		}
	}
}

// Send sends frame to the worker whose identity is peer. As from a ZeroMQ
// ROUTER, a frame for a worker that is not connected is dropped, and so is
// one whose connection fails while it is written (zmq4 then drops that
// connection; the worker reconnects). Send fails only when ctx ends or the
// Router is closed. A worker that has just reconnected can briefly have its
// dead connection too, and a write error there must not hide the delivery on
// the live one.
func (r *Router) Send(ctx context.Context, peer string, frame []byte) error {
	msg := zmq4.NewMsgFrom([]byte(peer), frame)
	err := run(r.life, ctx, func() error { return r.sock.Send(msg) })
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrClosed):
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("gust: cluster: send to %s: %w", peer, err)
	}
	r.o.log.Debug("cluster: send failed, connection dropped", "worker", peer, "err", err)
	return nil
}

// Recv returns the next frame and the identity of the worker that sent it.
func (r *Router) Recv(ctx context.Context) (string, []byte, error) {
	select {
	case f := <-r.in:
		return f.from, f.frame, nil
	case <-ctx.Done():
		return "", nil, ctx.Err()
	case <-r.life.Context().Done():
		return "", nil, ErrClosed
	}
}

// Close unbinds the socket, disconnects every worker and waits for every
// goroutine of the Router, zmq4's included, to return. A handshake that
// fails once Close has begun is not warned about (see handshakes).
func (r *Router) Close() error {
	r.hs.closing.Store(true)
	if !r.life.Close() {
		return nil
	}
	_ = r.sock.Close() // errors only about connections already closed
	r.life.Wait()
	drain(r.sock)
	r.hs.warns.Close()
	return nil
}
