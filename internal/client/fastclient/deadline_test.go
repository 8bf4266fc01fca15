package fastclient

import (
	"context"
	"net"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/demo"
)

// deadlineConn is a connection that notes the deadlines set on it.
type deadlineConn struct {
	net.Conn
	set []time.Time
}

func (c *deadlineConn) SetDeadline(t time.Time) error { c.set = append(c.set, t); return nil }

func TestDeadlinesAreSetOnlyWhenTheOldOneWillNotDo(t *testing.T) {
	t0 := time.Unix(1000, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	cancellable, cancel := context.WithCancel(context.Background())
	defer cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		timeout  time.Duration
		requests []int       // when each exchange starts, ms after t0
		want     []time.Time // the deadlines set, in order
	}{
		{"a slice, renewed when half gone", cancellable, time.Minute,
			[]int{0, 1, 499, 500, 501, 1001}, []time.Time{ms(1000), ms(1501)}},
		{"a short timeout, renewed when half gone", cancellable, 100 * time.Millisecond,
			[]int{0, 10, 50, 51, 101}, []time.Time{ms(100), ms(151)}},
		{"no context to watch: the whole timeout", context.Background(), time.Minute,
			[]int{0, 1000, 30000, 30001}, []time.Time{ms(60000), ms(90001)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &deadlineConn{}
			w := &watchedConn{Conn: c}
			for _, at := range tt.requests {
				if err := w.arm(tt.ctx, ms(at), ms(at).Add(tt.timeout)); err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Equal(c.set, tt.want) {
				t.Fatalf("deadlines set %v, want %v", c.set, tt.want)
			}
		})
	}
}

func TestAShorterTimeoutSetsAnEarlierDeadline(t *testing.T) {
	t0 := time.Unix(1000, 0)
	c := &deadlineConn{}
	w := &watchedConn{Conn: c}
	w.arm(t.Context(), t0, t0.Add(time.Minute))
	w.arm(t.Context(), t0.Add(time.Millisecond), t0.Add(11*time.Millisecond))
	if want := []time.Time{t0.Add(time.Second), t0.Add(11 * time.Millisecond)}; !slices.Equal(c.set, want) {
		t.Fatalf("deadlines set %v, want %v", c.set, want)
	}
}

func TestTimesOutOnAKeptAliveConnection(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	c := New(client.Options{Timeout: 200 * time.Millisecond})
	defer c.Close()
	if r := get(t.Context(), t, c, srv, "/"); r.Err != nil {
		t.Fatalf("first request: %v", r.Err)
	}
	if r := get(t.Context(), t, c, srv, "/slow?ms=3000"); r.Err == nil || r.Err.Error() != "timeout after 200ms" {
		t.Fatalf("slow answer on the same connection: err %v, want a timeout failure", r.Err)
	}
}
