package gustgrpc

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// CountWatches makes the package count, until t ends, the functions it
// registers on a context (context.AfterFunc) and has not yet run or
// stopped: what a stream holds on the session's context, or its own.
func CountWatches(t testing.TB) *atomic.Int64 {
	var live atomic.Int64
	orig := afterFunc
	afterFunc = func(ctx context.Context, f func()) func() bool {
		live.Add(1)
		var once sync.Once
		release := func() { once.Do(func() { live.Add(-1) }) }
		stop := orig(ctx, func() { release(); f() })
		return func() bool {
			stopped := stop()
			if stopped {
				release()
			}
			return stopped
		}
	}
	t.Cleanup(func() { afterFunc = orig })
	return &live
}
