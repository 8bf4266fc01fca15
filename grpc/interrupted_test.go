package gustgrpc_test

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/internal/gusttest"
	"github.com/gustload/gust/internal/testenv"
)

// endless is a delay that outlasts every test here: the server answers
// only when the client gives up.
const endless = 60000

// A unary call still in flight when the test ends is interrupted, as an
// HTTP request is: neither a request nor a failure, and the summary says
// what it waited on.
func TestUnaryCallCutByTheEndIsInterrupted(t *testing.T) {
	srv := startServer(t)
	user := caller(newClient(t, srv.addr), once(func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{DelayMs: endless})
	}))
	res := gusttest.RunCaught(t, []string{"-u", "2", "-r", "100", "-t", "1s"}, user)
	if n, total := res.Interrupted[echo], res.Interrupted[""]; n != 2 || total != 2 {
		t.Errorf("%s: %d interrupted, %d in total; want 2, one per user\n%s", echo, n, total, res.Stderr)
	}
	if row := res.Rows[echo]; row.Requests != 0 || row.Failures != 0 {
		t.Errorf("%s: %+v; want no request, no failure", echo, row)
	}
	if want := "2 waiting for a response (" + srv.addr + ")"; !strings.Contains(res.Stderr, want) {
		t.Errorf("the summary lacks %q:\n%s", want, res.Stderr)
	}
}

// A stream still open when the test ends is interrupted; its opening and
// the message it received are samples as usual.
func TestStreamCutByTheEndIsInterrupted(t *testing.T) {
	srv := startServer(t)
	user := caller(newClient(t, srv.addr), once(func(s *gust.Session, d demopb.DemoClient) {
		drain(s, d, &demopb.TicksRequest{Count: 2, IntervalMs: endless})
	}))
	res := gusttest.RunCaught(t, []string{"-u", "2", "-r", "100", "-t", "1s"}, user)
	if n, total := res.Interrupted[ticks], res.Interrupted[""]; n != 2 || total != 2 {
		t.Errorf("%s: %d interrupted, %d in total; want 2, one per user\n%s", ticks, n, total, res.Stderr)
	}
	if row := res.Rows[ticks]; row.Requests != 0 || row.Failures != 0 {
		t.Errorf("%s: %+v; want no request, no failure", ticks, row)
	}
	for _, name := range []string{ticks + " [open]", ticks + " [recv]"} {
		if row := res.Rows[name]; row.Requests != 2 || row.Failures != 0 {
			t.Errorf("%s: %+v; want 2, none failed", name, row)
		}
	}
}

// startTLSServer serves the demo's gRPC service over TLS with a
// certificate no client trusts unless told to, and returns its address.
func startTLSServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := grpc.NewServer(grpc.Creds(credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{testenv.SelfSigned(t)}})))
	demopb.RegisterDemoServer(g, echoService{})
	done := make(chan struct{})
	go func() { defer close(done); _ = g.Serve(ln) }()
	t.Cleanup(func() { g.Stop(); <-done })
	return ln.Addr().String()
}

// --insecure-skip-tls-verify (User.InsecureSkipVerify) reaches the TLS of
// an https Host and of WithTLS(nil), but not a configuration the author
// gave: that one is used as it is.
func TestInsecureSkipVerify(t *testing.T) {
	addr := startTLSServer(t)
	tests := []struct {
		name  string
		opts  []gustgrpc.Option
		lax   bool
		trust bool // the calls succeed
	}{
		{"verified by default", nil, false, false},
		{"skipped when asked", nil, true, true},
		{"skipped with WithTLS(nil)", []gustgrpc.Option{gustgrpc.WithTLS(nil)}, true, true},
		{"the author's configuration wins", []gustgrpc.Option{gustgrpc.WithTLS(&tls.Config{})}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user := caller(newClient(t, "", tt.opts...), once(func(s *gust.Session, d demopb.DemoClient) {
				_, _ = d.Echo(s.Context(), &demopb.EchoRequest{Text: "hello"})
			}))
			user.Host = "https://" + addr
			args := []string{"-u", "2", "-r", "100", "-t", "1s"}
			if tt.lax {
				args = append(args, "--insecure-skip-tls-verify")
			}
			row := gusttest.Run(t, args, user).Rows[echo]
			if tt.trust && (row.Requests != 2 || row.Failures != 0) {
				t.Errorf("%s: %+v; want 2 calls, none failed", echo, row)
			}
			if !tt.trust && (row.Requests != 2 || row.Failures != 2) {
				t.Errorf("%s: %+v; want 2 calls, both failed on the certificate", echo, row)
			}
		})
	}
}

// echoService answers Echo with the request's text, at once.
type echoService struct{ demopb.UnimplementedDemoServer }

func (echoService) Echo(_ context.Context, req *demopb.EchoRequest) (*demopb.EchoReply, error) {
	return &demopb.EchoReply{Text: req.Text}, nil
}
