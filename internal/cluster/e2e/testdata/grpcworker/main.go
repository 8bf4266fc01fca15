// Command grpcworker is a gust test program for the end-to-end test of a
// Locust master with a gust worker making gRPC calls: its user kind is named
// WebUser, as the locustfile's class, so the master's spawn orders reach it.
// It calls the demo's Echo (half of the calls fail on purpose) at the
// master's host, http://HOST:PORT.
package main

import (
	"log"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
)

func main() {
	c, err := gustgrpc.New("")
	if err != nil {
		log.Fatal(err)
	}
	gust.Main(gust.User{Name: "WebUser", Wait: gust.Constant(10e6), Tasks: []gust.Task{{Run: func(s *gust.Session) {
		d := demopb.NewDemoClient(c.Conn(s))
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{Text: "hi", ErrorRate: 0.5})
	}}}})
}
