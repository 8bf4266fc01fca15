package gust_test

import (
	"fmt"
	"time"

	"github.com/gustload/gust"
)

// A test program with a load shape and pass/fail thresholds: the users
// climb to 100 over a minute, hold for five, and the run fails (exit 3)
// unless the 95th percentile stays under 300 ms and under 1% of the
// requests fail.
func ExampleTest() {
	visitor := gust.User{Name: "Visitor", Host: "http://127.0.0.1:8080",
		Wait:  gust.Between(time.Second, 3*time.Second),
		Tasks: []gust.Task{gust.NewTask("home", 1, func(s *gust.Session) { s.Get("/") })}}
	ramp := gust.ShapeFunc(func(elapsed time.Duration) (users int, rate float64, ok bool) {
		if elapsed >= 6*time.Minute {
			return 0, 0, false // the test ends
		}
		return 100, 100.0 / 60, true // 100 users, started at 100 a minute
	})
	test := gust.Test{
		Users:      []gust.User{visitor},
		Shape:      ramp,
		Thresholds: []string{"p95<300ms", "fail_ratio<1%", "GET /:p99<1s"},
	}
	// In a test program: test.Main(). Here, --list only lists the kinds of
	// users (after the thresholds were checked: a bad one would exit 2).
	code := test.Run([]string{"--list"})
	fmt.Println("exit code", code)
	// Output:
	// Visitor
	// exit code 0
}

// A shape is asked about once a second how many users should run, and how
// fast to get there; ok=false ends the test.
func ExampleShapeFunc() {
	wave := gust.ShapeFunc(func(elapsed time.Duration) (int, float64, bool) {
		if elapsed >= 3*time.Minute {
			return 0, 0, false
		}
		if elapsed%time.Minute < 30*time.Second {
			return 50, 10, true // the busy half of each minute
		}
		return 10, 10, true
	})
	for _, at := range []time.Duration{0, 45 * time.Second, 3 * time.Minute} {
		users, rate, ok := wave.Tick(at)
		fmt.Println(at, users, rate, ok)
	}
	// Output:
	// 0s 50 10 true
	// 45s 10 10 true
	// 3m0s 0 0 false
}
