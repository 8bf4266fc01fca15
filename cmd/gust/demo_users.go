package main

import (
	"fmt"
	"net/url"
	"time"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/ws"
)

// demoUsers are the users of `gust demo`: a visitor browsing pages of
// different speeds, an API client that logs in first, a visitor over
// HTTP/2 in cleartext (h2c), a gRPC caller (unary calls and a server
// stream) and a WebSocket chatter (an echo and a broadcast room), against
// the demo server (gRPC at grpcAddr).
func demoUsers(grpcAddr string) ([]gust.User, error) {
	caller, err := grpcCaller(grpcAddr)
	if err != nil {
		return nil, err
	}
	chatter, err := wsChatter()
	if err != nil {
		return nil, err
	}
	return []gust.User{visitor(), apiClient(), h2Visitor(), caller, chatter}, nil
}

// h2Visitor reads items over HTTP/2 in cleartext, on one connection.
func h2Visitor() gust.User {
	return gust.User{
		Name:   "H2Visitor",
		Client: gust.HTTP2,
		Wait:   gust.Between(100*time.Millisecond, 500*time.Millisecond),
		Tasks: []gust.Task{
			gust.NewTask("item", 1, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", s.Rand().IntN(1000)), gust.Name("h2c /item?id=[id]"))
			}),
		},
	}
}

func visitor() gust.User {
	return gust.User{
		Name:   "Visitor",
		Weight: 3,
		Wait:   gust.Between(100*time.Millisecond, 500*time.Millisecond),
		Tasks: []gust.Task{
			gust.NewTask("home", 5, func(s *gust.Session) { s.Get("/") }),
			gust.NewTask("item", 3, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", s.Rand().IntN(1000)), gust.Name("/item?id=[id]"))
			}),
			gust.NewTask("latency", 3, func(s *gust.Session) { s.Get("/latency") }),
			gust.NewTask("slow", 1, func(s *gust.Session) { s.Get("/slow?ms=300") }),
			gust.NewTask("flaky", 1, func(s *gust.Session) { s.Get("/flaky?p=0.2") }),
		},
	}
}

func apiClient() gust.User {
	return gust.User{
		Name: "APIClient",
		Wait: gust.Between(200*time.Millisecond, time.Second),
		OnStart: func(s *gust.Session) {
			s.PostForm("/login", url.Values{"user": {"demo"}, "password": {"secret"}})
		},
		Tasks: []gust.Task{
			gust.NewTask("list", 3, func(s *gust.Session) { s.Get("/api/items") }),
			gust.NewTask("create", 1, func(s *gust.Session) {
				s.PostJSON("/api/items", map[string]any{"name": "widget"})
			}),
			gust.NewTask("missing", 1, func(s *gust.Session) { s.Get("/missing") }),
		},
	}
}

// grpcCaller calls the demo's gRPC service: Echo (5% fail on purpose) and
// a stream of ticks.
func grpcCaller(addr string) (gust.User, error) {
	c, err := gustgrpc.New(addr)
	if err != nil {
		return gust.User{}, err
	}
	return gust.User{
		Name: "GRPCCaller",
		Wait: gust.Between(200*time.Millisecond, time.Second),
		Tasks: []gust.Task{
			gust.NewTask("echo", 3, func(s *gust.Session) {
				d := demopb.NewDemoClient(c.Conn(s))
				d.Echo(s.Context(), &demopb.EchoRequest{Text: "hello", DelayMs: 5, ErrorRate: 0.05})
			}),
			gust.NewTask("ticks", 1, func(s *gust.Session) {
				d := demopb.NewDemoClient(c.Conn(s))
				stream, err := d.Ticks(s.Context(), &demopb.TicksRequest{Count: 5, IntervalMs: 20})
				for err == nil {
					_, err = stream.Recv() // io.EOF ends the stream
				}
			}),
		},
	}, nil
}

// wsChatter talks to the demo's WebSocket routes: an echo, timed as an
// exchange, and a room, where it times the next message it hears.
func wsChatter() (gust.User, error) {
	echo, err := ws.New("/ws/echo")
	if err != nil {
		return gust.User{}, err
	}
	room, err := ws.New("/ws/broadcast")
	if err != nil {
		return gust.User{}, err
	}
	return gust.User{
		Name: "Chatter",
		Wait: gust.Between(200*time.Millisecond, time.Second),
		Tasks: []gust.Task{
			gust.NewTask("echo", 3, func(s *gust.Session) {
				if c, err := echo.Conn(s); err == nil {
					c.ExchangeText("echo", "hello")
				}
			}),
			gust.NewTask("room", 1, func(s *gust.Session) {
				if c, err := room.Conn(s); err == nil && c.SendText("hi all") == nil {
					c.Receive("room message")
				}
			}),
		},
	}, nil
}
