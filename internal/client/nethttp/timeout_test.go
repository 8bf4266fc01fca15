package nethttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/demo"
)

func TestTheTimerLooksAtTheRequestInFlight(t *testing.T) {
	tests := []struct {
		name      string
		began     time.Duration // before now; -1: no request in flight
		timedOut  bool
		armedLeft bool // the timer is set again
	}{
		{"no request in flight: left unset", -1, false, false},
		{"a request begun just now: set again", 0, false, true},
		{"a request past the timeout: cancelled", 2 * time.Hour, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(client.Options{Timeout: time.Hour})
			defer c.Close()
			c.request(context.Background()) // the context a timeout cancels
			if tt.began >= 0 {
				c.began.Store(int64(time.Since(epoch) - tt.began))
			}
			c.armed.Store(true) // as when the timer fires
			c.watch()
			cancelled := c.tmpl.Context().Err() != nil
			if c.timedOut.Load() != tt.timedOut || cancelled != tt.timedOut || c.armed.Load() != tt.armedLeft {
				t.Fatalf("timed out %v, context cancelled %v, timer set %v; want %v, %v, %v",
					c.timedOut.Load(), cancelled, c.armed.Load(), tt.timedOut, tt.timedOut, tt.armedLeft)
			}
		})
	}
}

func TestASlowRequestAfterAFastOneTimesOut(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	c := New(client.Options{Timeout: 200 * time.Millisecond})
	defer c.Close()
	get := func(path string) client.Response {
		u, _ := url.Parse(srv.URL + path)
		return c.Do(t.Context(), &client.Request{Method: http.MethodGet, Target: client.NewTarget(u)})
	}
	if r := get("/"); r.Err != nil {
		t.Fatalf("first request: %v", r.Err)
	}
	if r := get("/slow?ms=3000"); r.Err == nil || r.Err.Error() != "timeout after 200ms" {
		t.Fatalf("slow request with the timer set by the first: err %v, want a timeout failure", r.Err)
	}
	if r := get("/"); r.Err != nil {
		t.Fatalf("after the timeout: %v, want the next request to work", r.Err)
	}
}
