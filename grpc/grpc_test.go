package gustgrpc_test

import (
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/internal/gusttest"
)

const (
	echo  = "GRPC /gust.demo.Demo/Echo"
	ticks = "GRPC /gust.demo.Demo/Ticks"
)

var short = []string{"-u", "3", "-r", "100", "-t", "1s"}

// Unary calls are recorded by full method name with the reply's size, each
// user on its own connection.
func TestUnaryCallsAreRecorded(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{Text: "hello"})
	})
	res := gusttest.Run(t, short, user)
	row := res.Rows[echo]
	want := float64(proto.Size(&demopb.EchoReply{Text: "hello"}))
	if row.Requests == 0 || row.Failures != 0 || row.AvgSize != want {
		t.Fatalf("%s: %+v; want requests, no failure, size %v (all rows: %v)", echo, row, want, res.Rows)
	}
	if n := srv.conns.Load(); n != 3 {
		t.Errorf("the server accepted %d connections; want 3, one per user", n)
	}
}

// Failures carry the status code's name and message as their reason.
func TestFailuresAreStatusCodes(t *testing.T) {
	srv := startServer(t)
	tests := []struct {
		name   string
		target string
		opts   []gustgrpc.Option
		req    *demopb.EchoRequest
		reason string
	}{
		{"status error", srv.addr, nil, &demopb.EchoRequest{ErrorRate: 1},
			"Unavailable: demo: failed on purpose (error_rate)"},
		{"deadline exceeded", srv.addr, []gustgrpc.Option{gustgrpc.WithTimeout(20 * time.Millisecond)},
			&demopb.EchoRequest{DelayMs: 5000}, "DeadlineExceeded: context deadline exceeded"},
		{"invalid argument", srv.addr, nil, &demopb.EchoRequest{DelayMs: 70000},
			"InvalidArgument: demo: delay_ms=70000 is not valid: want 0 to 60000"},
		{"server unavailable", closedPort(t), nil, &demopb.EchoRequest{}, "Unavailable: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.target, tt.opts...)
			user := caller(c, once(func(s *gust.Session, d demopb.DemoClient) {
				if _, err := d.Echo(s.Context(), tt.req); err == nil {
					t.Error("the call succeeded")
				}
			}))
			res := gusttest.Run(t, short, user)
			if row := res.Rows[echo]; row.Requests != 3 || row.Failures != 3 {
				t.Errorf("%s: %+v; want 3 calls, 3 failures", echo, row)
			}
			if !hasFailure(res, echo+": "+tt.reason) {
				t.Errorf("failures %v; want one starting %q", res.Failures, tt.reason)
			}
		})
	}
}

// hasFailure reports whether a failure's key starts with prefix.
func hasFailure(res gusttest.Result, prefix string) bool {
	for k := range res.Failures {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// The Name call option and the Host as the target.
func TestNameOptionAndHostTarget(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, "")
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{}, gustgrpc.Name("echo"))
	})
	user.Host = "http://" + srv.addr
	res := gusttest.Run(t, short, user)
	if row := res.Rows["GRPC echo"]; row.Requests == 0 || row.Failures != 0 {
		t.Fatalf("GRPC echo: %+v; want calls and no failure (rows %v)", row, res.Rows)
	}
}

// Thresholds select a gRPC method by its full name, slashes and dots and all.
func TestThresholdsOnAMethod(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{DelayMs: 20})
	})
	for _, tt := range []struct {
		threshold string
		code      int
	}{
		{echo + ":p99<1m", 0},
		{echo + ":p99<10ms", 3}, // every call waits 20 ms on the server
		{echo + ":fail_ratio<0.01", 0},
	} {
		res := gusttest.Run(t, append([]string{"--threshold", tt.threshold}, short...), user)
		if res.Code != tt.code {
			t.Errorf("--threshold %q: exit %d; want %d", tt.threshold, res.Code, tt.code)
		}
	}
}

// The open model drives gRPC users like HTTP ones: each iteration's call is
// recorded.
func TestArrivalRate(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{})
	})
	res := gusttest.Run(t, []string{"--arrival-rate", "20", "--max-users", "4", "-t", "1s"}, user)
	if row := res.Rows[echo]; row.Requests < 5 || row.Requests > 25 || row.Failures != 0 {
		t.Errorf("%s: %+v; want about 20 calls in a second at 20/s, none failed", echo, row)
	}
}
