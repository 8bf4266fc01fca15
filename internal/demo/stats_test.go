package demo_test

import (
	"maps"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/gustload/gust/internal/demo"
)

var allRoutes = []string{
	"GET /", "GET /fast", "GET /slow", "GET /delay/{ms}", "GET /latency", "GET /error", "GET /status/{code}",
	"GET /flaky", "GET /item", "POST /login", "GET /api/items", "POST /api/items", "GET /bytes/{n}", "GET /stall",
	"GET /ws/echo", "GET /ws/broadcast",
}

// stats reads GET /stats from h.
func stats(t *testing.T, h http.Handler) demo.Stats {
	t.Helper()
	rec := serve(t, h, "GET", "/stats", "")
	check(t, rec, 200, js, "...")
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	var s demo.Stats
	decode(t, rec.Body.Bytes(), &s)
	return s
}

func TestStatsListsEveryRoute(t *testing.T) {
	s := stats(t, demo.NewHandler())
	got := slices.Sorted(maps.Keys(s.Routes))
	if want := slices.Sorted(slices.Values(allRoutes)); !slices.Equal(got, want) {
		t.Errorf("routes = %q, want %q", got, want)
	}
	if s.Total != 0 {
		t.Errorf("total = %d before any request", s.Total)
	}
}

func TestStatsCounts(t *testing.T) {
	h := demo.NewHandler()
	requests := []struct{ method, target string }{
		{"GET", "/"}, {"GET", "/fast"}, {"GET", "/fast"}, {"GET", "/slow?ms=0"}, {"GET", "/delay/0"},
		{"GET", "/error"}, {"GET", "/status/418"}, {"GET", "/status/x"}, {"GET", "/item?id=1"},
		{"GET", "/item?id=2"}, {"GET", "/item?id=3"}, {"POST", "/login"}, {"GET", "/api/items"},
		{"GET", "/bytes/3"}, {"GET", "/stall"}, {"GET", "/flaky?p=0"}, {"GET", "/latency?median=1&p99=1"},
		{"GET", "/ws/echo"}, {"GET", "/nope"}, {"DELETE", "/fast"}, {"GET", "/stats"}, // not counted
	}
	for _, rq := range requests {
		serve(t, h, rq.method, rq.target, "")
	}
	s := stats(t, h)
	want := map[string]int64{
		"GET /": 1, "GET /fast": 2, "GET /slow": 1, "GET /delay/{ms}": 1, "GET /error": 1, "GET /status/{code}": 2,
		"GET /item": 3, "POST /login": 1, "GET /api/items": 1, "POST /api/items": 0, "GET /bytes/{n}": 1,
		"GET /stall": 1, "GET /flaky": 1, "GET /latency": 1, "GET /ws/echo": 1, "GET /ws/broadcast": 0,
	}
	if !maps.Equal(s.Routes, want) || s.Total != 18 {
		t.Errorf("stats = %d %v, want 18 %v", s.Total, s.Routes, want)
	}
}

func TestStatsCountConcurrentRequests(t *testing.T) {
	h := demo.NewHandler()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 500 {
				serve(t, h, "GET", "/fast", "")
			}
		})
	}
	wg.Wait()
	if s := stats(t, h); s.Routes["GET /fast"] != 4000 || s.Total != 4000 {
		t.Errorf("stats = %d %v after 4000 concurrent GET /fast", s.Total, s.Routes)
	}
}
