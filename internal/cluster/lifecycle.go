package cluster

import (
	"context"
	"sync"
	"time"
)

// lifecycle tracks the goroutines of a Master so Close can cancel them and
// wait until every one has returned. (The transport has its own, which also
// runs blocking socket calls; the two share no code so that neither layer
// exports its bookkeeping.)
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

// sleep waits for d or ctx, and reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
