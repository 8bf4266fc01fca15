package gustgrpc

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/calls"
)

// recorder is one user's interceptors: it records that user's calls
// through its Session.
type recorder struct {
	s    *gust.Session
	c    *calls.Session // s, as gust's own HTTP requests see it
	host string         // the target, which calls in flight are followed under
	cfg  *config

	mu      sync.Mutex           // guards the streams' ends and what follows
	open    map[*stream]struct{} // streams not yet ended
	ended   []*stream            // streams their context ended, to record in the user's goroutine
	pending atomic.Bool
}

// close is the user's end: the streams still open when the test ended,
// which no one read again, were cut short by it; and what the streams'
// contexts ended is recorded.
func (r *recorder) close() {
	if r.s.Context().Err() != nil {
		r.mu.Lock()
		open := make([]*stream, 0, len(r.open))
		for st := range r.open {
			open = append(open, st)
		}
		r.mu.Unlock()
		cut := status.FromContextError(context.Canceled).Err()
		for _, st := range open {
			if st.stop(time.Now(), cut) {
				st.record()
			}
		}
	}
	r.flush()
}

// later keeps st, which its context ended, for the user's goroutine to
// record: Session.Record belongs to that goroutine.
func (r *recorder) later(st *stream) {
	r.mu.Lock()
	r.ended = append(r.ended, st)
	r.pending.Store(true)
	r.mu.Unlock()
}

// flush records, in the user's goroutine, the lives of the streams that
// their context ended since the last flush: at each call, each stream's
// end and when the user stops.
func (r *recorder) flush() {
	if !r.pending.Load() {
		return
	}
	r.mu.Lock()
	ended := r.ended
	r.ended = nil
	r.pending.Store(false)
	r.mu.Unlock()
	for _, st := range ended {
		st.record()
	}
}

// unary is the unary client interceptor: it times the call and records it
// under its full method name (or its Name), with the status as the failure.
func (r *recorder) unary(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoke grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	r.flush()
	ctx, cancel := r.bound(ctx, r.cfg.timeout)
	call := r.c.Begin(r.host)
	start := time.Now()
	err := invoke(ctx, method, req, reply, cc, opts...)
	took := time.Since(start)
	cancel()
	var size int64
	if err == nil {
		size = sizeOf(reply)
	}
	call.End(Type, nameOf(method, opts), took, size, reason(err), phase(cc, err, calls.Waiting))
	return err
}

// bound returns ctx, bounded by timeout when it has no deadline (and
// timeout > 0) and ended when the test ends (the session's context).
func (r *recorder) bound(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	test := r.s.Context()
	derived := ctx == test // the common case: nothing to link
	var cancel context.CancelFunc
	if _, ok := ctx.Deadline(); !ok && timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	if derived {
		return ctx, cancel
	}
	stop := afterFunc(test, cancel)
	return ctx, func() { stop(); cancel() }
}

// afterFunc is context.AfterFunc; a test counts through it the functions
// registered and not yet run or stopped.
var afterFunc = context.AfterFunc

// phase is what a call that failed with err was doing, should the end of
// the test have cut it short: connecting while cc is not ready, otherwise
// what the caller says.
func phase(cc *grpc.ClientConn, err error, otherwise string) string {
	if err != nil && cc.GetState() != connectivity.Ready {
		return calls.Connecting
	}
	return otherwise
}

// reason turns a call's error into the failure gust records: the status
// code's name, then its message ("Unavailable: connection refused").
func reason(err error) error {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		return err
	}
	if st.Message() == "" {
		return errors.New(st.Code().String())
	}
	return errors.New(st.Code().String() + ": " + st.Message())
}

// sizeOf is the encoded size of a message, or 0 for one that is not a
// protocol buffer.
func sizeOf(m any) int64 {
	if pm, ok := m.(proto.Message); ok {
		return int64(proto.Size(pm))
	}
	return 0
}
