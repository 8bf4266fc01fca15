package gustgrpc

import (
	"context"
	"errors"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/gustload/gust"
)

// recorder is one user's interceptors: it records that user's calls
// through its Session.
type recorder struct {
	s   *gust.Session
	cfg *config
}

// unary is the unary client interceptor: it times the call and records it
// under its full method name (or its Name), with the status as the failure.
func (r *recorder) unary(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoke grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	ctx, cancel := r.bound(ctx, r.cfg.timeout)
	start := time.Now()
	err := invoke(ctx, method, req, reply, cc, opts...)
	took := time.Since(start)
	cancel()
	var size int64
	if err == nil {
		size = sizeOf(reply)
	}
	r.record(nameOf(method, opts), took, size, err)
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
	stop := context.AfterFunc(test, cancel)
	return ctx, func() { stop(); cancel() }
}

// record reports one sample, unless the test has ended: a call cut short by
// the end of the test is not a sample, as for HTTP.
func (r *recorder) record(name string, took time.Duration, size int64, err error) {
	if r.s.Context().Err() != nil {
		return
	}
	r.s.Record(Type, name, took, size, reason(err))
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
