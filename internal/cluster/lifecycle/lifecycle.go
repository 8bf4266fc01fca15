package lifecycle

import (
	"context"
	"sync"
	"time"
)

// A Group tracks the goroutines of one node (a master, a worker's or a
// master's socket), so that closing it cancels them all and Wait returns
// once every one has returned.
type Group struct {
	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// New returns an open Group.
func New() *Group {
	ctx, cancel := context.WithCancel(context.Background())
	return &Group{ctx: ctx, cancel: cancel}
}

// Context is cancelled when the Group is closed.
func (g *Group) Context() context.Context { return g.ctx }

// Go runs f on a tracked goroutine and reports true, unless the Group is
// already closed.
func (g *Group) Go(f func()) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
	return true
}

// Close cancels the Group's context and reports whether this call closed it.
func (g *Group) Close() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.closed = true
	g.cancel()
	return true
}

// Wait waits until every goroutine started by Go has returned.
func (g *Group) Wait() { g.wg.Wait() }

// Sleep waits for d or until ctx is done, and reports whether d passed.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
