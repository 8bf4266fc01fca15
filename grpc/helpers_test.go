package gustgrpc_test

import (
	"net"
	"sync/atomic"
	"testing"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/internal/testenv"
)

// server is a demo gRPC server on loopback that counts its connections.
type server struct {
	addr  string
	conns atomic.Int64
	stop  func()
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// startServer serves the demo's gRPC service until the test ends.
func startServer(t *testing.T) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{addr: ln.Addr().String()}
	g := demo.NewGRPCServer(demo.WithSeed(1))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = g.Serve(countingListener{ln, &s.conns})
	}()
	s.stop = func() { g.Stop(); <-done }
	t.Cleanup(s.stop)
	return s
}

// newClient is New that fails the test on an error.
func newClient(t *testing.T, target string, opts ...gustgrpc.Option) *gustgrpc.Client {
	t.Helper()
	c, err := gustgrpc.New(target, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// caller is a user that runs task with a Demo client of c.
func caller(c *gustgrpc.Client, task func(s *gust.Session, d demopb.DemoClient)) gust.User {
	return gust.User{Name: "Caller", Tasks: []gust.Task{{Run: func(s *gust.Session) {
		task(s, demopb.NewDemoClient(c.Conn(s)))
	}}}}
}

// once makes a task run once per user, which then stops.
func once(task func(s *gust.Session, d demopb.DemoClient)) func(s *gust.Session, d demopb.DemoClient) {
	return func(s *gust.Session, d demopb.DemoClient) {
		task(s, d)
		s.StopUser()
	}
}

// drain reads a stream to its end.
func drain(s *gust.Session, d demopb.DemoClient, req *demopb.TicksRequest) {
	st, err := d.Ticks(s.Context(), req)
	if err != nil {
		return
	}
	for {
		if _, err := st.Recv(); err != nil {
			return
		}
	}
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	return "127.0.0.1:" + testenv.FreePort(t)
}
