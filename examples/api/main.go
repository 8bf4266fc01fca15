// Command api load-tests a JSON API: each user logs in once, then lists,
// reads and creates items, checking the answers as it goes.
//
//	go run ./cmd/gust demo --serve &             # a target on 127.0.0.1:8080
//	go run ./examples/api -u 100 -r 20 -t 1m --csv results/api
//
// May import: gust.
package main

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/gustload/gust"
)

func main() { gust.Main(users()...) }

type item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func users() []gust.User {
	client := gust.User{
		Name: "APIClient",
		Host: "http://127.0.0.1:8080",
		Wait: gust.Between(100*time.Millisecond, 500*time.Millisecond),
		OnStart: func(s *gust.Session) {
			user := fmt.Sprintf("user%d", s.ID())
			if r := s.PostForm("/login", url.Values{"user": {user}, "password": {"secret"}}); !r.OK() {
				s.StopUser() // without a session every call would fail
			}
		},
		Tasks: []gust.Task{
			gust.NewTask("list", 5, list),
			gust.NewTask("read", 3, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", 1+s.Rand().IntN(1000)), gust.Name("/item?id=[id]"))
			}),
			gust.NewTask("create", 1, func(s *gust.Session) {
				s.PostJSON("/api/items", item{Name: "widget"}, gust.Check(created))
			}),
		},
	}
	return []gust.User{client}
}

// list fails a 200 whose body is not a non-empty list of items.
func list(s *gust.Session) {
	s.Get("/api/items", gust.Check(func(r *gust.Response) error {
		if r.Err != nil {
			return r.Err
		}
		var items []item
		if err := r.JSON(&items); err != nil {
			return fmt.Errorf("not a JSON list of items: %w", err)
		}
		if len(items) == 0 {
			return errors.New("empty item list")
		}
		return nil
	}))
}

// created wants 201 and the new item's id.
func created(r *gust.Response) error {
	if r.Err != nil {
		return r.Err
	}
	var it item
	if r.StatusCode != 201 || r.JSON(&it) != nil || it.ID == 0 {
		return fmt.Errorf("create: status %d without an id", r.StatusCode)
	}
	return nil
}
