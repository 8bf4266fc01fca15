package runner

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/shape"
)

// at is a check of the user count at a moment of a test.
type at struct {
	t     time.Duration
	users int
}

// follow checks r's user count at each moment and returns when the shape
// ended (the moment done was called), or -1 if it did not by the last check.
func follow(t *testing.T, r *Runner, ended <-chan time.Duration, checks []at) time.Duration {
	t.Helper()
	start := time.Now()
	for _, c := range checks {
		time.Sleep(c.t - time.Since(start))
		synctest.Wait()
		if n, _ := r.Users(); n != c.users {
			t.Errorf("after %v: %d users, want %d", c.t, n, c.users)
		}
	}
	select {
	case d := <-ended:
		return d
	default:
		return -1
	}
}

func TestShapeDrivesTheUsers(t *testing.T) {
	stages := func(s string) shape.Shape {
		st, err := shape.ParseStages(s)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	tests := []struct {
		name   string
		shape  shape.Shape
		checks []at
		end    time.Duration
	}{
		{"stages: ramp at a rate, hold, ramp down over the stage", stages("2s:4:2,3s:4,2s:0"),
			[]at{{0, 1}, {1200 * time.Millisecond, 3}, {3 * time.Second, 4}, {5200 * time.Millisecond, 3},
				{6700 * time.Millisecond, 0}, {7500 * time.Millisecond, 0}}, 7 * time.Second},
		{"stages: wait with none, then ramp", stages("2s:0,2s:2"),
			[]at{{1500 * time.Millisecond, 0}, {2 * time.Second, 1}, {3 * time.Second, 2}, {4500 * time.Millisecond, 2}}, 4 * time.Second},
		{"a shape written in Go", shape.ShapeFunc(func(e time.Duration) (int, float64, bool) {
			return int(e / time.Second), 0, e < 3*time.Second // one more user a second, at once
		}), []at{{0, 0}, {1500 * time.Millisecond, 1}, {2500 * time.Millisecond, 2}, {3500 * time.Millisecond, 2}}, 3 * time.Second},
		{"a negative count and a NaN rate from Go", shape.ShapeFunc(func(e time.Duration) (int, float64, bool) {
			if e < time.Second {
				return 3, -1, true
			}
			return -5, 0 * (-1) / zero(), e < 2*time.Second
		}), []at{{500 * time.Millisecond, 3}, {1500 * time.Millisecond, 0}, {2500 * time.Millisecond, 0}}, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r, _ := New(kinds(Kind{Name: "A", Weight: 1}), Options{})
				ended := make(chan time.Duration, 1)
				start := time.Now()
				r.StartShape(tt.shape, func() { ended <- time.Since(start) })
				if got := follow(t, r, ended, tt.checks); got != tt.end {
					t.Errorf("the shape ended after %v, want %v", got, tt.end)
				}
				r.Stop()
			})
		})
	}
}

func zero() float64 { return 0 }

func TestStopEndsAShapeWithoutDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, _ := New(kinds(Kind{Name: "A", Weight: 1}), Options{})
		called := false
		r.StartShape(shape.Stages{{Duration: time.Hour, Users: 5}}, func() { called = true })
		time.Sleep(10 * time.Second)
		r.Stop()
		if n, _ := r.Users(); n != 0 || called {
			t.Fatalf("after Stop: %d users, done called %v; want 0 and false", n, called)
		}
		time.Sleep(time.Hour)
		synctest.Wait()
		if n, _ := r.Users(); n != 0 || called {
			t.Fatalf("an hour after Stop: %d users, done called %v: the shape went on", n, called)
		}
	})
}
