package demo_test

import (
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/demo"
)

// timed serves GET target on h and returns the answer and how long it took
// on the bubble's clock; call it inside synctest.Test.
func timed(t *testing.T, h http.Handler, target string) (*httptest.ResponseRecorder, time.Duration) {
	t.Helper()
	start := time.Now()
	rec := serve(t, h, "GET", target, "")
	return rec, time.Since(start)
}

func TestDelays(t *testing.T) {
	tests := []struct {
		target string
		wait   time.Duration
		status int
		body   string
	}{
		{"/slow", 200 * time.Millisecond, 200, "waited 200 ms\n"},
		{"/slow?ms=0", 0, 200, "waited 0 ms\n"},
		{"/slow?ms=1500", 1500 * time.Millisecond, 200, "waited 1500 ms\n"},
		{"/slow?ms=60000", time.Minute, 200, "waited 60000 ms\n"},
		{"/slow?ms=60001", 0, 400, `demo: ms="60001" is not valid: want an integer from 0 to 60000` + "\n"},
		{"/slow?ms=-1", 0, 400, `demo: ms="-1"...`},
		{"/slow?ms=1s", 0, 400, `demo: ms="1s"...`},
		{"/delay/150", 150 * time.Millisecond, 200, "waited 150 ms\n"},
		{"/delay/60001", 0, 400, `demo: ms="60001"...`},
		{"/delay/x", 0, 400, `demo: ms="x"...`},
		{"/latency?median=40&p99=40", 40 * time.Millisecond, 200, "waited 40 ms\n"},
		{"/latency?median=0", 0, 400, `demo: median="0" is not valid: want an integer from 1 to 60000` + "\n"},
		{"/latency?median=30&p99=20", 0, 400, `demo: p99="20" is not valid: want an integer from 30 to 60000` + "\n"},
		{"/latency?p99=60001", 0, 400, `demo: p99="60001"...`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec, took := timed(t, demo.NewHandler(), tt.target)
				check(t, rec, tt.status, text, tt.body)
				if took != tt.wait {
					t.Errorf("took %v on the fake clock, want %v", took, tt.wait)
				}
			})
		})
	}
}

func TestDelaysEndWhenClientLeaves(t *testing.T) {
	for _, target := range []string{"/slow?ms=60000", "/delay/60000", "/latency?median=60000&p99=60000", "/stall?every=1s&for=999ms"} {
		t.Run(target, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := demo.NewHandler()
				time.Sleep(time.Second) // so that /stall is in its first window
				req, cancel := cancellableRequest("GET", target)
				rec, done := newRecorder(), make(chan struct{})
				start := time.Now()
				go func() { h.ServeHTTP(rec, req); close(done) }()
				time.Sleep(500 * time.Millisecond)
				cancel()
				<-done
				if took := time.Since(start); took != 500*time.Millisecond {
					t.Errorf("handler returned after %v, want 500ms (when the client left)", took)
				}
				check(t, rec, 503, text, "demo: request cancelled before its delay ended\n")
			})
		})
	}
}

func TestLatencyDistribution(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := demo.NewHandler(demo.WithSeed(7))
		const n = 2000
		var below20, below500, atCap int
		for range n {
			rec, took := timed(t, h, "/latency")
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			below20 += b2i(took <= 20*time.Millisecond)
			below500 += b2i(took <= 500*time.Millisecond)
			atCap += b2i(took == time.Second)
			if took > time.Second {
				t.Fatalf("took %v, want at most the cap 2*p99 = 1s", took)
			}
		}
		// Binomial bounds at about 5 standard deviations: the seed makes the
		// counts fixed, the bounds keep the test honest about the model.
		within(t, "share at or below the median", below20, n, 0.5, 0.06)
		within(t, "share at or below p99", below500, n, 0.99, 0.012)
		if atCap == n {
			t.Errorf("every delay was the cap")
		}
	})
}

func TestLogNormal(t *testing.T) {
	const z99 = 2.3263478740408408
	tests := []struct {
		z           float64
		median, p99 int
		want        time.Duration
	}{
		{0, 20, 500, 20 * time.Millisecond},
		{z99, 20, 500, 500 * time.Millisecond},
		{-z99, 20, 500, 800 * time.Microsecond}, // 20*20/500 ms
		{10, 20, 500, time.Second},              // capped at 2*p99
		{10, 20, 40000, time.Minute},            // capped at 60 s
		{3, 50, 50, 50 * time.Millisecond},      // no spread
		{math.Inf(-1), 20, 500, 0},
	}
	for _, tt := range tests {
		got := demo.LogNormal(tt.z, tt.median, tt.p99)
		if d := got - tt.want; d < -time.Microsecond || d > time.Microsecond {
			t.Errorf("LogNormal(%v, %d, %d) = %v, want %v", tt.z, tt.median, tt.p99, got, tt.want)
		}
	}
}

func TestFlaky(t *testing.T) {
	h := demo.NewHandler(demo.WithSeed(3))
	check(t, serve(t, h, "GET", "/flaky?p=0", ""), 200, text, "ok\n")
	check(t, serve(t, h, "GET", "/flaky?p=1", ""), 503, text, "service unavailable (on purpose)\n")
	check(t, serve(t, h, "GET", "/flaky?p=1.5", ""), 400, text, `demo: p="1.5" is not valid: want a number from 0 to 1`+"\n")
	check(t, serve(t, h, "GET", "/flaky?p=NaN", ""), 400, text, `demo: p="NaN"...`)
	const n = 2000
	for _, tt := range []struct {
		target string
		p      float64
	}{{"/flaky", 0.1}, {"/flaky?p=0.5", 0.5}, {"/flaky?p=0.01", 0.01}} {
		var failed int
		for range n {
			failed += b2i(statusOf(t, h, tt.target) == 503)
		}
		within(t, tt.target, failed, n, tt.p, 5*math.Sqrt(tt.p*(1-tt.p)/n))
	}
}

func TestSeedMakesRandomRoutesRepeat(t *testing.T) {
	run := func(seed int64) (out []int) {
		synctest.Test(t, func(t *testing.T) {
			h := demo.NewHandler(demo.WithSeed(seed))
			for range 50 {
				_, took := timed(t, h, "/latency")
				out = append(out, int(took), statusOf(t, h, "/flaky?p=0.5"))
			}
		})
		return out
	}
	a, b, c := run(42), run(42), run(43)
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different answers:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Errorf("seeds 42 and 43 gave the same answers")
	}
}

// within fails t unless count/n is within tol of want.
func within(t *testing.T, what string, count, n int, want, tol float64) {
	t.Helper()
	if got := float64(count) / float64(n); math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %.4f", what, got, want, tol)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
