package transport

import (
	"errors"
	"net"
	"sync"
	"time"
)

// acceptRetry is how long the listener waits after a failed accept (out of
// file descriptors, say) before it tries again.
const acceptRetry = 50 * time.Millisecond

// guardedListener hands zmq4 guardedConns, and only those whose peer has
// begun its ZMTP greeting: zmq4 handshakes the connections it accepts one
// at a time, so a peer that connects and says nothing would otherwise keep
// every worker after it waiting for the handshake timeout. Each new
// connection waits for its peer's signature on its own goroutine. Closing
// the listener closes every connection still tracked, admitted or not, so
// no handshake outlives the socket.
type guardedListener struct {
	net.Listener
	ready chan *guardedConn // admitted, for Accept
	done  chan struct{}     // closed by Close
	// onAccept, when set, learns of every connection Accept returns.
	onAccept func(*guardedConn)

	mu     sync.Mutex
	conns  map[*guardedConn]struct{}
	closed bool
}

func newGuardedListener(l net.Listener) *guardedListener {
	g := &guardedListener{Listener: l, ready: make(chan *guardedConn), done: make(chan struct{}),
		conns: make(map[*guardedConn]struct{})}
	go g.acceptLoop()
	return g
}

// Accept returns the next connection whose peer has begun its greeting.
func (l *guardedListener) Accept() (net.Conn, error) {
	select {
	case g := <-l.ready:
		if l.onAccept != nil {
			l.onAccept(g)
		}
		return g, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// acceptLoop takes TCP connections until the listener closes.
func (l *guardedListener) acceptLoop() {
	for {
		c, err := l.Listener.Accept()
		switch {
		case errors.Is(err, net.ErrClosed):
			return
		case err != nil:
			select {
			case <-time.After(acceptRetry):
				continue
			case <-l.done:
				return
			}
		}
		if g := l.track(c); g != nil {
			go l.admit(g)
		}
	}
}

// track guards c and remembers it; nil (c closed) once the listener is
// closed.
func (l *guardedListener) track(c net.Conn) *guardedConn {
	var g *guardedConn
	g = newGuardedConn(c, func() { l.forget(g) })
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		_ = c.Close()
		return nil
	}
	l.conns[g] = struct{}{}
	return g
}

// admit hands g to Accept once its peer has sent the ZMTP signature, or
// closes it when the peer does not within the handshake timeout.
func (l *guardedListener) admit(g *guardedConn) {
	if err := g.awaitSignature(); err != nil {
		_ = g.Close()
		return
	}
	select {
	case l.ready <- g:
	case <-l.done:
		_ = g.Close()
	}
}

func (l *guardedListener) forget(g *guardedConn) {
	l.mu.Lock()
	delete(l.conns, g)
	l.mu.Unlock()
}

// Close stops listening and closes the connections still tracked.
func (l *guardedListener) Close() error {
	err := l.Listener.Close()
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.done)
	}
	conns := make([]*guardedConn, 0, len(l.conns))
	for g := range l.conns {
		conns = append(conns, g)
	}
	l.mu.Unlock()
	for _, g := range conns {
		_ = g.Close()
	}
	return err
}
