package demo_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gustload/gust/internal/demo"
)

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the handler rather than a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

func BenchmarkFast(b *testing.B) {
	h := demo.NewHandler()
	req := httptest.NewRequest("GET", "/fast", nil)
	w := &discard{h: make(http.Header)}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, req)
	}
}

func BenchmarkFastParallel(b *testing.B) {
	h := demo.NewHandler()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest("GET", "/fast", nil)
		w := &discard{h: make(http.Header)}
		for pb.Next() {
			h.ServeHTTP(w, req)
		}
	})
}
