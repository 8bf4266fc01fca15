package gustgrpc_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/internal/gusttest"
)

// A stream is recorded as its opening, each message and its whole life.
func TestStreamsAreRecorded(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr, gustgrpc.WithMessages(gustgrpc.Both))
	user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
		drain(s, d, &demopb.TicksRequest{Count: 4})
	}))
	res := gusttest.Run(t, short, user)
	tick := proto.Size(&demopb.Tick{Seq: 1, UnixNano: 1 << 60})
	want := map[string]int64{ticks + " [open]": 3, ticks + " [recv]": 12, ticks + " [send]": 3, ticks: 3}
	for name, n := range want {
		if row := res.Rows[name]; row.Requests != n || row.Failures != 0 {
			t.Errorf("%s: %+v; want %d and no failure", name, row, n)
		}
	}
	if got := res.Rows[ticks].AvgSize; got != float64(4*tick) {
		t.Errorf("the stream's life has %v bytes; want the 4 ticks' %d", got, 4*tick)
	}
}

// A stream the server ends with an error fails with its status; so does a
// server that goes away mid-stream; the messages received before count.
func TestStreamsEndedByTheServerFail(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
		drain(s, d, &demopb.TicksRequest{Count: 5, FailAfter: 2})
	}))
	res := gusttest.Run(t, short, user)
	if row := res.Rows[ticks]; row.Requests != 3 || row.Failures != 3 {
		t.Errorf("%s: %+v; want 3 streams, 3 failures", ticks, row)
	}
	if row := res.Rows[ticks+" [recv]"]; row.Requests != 6 || row.Failures != 0 {
		t.Errorf("%s [recv]: %+v; want 6 messages received", ticks, row)
	}
	if !hasFailure(res, ticks+": Aborted: demo: stream ended after 2 ticks") {
		t.Errorf("failures %v; want the status Aborted", res.Failures)
	}
}

// A server that stops mid-stream is a failure (Unavailable), not a crash.
func TestServerGoingAwayMidStream(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
		st, err := d.Ticks(s.Context(), &demopb.TicksRequest{Count: 1000, IntervalMs: 10})
		if err != nil {
			return
		}
		for i := 0; ; i++ {
			if _, err := st.Recv(); err != nil {
				return
			}
			if i == 1 {
				go srv.stop()
			}
		}
	}))
	res := gusttest.Run(t, []string{"-u", "1", "-t", "1s"}, user)
	if row := res.Rows[ticks]; row.Requests != 1 || row.Failures != 1 {
		t.Fatalf("%s: %+v; want 1 stream, failed", ticks, row)
	}
	for k := range res.Failures {
		if !strings.HasPrefix(k, ticks+": Unavailable") && !strings.HasPrefix(k, ticks+": Canceled") {
			t.Errorf("failure %q; want the stream Unavailable", k)
		}
	}
}

// A stream still open when the test ends is cut short: not a sample, and
// the test stops on time (the tick would take a minute).
func TestTheEndOfTheTestEndsStreams(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		drain(s, d, &demopb.TicksRequest{Count: 2, IntervalMs: 60000})
	})
	res := gusttest.Run(t, short, user)
	if row := res.Rows[ticks]; row.Requests != 0 {
		t.Errorf("%s: %+v; want no stream recorded: each was cut short", ticks, row)
	}
	if row := res.Rows[ticks+" [recv]"]; row.Requests != 3 {
		t.Errorf("%s [recv]: %+v; want the first tick of each of 3 users", ticks, row)
	}
	if len(res.Failures) != 0 {
		t.Errorf("failures %v; want none", res.Failures)
	}
}

// A stream the author cancels with its own context ends normally: its life
// is recorded, not as a failure.
func TestCancellingAStreamIsANormalEnd(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
		ctx, cancel := context.WithCancel(s.Context())
		defer cancel()
		st, err := d.Ticks(ctx, &demopb.TicksRequest{Count: 1000, IntervalMs: 5})
		for i := 0; err == nil; i++ {
			if i == 2 {
				cancel()
			}
			_, err = st.Recv()
		}
	}))
	res := gusttest.Run(t, short, user)
	if row := res.Rows[ticks]; row.Requests != 3 || row.Failures != 0 {
		t.Errorf("%s: %+v; want 3 streams, none failed (failures %v)", ticks, row, res.Failures)
	}
}

// A stream whose context the author cancels, and then reads no more (as
// grpc-go allows), ends there: its life is recorded as a normal end, and
// nothing of it stays registered on the session's context, however many
// such streams a user opens.
func TestACancelledStreamLeftUnreadEndsAndLetsGo(t *testing.T) {
	live := gustgrpc.CountWatches(t)
	srv := startServer(t)
	c := newClient(t, srv.addr)
	const n = 50
	var left atomic.Int64
	left.Store(-1)
	user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
		for range n {
			ctx, cancel := context.WithCancel(s.Context())
			if st, err := d.Ticks(ctx, &demopb.TicksRequest{Count: 2, IntervalMs: 60000}); err == nil {
				_, _ = st.Recv()
			}
			cancel()
		}
		for i := 0; i < 100 && live.Load() > 0; i++ {
			s.Sleep(10 * time.Millisecond) // the streams end on goroutines of their own
		}
		left.Store(live.Load())
	}))
	res := gusttest.Run(t, []string{"-u", "1", "-r", "100", "-t", "2s"}, user)
	if got := left.Load(); got != 0 {
		t.Errorf("%d functions still registered on contexts after %d streams were cancelled; want 0", got, n)
	}
	if row := res.Rows[ticks]; row.Requests != n || row.Failures != 0 {
		t.Errorf("%s: %+v; want %d lives, none failed (failures %v)", ticks, row, n, res.Failures)
	}
	if row := res.Rows[ticks+" [open]"]; row.Requests != n {
		t.Errorf("%s [open]: %+v; want %d", ticks, row, n)
	}
}
