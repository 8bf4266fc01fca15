package gust

import "time"

// Test is a whole test program: its kinds of users and, optionally, a load
// shape and pass/fail thresholds. Its Main runs gust's command line with
// them, so the command line can still choose users, run time, outputs and
// the rest:
//
//	gust.Test{
//		Users:      []gust.User{visitor, buyer},
//		Shape:      gust.ShapeFunc(wave),
//		Thresholds: []string{"p95<300ms", "fail_ratio<1%"},
//	}.Main()
type Test struct {
	// Users are the kinds of users, as given to Main.
	Users []User
	// Shape, when set, drives the number of users instead of -u and -r,
	// like Locust's LoadTestShape: the test ends when it says so. The
	// command line's --stages or --arrival-rate win over it.
	Shape Shape
	// Thresholds are pass/fail criteria in --threshold's syntax ("p95<300ms",
	// "GET /api/items:p99<500ms"), checked after any given on the command
	// line: a breach exits with 3. A threshold that does not parse is a
	// usage error (exit 2) before the test starts.
	Thresholds []string
}

// Shape is a load shape written in Go: at each moment of the test (about
// once a second, with the time elapsed since it started) it says how many
// users should run and how fast to start or stop users to get there, in
// users per second (0 or less applies the count at once); ok=false ends the
// test. It is Locust's LoadTestShape.tick.
type Shape interface {
	Tick(elapsed time.Duration) (users int, rate float64, ok bool)
}

// ShapeFunc adapts a function to the Shape interface.
type ShapeFunc func(elapsed time.Duration) (users int, rate float64, ok bool)

// Tick calls f.
func (f ShapeFunc) Tick(elapsed time.Duration) (users int, rate float64, ok bool) { return f(elapsed) }
