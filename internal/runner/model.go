package runner

import (
	"context"
	"time"
)

// startModel stops the load model running, if any, and returns the context
// of a new one, whose goroutine must call r.modelWG.Done when it returns.
func (r *Runner) startModel() context.Context {
	r.stopModel()
	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	r.model = cancel
	r.mu.Unlock()
	r.modelWG.Add(1)
	return ctx
}

// stopModel cancels the load model's goroutine and waits for it to return.
// The goroutine itself must never call it (nor Stop or Kill, which do).
func (r *Runner) stopModel() {
	r.mu.Lock()
	cancel := r.model
	r.model = nil
	r.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	r.modelWG.Wait()
}

// waiter sleeps until given moments, reusing one timer: a scheduler that
// wakes thousands of times a second should not make a timer each time.
type waiter struct{ t *time.Timer }

// until waits until at or until ctx ends; it reports whether at came. A
// moment already past returns at once, so a waiter that fell behind catches up.
func (w *waiter) until(ctx context.Context, at time.Time) bool {
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err() == nil
	}
	if w.t == nil {
		w.t = time.NewTimer(d)
	} else {
		w.t.Reset(d)
	}
	select {
	case <-w.t.C:
		return true
	case <-ctx.Done():
		w.t.Stop()
		return false
	}
}

// stop releases the timer.
func (w *waiter) stop() {
	if w.t != nil {
		w.t.Stop()
	}
}
