package transport

import (
	"context"
	"sync"
)

// memQueue is how many frames an in-memory end holds before senders wait.
const memQueue = 1024

// Network is an in-memory network of one master and any number of workers,
// for tests of master and worker logic, including under testing/synctest
// where real sockets cannot be used. Frames are delivered in order; a frame
// for a closed or unknown end is dropped, as on a real network.
type Network struct {
	mu      sync.Mutex
	master  *memEnd
	workers map[string]*memEnd
}

// NewNetwork returns an empty network.
func NewNetwork() *Network {
	n := &Network{workers: make(map[string]*memEnd)}
	n.master = newMemEnd(n, "")
	return n
}

// Master returns the master's end: Send addresses workers by id, Recv
// reports the id of the sender.
func (n *Network) Master() Transport { return n.master }

// Worker returns a new end for the worker id, connected at once. A later
// Worker with the same id replaces it (a reconnection); the old end then
// receives nothing more.
func (n *Network) Worker(id string) Transport {
	w := newMemEnd(n, id)
	n.mu.Lock()
	n.workers[id] = w
	n.mu.Unlock()
	return w
}

// inbound is a received frame and the identity of its sender.
type inbound struct {
	from  string
	frame []byte
}

// memEnd is one end of a Network: the master when id is "", else a worker.
type memEnd struct {
	net   *Network
	id    string
	in    chan inbound
	done  chan struct{}
	close sync.Once
}

func newMemEnd(n *Network, id string) *memEnd {
	return &memEnd{net: n, id: id, in: make(chan inbound, memQueue), done: make(chan struct{})}
}

// peer returns the end a frame from e to peer goes to, or nil.
func (e *memEnd) peer(peer string) *memEnd {
	if e.id != "" {
		return e.net.master
	}
	e.net.mu.Lock()
	defer e.net.mu.Unlock()
	return e.net.workers[peer]
}

// Send queues frame for the peer (the master, from a worker).
func (e *memEnd) Send(ctx context.Context, peer string, frame []byte) error {
	select {
	case <-e.done:
		return ErrClosed
	default:
	}
	to := e.peer(peer)
	if to == nil {
		return nil
	}
	select {
	case to.in <- inbound{from: e.id, frame: frame}:
		return nil
	case <-to.done: // dropped, as by a peer that went away
		return nil
	case <-e.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Recv returns the next queued frame.
func (e *memEnd) Recv(ctx context.Context) (string, []byte, error) {
	select {
	case f := <-e.in:
		return f.from, f.frame, nil
	case <-e.done:
		return "", nil, ErrClosed
	case <-ctx.Done():
		return "", nil, ctx.Err()
	}
}

// Close ends this end; a worker end also leaves the network.
func (e *memEnd) Close() error {
	e.close.Do(func() {
		close(e.done)
		if e.id == "" {
			return
		}
		e.net.mu.Lock()
		if e.net.workers[e.id] == e {
			delete(e.net.workers, e.id)
		}
		e.net.mu.Unlock()
	})
	return nil
}
