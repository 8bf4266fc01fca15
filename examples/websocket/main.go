// Command websocket load-tests WebSocket routes: each user keeps one
// connection to an echo, timing each request/reply exchange, and one to a
// room, where it times the next message it hears after speaking.
//
//	go run ./cmd/gust demo --serve &             # a target on 127.0.0.1:8080
//	go run ./examples/websocket -u 100 -r 20 -t 1m --csv results/ws
//
// May import: gust, ws.
package main

import (
	"fmt"
	"log"
	"time"

	"github.com/gustload/gust"
	"github.com/gustload/gust/ws"
)

func main() {
	// Paths are resolved against each user's Host (-H): http:// becomes ws://.
	echo, err := ws.New("/ws/echo", ws.WithTimeout(5*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	room, err := ws.New("/ws/broadcast", ws.WithName("join room"))
	if err != nil {
		log.Fatal(err)
	}
	gust.Test{
		Users:      []gust.User{chatter(echo, room)},
		Thresholds: []string{"WS echo:p99<200ms", "fail_ratio<1%"},
	}.Main()
}

func chatter(echo, room *ws.Client) gust.User {
	return gust.User{
		Name: "Chatter",
		Host: "http://127.0.0.1:8080",
		Wait: gust.Between(50*time.Millisecond, 200*time.Millisecond),
		Tasks: []gust.Task{
			gust.NewTask("echo", 4, func(s *gust.Session) {
				c, err := echo.Conn(s)
				if err != nil {
					return // recorded as a failed connect; the next task reconnects
				}
				msg := fmt.Sprintf("hello from user %d", s.ID())
				if reply, err := c.ExchangeText("echo", msg); err == nil && reply.Text() != msg {
					s.Record(ws.Type, "echo content", 0, 0, fmt.Errorf("echo %q came back as %q", msg, reply.Text()))
				}
			}),
			gust.NewTask("room", 1, func(s *gust.Session) {
				c, err := room.Conn(s)
				if err != nil {
					return
				}
				if c.SendText(fmt.Sprintf("user %d says hi", s.ID())) == nil {
					c.Receive("room message")
				}
			}),
		},
	}
}
