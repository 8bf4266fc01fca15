package gustgrpc

import (
	"context"
	"errors"
	"io"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/gustload/gust/internal/calls"
)

// The suffixes of a stream's sample names: its opening, each message
// received and each message sent. Its whole life goes under the method
// name itself.
const (
	openSuffix = " [open]"
	recvSuffix = " [recv]"
	sendSuffix = " [send]"
)

// stream is a recorded client stream.
type stream struct {
	grpc.ClientStream
	r        *recorder
	name     string          // the stream's life
	recv     string          // each message received
	send     string          // each message sent
	caller   context.Context // the context the author opened it with
	ctx      context.Context // caller, bounded by the end of the test
	cancel   context.CancelFunc
	life     calls.Call // the stream's life, from its opening to its end
	start    time.Time  // when it was opened
	last     time.Time  // when the last message arrived (or it opened)
	bytes    int64      // received, in all
	oneReply bool       // the server sends one message, which ends the stream

	// Guarded by r.mu: the stream ends in the user's goroutine (RecvMsg)
	// or in the one that sees its context done.
	unwatch func() bool // stops watching ctx
	ended   bool        // it has ended, and is or will be recorded
	endAt   time.Time   // when
	endErr  error       // its failure; nil for a normal end
}

// stream is the stream client interceptor: it records the time to open the
// stream, then wraps it to record its messages and its life.
func (r *recorder) stream(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, open grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	r.flush()
	name := nameOf(method, opts)
	caller := ctx
	ctx, cancel := r.bound(ctx, 0)
	call := r.c.Begin(r.host)
	start := time.Now()
	cs, err := open(ctx, desc, cc, method, opts...)
	opened := time.Now()
	call.End(Type, name+openSuffix, opened.Sub(start), 0, reason(err), phase(cc, err, calls.Sending))
	if err != nil {
		cancel()
		return nil, err
	}
	st := &stream{ClientStream: cs, r: r, name: name, recv: name + recvSuffix, send: name + sendSuffix, caller: caller,
		ctx: ctx, cancel: cancel, life: r.c.Await(r.host), start: start, last: opened, oneReply: !desc.ServerStreams}
	r.mu.Lock()
	if r.open == nil {
		r.open = map[*stream]struct{}{}
	}
	r.open[st] = struct{}{}
	st.unwatch = afterFunc(ctx, st.done)
	r.mu.Unlock()
	return st, nil
}

// SendMsg sends m, recording it when sent messages are recorded. The io.EOF
// that says the server has ended the stream is no sample: the status comes
// with RecvMsg, and the stream's life records it.
func (st *stream) SendMsg(m any) error {
	if !st.r.cfg.messages.sent() {
		return st.ClientStream.SendMsg(m)
	}
	call := st.r.c.Begin(st.r.host)
	start := time.Now()
	err := st.ClientStream.SendMsg(m)
	if errors.Is(err, io.EOF) {
		call.Done()
		return err
	}
	call.End(Type, st.send, time.Since(start), sizeOf(m), reason(err), calls.Sending)
	return err
}

// RecvMsg receives a message, recording it when received messages are
// recorded; the end of the stream (io.EOF or an error) records its life.
func (st *stream) RecvMsg(m any) error {
	err := st.ClientStream.RecvMsg(m)
	now := time.Now()
	if err != nil {
		st.end(now, err)
		return err
	}
	size := sizeOf(m)
	st.bytes += size
	if st.r.cfg.messages.received() {
		st.r.s.Record(Type, st.recv, now.Sub(st.last), size, nil)
	}
	st.last = now
	if st.oneReply {
		st.end(now, nil)
	}
	return nil
}

// done ends the stream when its context is done, whether or not the
// author reads it again: cancelled by the author (a normal end), past the
// author's deadline (a failure), or cut short by the end of the test.
// Without it a stream the author cancels and leaves would never be
// recorded, and would keep its hold on the session's context until the
// user stops. It runs on a goroutine of its own, so the life is left to
// the user's goroutine to record (see recorder.flush).
func (st *stream) done() {
	if st.stop(time.Now(), status.FromContextError(st.ctx.Err()).Err()) {
		st.r.later(st)
	}
}

// end ends the stream in the user's goroutine and records its life, and
// the lives of the user's streams whose context ended them.
func (st *stream) end(now time.Time, err error) {
	if st.stop(now, err) {
		st.record()
	}
	st.r.flush()
}

// stop ends the stream once, reporting whether this call did: it keeps
// when and how, and releases what watches its context. io.EOF, and a
// cancellation by the author's own context while the test goes on, are a
// normal end; a stream that the end of the test cut short is interrupted
// (see calls.Call.End); any other status is the failure.
func (st *stream) stop(now time.Time, err error) bool {
	st.r.mu.Lock()
	defer st.r.mu.Unlock()
	if st.ended {
		return false
	}
	st.ended = true
	delete(st.r.open, st)
	st.unwatch()
	st.cancel()
	mine := status.Code(err) == codes.Canceled && st.caller.Err() != nil && st.r.s.Context().Err() == nil
	if errors.Is(err, io.EOF) || mine {
		err = nil
	}
	st.endAt, st.endErr = now, err
	return true
}

// record records the life of a stream that has ended, from the user's
// goroutine: from its opening to its end, with the bytes received.
func (st *stream) record() {
	st.life.End(Type, st.name, st.endAt.Sub(st.start), st.bytes, reason(st.endErr), calls.Waiting)
}
