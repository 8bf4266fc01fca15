package transport

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/gustload/gust/internal/cluster/lifecycle"
)

// Backoff between connection attempts of a Dealer.
const (
	retryMin = 100 * time.Millisecond
	retryMax = 2 * time.Second
)

// Dealer is a worker's Transport: a ZeroMQ DEALER socket, with the node id
// as identity, connected to a master's ROUTER. It connects in the
// background, retrying until Close, and reconnects whenever the connection
// is lost or Reconnect is called (Locust's reconnect message). Send waits for
// a connection; frames in flight when a connection drops are lost.
type Dealer struct {
	id   string
	ep   string
	o    options
	life *lifecycle.Group
	in   chan []byte

	mu   sync.Mutex
	sock zmq4.Socket   // the live connection; nil while connecting
	up   chan struct{} // closed once sock is set; replaced when it is lost
	down chan struct{} // closed once sock is lost
}

// Dial returns a Dealer with identity id that connects to the master at
// addr ("host:port"). It returns at once: the connection is made in the
// background, so a worker may start before its master.
func Dial(addr, id string, opts ...Option) (*Dealer, error) {
	ep, err := endpoint(addr)
	if err != nil {
		return nil, err
	}
	if id == "" {
		return nil, fmt.Errorf("gust: cluster: empty node id")
	}
	d := &Dealer{id: id, ep: ep, o: newOptions(opts), life: lifecycle.New(),
		in: make(chan []byte, inQueue), up: make(chan struct{})}
	d.life.Go(d.run)
	return d, nil
}

// ID is the Dealer's identity, the worker's node id.
func (d *Dealer) ID() string { return d.id }

// run connects, receives until the connection ends, and starts over, until
// the Dealer closes.
func (d *Dealer) run() {
	for {
		sock := d.connect()
		if sock == nil {
			return
		}
		d.receive(sock)
		d.drop(sock)
	}
}

// connect dials until a connection is made (and returns its socket) or the
// Dealer closes (and returns nil).
func (d *Dealer) connect() zmq4.Socket {
	wait := retryMin
	for {
		sock := zmq4.NewDealer(d.life.Context(), zmq4.WithID(zmq4.SocketIdentity(d.id)),
			zmq4.WithDialerMaxRetries(0), zmq4.WithDialerTimeout(handshakeTimeout),
			zmq4.WithTimeout(writeTimeout), zmq4.WithLogger(d.o.zmqLogger()))
		err := sock.Dial(d.ep)
		if err == nil {
			d.mu.Lock()
			d.sock, d.down = sock, make(chan struct{})
			close(d.up)
			d.mu.Unlock()
			d.o.log.Debug("cluster: connected", "master", d.ep)
			return sock
		}
		_ = sock.Close()
		d.o.log.Debug("cluster: cannot connect yet", "master", d.ep, "err", err, "retry", wait)
		if !lifecycle.Sleep(d.life.Context(), wait) {
			return nil
		}
		wait = min(2*wait, retryMax)
	}
}

// receive moves frames from sock into d.in until the connection ends.
func (d *Dealer) receive(sock zmq4.Socket) {
	for {
		msg, err := sock.Recv() // fails when the connection is lost or sock closed
		if err != nil {
			return
		}
		if len(msg.Frames) != 1 {
			d.o.log.Debug("cluster: dropped a message of an unexpected shape", "frames", len(msg.Frames))
			continue
		}
		select {
		case d.in <- msg.Frames[0]:
		case <-d.life.Context().Done():
			return
		}
	}
}

// drop forgets and closes a connection that ended.
func (d *Dealer) drop(sock zmq4.Socket) {
	d.mu.Lock()
	if d.sock == sock {
		close(d.down)
		d.sock, d.up = nil, make(chan struct{})
	}
	d.mu.Unlock()
	_ = sock.Close()
	drain(sock)
	d.o.log.Debug("cluster: disconnected", "master", d.ep)
}

// Connected reports whether the Dealer has a connection to the master now.
func (d *Dealer) Connected() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sock != nil
}

// Reconnect drops the current connection; the Dealer connects again at once.
func (d *Dealer) Reconnect() {
	d.mu.Lock()
	sock := d.sock
	d.mu.Unlock()
	if sock != nil {
		_ = sock.Close()
	}
}

// Send sends frame to the master (peer is ignored) while ctx allows,
// waiting for a connection if there is none. When sending fails on a
// connection, Send drops it and tries again on the next one, so a frame may
// reach the master twice if the failure came after the master had it.
func (d *Dealer) Send(ctx context.Context, _ string, frame []byte) error {
	for {
		d.mu.Lock()
		sock, up, down := d.sock, d.up, d.down
		d.mu.Unlock()
		if sock == nil {
			down = up // wait for a connection
		} else {
			err := run(d.life, ctx, func() error { return sock.Send(zmq4.NewMsg(frame)) })
			if err == nil || ctx.Err() != nil || errors.Is(err, ErrClosed) {
				return wrapSend(err)
			}
			d.o.log.Debug("cluster: send failed, reconnecting", "master", d.ep, "err", err)
			_ = sock.Close() // ends receive, which reconnects
		}
		select {
		case <-down:
		case <-ctx.Done():
			return fmt.Errorf("gust: cluster: not connected to %s: %w", d.ep, ctx.Err())
		case <-d.life.Context().Done():
			return ErrClosed
		}
	}
}

func wrapSend(err error) error {
	if err == nil || errors.Is(err, ErrClosed) {
		return err
	}
	return fmt.Errorf("gust: cluster: send to master: %w", err)
}

// Recv returns the next frame from the master; the peer is always "".
func (d *Dealer) Recv(ctx context.Context) (string, []byte, error) {
	select {
	case b := <-d.in:
		return "", b, nil
	case <-ctx.Done():
		return "", nil, ctx.Err()
	case <-d.life.Context().Done():
		return "", nil, ErrClosed
	}
}

// Close disconnects and waits for every goroutine of the Dealer, zmq4's
// included, to return.
func (d *Dealer) Close() error {
	if d.life.Close() {
		d.life.Wait()
	}
	return nil
}
