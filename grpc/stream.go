package gustgrpc

import (
	"context"
	"errors"
	"io"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
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
	cancel   context.CancelFunc
	start    time.Time // when it was opened
	last     time.Time // when the last message arrived (or it opened)
	bytes    int64     // received, in all
	oneReply bool      // the server sends one message, which ends the stream
	ended    bool
}

// stream is the stream client interceptor: it records the time to open the
// stream, then wraps it to record its messages and its life.
func (r *recorder) stream(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, open grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	name := nameOf(method, opts)
	caller := ctx
	ctx, cancel := r.bound(ctx, 0)
	start := time.Now()
	cs, err := open(ctx, desc, cc, method, opts...)
	opened := time.Now()
	r.record(name+openSuffix, opened.Sub(start), 0, err)
	if err != nil {
		cancel()
		return nil, err
	}
	return &stream{ClientStream: cs, r: r, name: name, recv: name + recvSuffix, send: name + sendSuffix,
		caller: caller, cancel: cancel, start: start, last: opened, oneReply: !desc.ServerStreams}, nil
}

// SendMsg sends m, recording it when sent messages are recorded. The io.EOF
// that says the server has ended the stream is no sample: the status comes
// with RecvMsg, and the stream's life records it.
func (st *stream) SendMsg(m any) error {
	start := time.Now()
	err := st.ClientStream.SendMsg(m)
	if st.r.cfg.messages.sent() && !errors.Is(err, io.EOF) {
		st.r.record(st.send, time.Since(start), sizeOf(m), err)
	}
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
		st.r.record(st.recv, now.Sub(st.last), size, nil)
	}
	st.last = now
	if st.oneReply {
		st.end(now, nil)
	}
	return nil
}

// end records the stream's life once: from its opening to its end, with
// the bytes received. io.EOF, and a cancellation by the author's own
// context, are a normal end; any other status is the failure.
func (st *stream) end(now time.Time, err error) {
	if st.ended {
		return
	}
	st.ended = true
	st.cancel()
	if errors.Is(err, io.EOF) || (status.Code(err) == codes.Canceled && st.caller.Err() != nil) {
		err = nil
	}
	st.r.record(st.name, now.Sub(st.start), st.bytes, err)
}
