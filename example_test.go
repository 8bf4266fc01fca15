package gust_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
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
// catch_response: here a 200 without the expected text is a failure, and
// the run ends with the exit code of a failed request.
func ExampleCheck() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "Sorry, we are closed")
	}))
	defer srv.Close()
	home := func(s *gust.Session) {
		r := s.Get("/", gust.Check(func(r *gust.Response) error {
			if r.Err == nil && !strings.Contains(r.Text(), "Welcome") {
				return errors.New("home page without a welcome")
			}
			return r.Err
		}))
		fmt.Println(r.StatusCode, r.Err)
		s.StopUser() // once is enough here
	}
	visitor := gust.User{Name: "Visitor", Host: srv.URL, Tasks: []gust.Task{{Name: "home", Run: home}}}
	code := gust.Run([]string{"--headless", "--only-summary", "-u", "1", "-t", "3s"}, visitor)
	fmt.Println("exit code", code)
	// Output:
	// 200 home page without a welcome
	// exit code 1
}

// Measure times and records a call of any protocol (here a database
// query), so it shows in every table and report like an HTTP request; an
// error marks it failed.
func ExampleSession_Measure() {
	query := func() (int64, error) { return 512, nil } // your database call: bytes read, error
	task := func(s *gust.Session) {
		err := s.Measure("sql", "select items", query)
		fmt.Println("select items:", err)
		s.StopUser() // once is enough here
	}
	reader := gust.User{Name: "Reader", Tasks: []gust.Task{{Name: "query", Run: task}}}
	code := gust.Run([]string{"--headless", "--only-summary", "-u", "1", "-t", "3s"}, reader)
	fmt.Println("exit code", code)
	// Output:
	// select items: <nil>
	// exit code 0
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
