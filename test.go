package gust

import (
	"context"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/engine"
	"github.com/gustload/gust/internal/threshold"
)

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

// Main runs gust's command line with t and exits with the test's exit code
// (see Main).
func (t Test) Main() {
	os.Exit(t.Run(os.Args[1:]))
}

// Run is Main without the exit: it runs the command line args (without the
// program name) with t and returns the exit code. The first Ctrl-C (or
// SIGTERM) stops the test gracefully, a second one at once.
func (t Test) Run(args []string) int {
	interrupt := make(chan struct{}, 2)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range signals {
			select {
			case interrupt <- struct{}{}:
			default: // two are pending already
			}
		}
	}()
	defer signal.Stop(signals)
	env := environment{args: args, getenv: os.LookupEnv, stdout: os.Stdout, stderr: os.Stderr}
	return env.test(context.Background(), interrupt, t)
}

// load is what t gives the engine beyond its users: its shape and its
// thresholds, parsed.
func (t Test) load() (engine.Hooks, error) {
	h := engine.Hooks{Shape: t.Shape}
	for _, s := range t.Thresholds {
		th, err := threshold.Parse(s)
		if err != nil {
			return h, &config.UsageError{Option: "threshold",
				Msg: "Test.Thresholds: " + strings.TrimPrefix(err.Error(), "gust: ")}
		}
		h.Thresholds = append(h.Thresholds, th)
	}
	return h, nil
}
