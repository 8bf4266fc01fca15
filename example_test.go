package gust_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gustload/gust"
)

// A website user: weighted pages, a login on start, a named dynamic URL.
func ExampleUser() {
	visitor := gust.User{
		Name: "Visitor",
		Host: "http://127.0.0.1:8080",
		Wait: gust.Between(500*time.Millisecond, 2*time.Second),
		OnStart: func(s *gust.Session) {
			s.PostForm("/login", url.Values{"user": {"demo"}, "password": {"secret"}})
		},
		Tasks: []gust.Task{
			gust.NewTask("home", 5, func(s *gust.Session) { s.Get("/") }),
			gust.NewTask("item", 2, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", s.Rand().IntN(100)), gust.Name("/item?id=[id]"))
			}),
		},
	}
	fmt.Println(visitor.Name, len(visitor.Tasks), "tasks")
	// In a test program: gust.Main(visitor)
	// Output: Visitor 2 tasks
}

// Check judges a response on more than its status, like Locust's
// catch_response: here a 200 without the expected text is a failure.
func ExampleCheck() {
	task := func(s *gust.Session) {
		s.Get("/", gust.Check(func(r *gust.Response) error {
			if r.Err == nil && !strings.Contains(r.Text(), "Welcome") {
				return errors.New("home page without a welcome")
			}
			return r.Err
		}))
	}
	_ = gust.Task{Name: "home", Run: task}
}

// Record reports a custom protocol's calls, so they show in every table.
func ExampleSession_Measure() {
	query := func() (int64, error) { return 512, nil } // your database call
	task := func(s *gust.Session) {
		s.Measure("sql", "select items", query)
	}
	_ = gust.Task{Name: "query", Run: task}
}

// ConstantPacing aims for one task start per interval, whatever the task took.
func ExampleConstantPacing() {
	w := gust.ConstantPacing(time.Second)
	fmt.Println(w.Next(nil, 300*time.Millisecond))
	fmt.Println(w.Next(nil, 1500*time.Millisecond))
	// Output:
	// 700ms
	// 0s
}
