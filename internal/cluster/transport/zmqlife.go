package transport

import (
	"context"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// lifecycle tracks the goroutines of a Router or Dealer so Close can cancel
// them and wait until every one has returned.
type lifecycle struct {
	ctx    context.Context // cancelled by close
	cancel context.CancelFunc
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newLifecycle() *lifecycle {
	ctx, cancel := context.WithCancel(context.Background())
	return &lifecycle{ctx: ctx, cancel: cancel}
}

// start runs f on a tracked goroutine, unless already closed.
func (l *lifecycle) start(f func()) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false
	}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		f()
	}()
	return true
}

// close cancels the context and reports whether this call closed it.
func (l *lifecycle) close() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false
	}
	l.closed = true
	l.cancel()
	return true
}

// run runs f, a blocking zmq4 call that knows no context, on a tracked
// goroutine and waits for it, for ctx or for close, whichever comes first.
func (l *lifecycle) run(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	if !l.start(func() { done <- f() }) {
		return ErrClosed
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-l.ctx.Done():
		return ErrClosed
	}
}

// drain empties zmq4's receive queue once a socket is closed. zmq4's
// per-connection readers block on that queue (10 frames) without watching
// the socket's context; emptying it lets them reach the closed connection and
// return. Recv on a closed socket picks at random between reporting the end
// and handing out a queued frame, so the queue counts as empty only after
// many ends in a row.
func drain(sock zmq4.Socket) {
	for misses := 0; misses < 64; {
		if _, err := sock.Recv(); err != nil {
			misses++
		} else {
			misses = 0
		}
	}
}
