package transport

import (
	"context"

	"github.com/go-zeromq/zmq4"
	"github.com/gustload/gust/internal/cluster/lifecycle"
)

// run runs f, a blocking zmq4 call that knows no context, on a tracked
// goroutine and waits for it, for ctx or for close, whichever comes first.
func run(l *lifecycle.Group, ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	if !l.Go(func() { done <- f() }) {
		return ErrClosed
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-l.Context().Done():
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
