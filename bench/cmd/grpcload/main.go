// Command grpcload is the gust side of bench/grpc: users that call the demo
// service's unary Echo without waiting, one connection per user, every call
// recorded by gust/grpc. It takes gust's whole command line; -H names the
// server (http://HOST:PORT, plaintext).
//
//	grpcload --headless -u 50 -r 1000 -t 10s -H http://127.0.0.1:50051 --json
//
// May import: gust, grpc, internal/demo/demopb.
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
	req := &demopb.EchoRequest{Text: "hello"}
	gust.Main(gust.User{Name: "Echo", Tasks: []gust.Task{{Name: "echo", Run: func(s *gust.Session) {
		_, _ = demopb.NewDemoClient(c.Conn(s)).Echo(s.Context(), req)
	}}}})
}
