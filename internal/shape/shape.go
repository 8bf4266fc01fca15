package shape

import "time"

// Shape is a closed-model load shape: at a moment of the test it gives the
// number of users that should run and the rate, in users per second, at
// which to start or stop users to get there. ok=false ends the test.
type Shape interface {
	Tick(elapsed time.Duration) (users int, rate float64, ok bool)
}

// ShapeFunc adapts a function written in Go to a Shape, as Locust's
// LoadTestShape.tick does.
type ShapeFunc func(elapsed time.Duration) (users int, rate float64, ok bool)

// Tick calls f.
func (f ShapeFunc) Tick(elapsed time.Duration) (users int, rate float64, ok bool) {
	return f(elapsed)
}
