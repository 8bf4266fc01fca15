// Command grpc load-tests a gRPC service: each user checks the service's
// health once, then makes unary calls and reads server streams, every call
// recorded as GRPC with no timing code. The stubs here are those of gust's
// demo service (internal/demo/demopb); a test of your own service uses your
// generated stubs in their place.
//
//	go run ./cmd/gust demo --serve &             # gRPC on 127.0.0.1:50051
//	go run ./examples/grpc -u 50 -r 10 -t 1m --csv results/grpc
//
// -H http://HOST:PORT calls another server in plaintext, https:// over TLS.
//
// May import: gust, grpc, internal/demo/demopb.
package main

import (
	"log"
	"time"

	"google.golang.org/grpc/health/grpc_health_v1"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
)

func main() {
	// No target: each user calls its Host (-H), one connection per user.
	demo, err := gustgrpc.New("", gustgrpc.WithTimeout(5*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	gust.Test{
		Users: []gust.User{caller(demo)},
		Thresholds: []string{
			"GRPC /gust.demo.Demo/Echo:p99<500ms",
			"GRPC /gust.demo.Demo/Ticks [recv]:p95<200ms",
			"fail_ratio<1%",
		},
	}.Main()
}

func caller(demo *gustgrpc.Client) gust.User {
	return gust.User{
		Name: "Caller",
		Host: "http://127.0.0.1:50051",
		Wait: gust.Between(50*time.Millisecond, 200*time.Millisecond),
		OnStart: func(s *gust.Session) {
			h := grpc_health_v1.NewHealthClient(demo.Conn(s))
			r, err := h.Check(s.Context(), &grpc_health_v1.HealthCheckRequest{Service: "gust.demo.Demo"})
			if err != nil || r.GetStatus() != grpc_health_v1.HealthCheckResponse_SERVING {
				s.StopUser() // recorded as a failed Check; no point calling a sick service
			}
		},
		Tasks: []gust.Task{
			gust.NewTask("echo", 4, func(s *gust.Session) {
				d := demopb.NewDemoClient(demo.Conn(s))
				d.Echo(s.Context(), &demopb.EchoRequest{Text: "hello", DelayMs: 10})
			}),
			gust.NewTask("ticks", 1, ticks(demo)),
		},
	}
}

// ticks reads a stream of five ticks to its end: recorded as its opening,
// each tick and its whole life.
func ticks(demo *gustgrpc.Client) func(s *gust.Session) {
	return func(s *gust.Session) {
		d := demopb.NewDemoClient(demo.Conn(s))
		stream, err := d.Ticks(s.Context(), &demopb.TicksRequest{Count: 5, IntervalMs: 20})
		for err == nil {
			_, err = stream.Recv() // io.EOF ends it
		}
	}
}
