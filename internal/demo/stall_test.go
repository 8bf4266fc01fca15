package demo_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/demo"
)

func TestStallWait(t *testing.T) {
	const s = time.Second
	tests := []struct {
		elapsed, every, length, want time.Duration
	}{
		{0, 10 * s, 2 * s, 0},          // no window at the start
		{9 * s, 10 * s, 2 * s, 0},      // before the first window
		{10 * s, 10 * s, 2 * s, 2 * s}, // the first window opens
		{11500 * time.Millisecond, 10 * s, 2 * s, 500 * time.Millisecond},
		{12 * s, 10 * s, 2 * s, 0},           // the window has ended
		{20*s + 1, 10 * s, 2 * s, 2*s - 1},   // the second window
		{1000*s + 1, 10 * s, 2 * s, 2*s - 1}, // and so on
		{15 * s, 10 * s, 0, 0},               // zero-length windows never hold
		{10 * s, 0, 2 * s, 0},                // no period, no windows
	}
	for _, tt := range tests {
		if got := demo.StallWait(tt.elapsed, tt.every, tt.length); got != tt.want {
			t.Errorf("StallWait(%v, %v, %v) = %v, want %v", tt.elapsed, tt.every, tt.length, got, tt.want)
		}
	}
}

func TestStall(t *testing.T) {
	// Each request is sent `at` after the handler was built, all of them
	// concurrently, and must be answered `wait` later: requests that arrive
	// during a window are all released together when it ends.
	requests := []struct {
		at     time.Duration
		target string
		wait   time.Duration
	}{
		{0, "/stall", 0},
		{9 * time.Second, "/stall", 0},
		{10 * time.Second, "/stall", 2 * time.Second},
		{11 * time.Second, "/stall", time.Second},
		{11500 * time.Millisecond, "/stall", 500 * time.Millisecond},
		{12 * time.Second, "/stall", 0},
		{21 * time.Second, "/stall", time.Second},
		{22 * time.Second, "/stall?every=1s&for=300ms", 300 * time.Millisecond},
		{22100 * time.Millisecond, "/stall?every=1s&for=300ms", 200 * time.Millisecond},
		{22500 * time.Millisecond, "/stall?every=1s", 0}, // for defaults to every/2
		{23200 * time.Millisecond, "/stall?every=1s", 300 * time.Millisecond},
	}
	synctest.Test(t, func(t *testing.T) {
		h := demo.NewHandler()
		for _, rq := range requests {
			go func() {
				time.Sleep(rq.at)
				rec, took := timed(t, h, rq.target)
				check(t, rec, 200, text, "ok\n")
				if took != rq.wait {
					t.Errorf("sent at %v, %s took %v, want %v", rq.at, rq.target, took, rq.wait)
				}
			}()
		}
		time.Sleep(time.Minute)
	})
}

func TestStallParameters(t *testing.T) {
	h := demo.NewHandler()
	tests := []struct{ target, body string }{
		{"/stall?every=0s", `demo: every="0s" is not valid: want a duration from 1ms to 1h0m0s, like 2s or 500ms` + "\n"},
		{"/stall?every=2h", `demo: every="2h"...`},
		{"/stall?every=10", `demo: every="10"...`},
		{"/stall?for=10s", `demo: for="10s" is not valid: want a duration from 0s to 9.999s, like 2s or 500ms` + "\n"},
		{"/stall?every=5s&for=-1s", `demo: for="-1s"...`},
	}
	for _, tt := range tests {
		check(t, serve(t, h, "GET", tt.target, ""), 400, text, tt.body)
	}
}
