// Command website load-tests a website: visitors read pages of different
// weights and wait a little between them, like people.
//
//	go run ./cmd/gust demo --serve &             # a target on 127.0.0.1:8080
//	go run ./examples/website -u 50 -r 10 -t 1m
//
// May import: gust.
package main

import (
	"fmt"
	"time"

	"github.com/gustload/gust"
)

func main() { gust.Main(users()...) }

func users() []gust.User {
	visitor := gust.User{
		Name: "Visitor",
		Host: "http://127.0.0.1:8080",
		Wait: gust.Between(500*time.Millisecond, 2*time.Second),
		Tasks: []gust.Task{
			gust.NewTask("home", 10, func(s *gust.Session) { s.Get("/") }),
			gust.NewTask("item", 5, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", s.Rand().IntN(500)), gust.Name("/item?id=[id]"))
			}),
			gust.NewTask("search", 3, func(s *gust.Session) { s.Get("/latency?median=40", gust.Name("/search")) }),
			gust.NewTask("report", 1, func(s *gust.Session) { s.Get("/slow?ms=250", gust.Name("/report")) }),
		},
	}
	// A few crawlers hit every page in order, one every 200 ms.
	crawler := gust.User{
		Name:       "Crawler",
		FixedCount: 1,
		Host:       "http://127.0.0.1:8080",
		Sequential: true,
		Wait:       gust.ConstantPacing(200 * time.Millisecond),
		Tasks: []gust.Task{
			gust.NewTask("home", 1, func(s *gust.Session) { s.Get("/") }),
			gust.NewTask("big page", 1, func(s *gust.Session) { s.Get("/bytes/20000") }),
		},
	}
	return []gust.User{visitor, crawler}
}
