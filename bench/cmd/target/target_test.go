package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRoutes(t *testing.T) {
	h := newHandler()
	tests := []struct {
		path     string
		status   int
		minTaken time.Duration
	}{
		{"/index.txt", 200, 0},
		{"/delay/20", 200, 20 * time.Millisecond},
		{"/delay/x", 400, 0},
		{"/delay/-1", 400, 0},
		{"/nope", 404, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			began := time.Now()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
			if w.Code != tt.status || time.Since(began) < tt.minTaken {
				t.Fatalf("status %d after %v, want %d after at least %v", w.Code, time.Since(began), tt.status, tt.minTaken)
			}
		})
	}
	if s := h.served.summary(); !strings.HasPrefix(s, "served=1 ") {
		t.Fatalf("summary %q, want the one delayed request", s)
	}
}

func TestLatenciesQuantiles(t *testing.T) {
	l := newLatencies()
	for i := range 100 {
		l.add(50*time.Millisecond + time.Duration(i)*100*time.Microsecond)
	}
	if p50, p99 := l.quantile(0.5), l.quantile(0.99); p50 < 54*time.Millisecond || p50 > 55*time.Millisecond ||
		p99 < 59*time.Millisecond || p99 > 60*time.Millisecond {
		t.Fatalf("p50 %v p99 %v, want about 55ms and 60ms", p50, p99)
	}
	if got := l.summary(); !strings.Contains(got, "served=100 ") || !strings.Contains(got, "max_ms=59.90") {
		t.Fatalf("summary %q", got)
	}
}

func TestServeOnlyOnLoopback(t *testing.T) {
	if _, err := serve("0.0.0.0:0", newHandler()); err == nil {
		t.Fatal("served on every interface")
	}
	srv, err := serve("127.0.0.1:0", newHandler())
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
}
