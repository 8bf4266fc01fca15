package demo_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/demo"
)

const (
	text = "text/plain; charset=utf-8"
	html = "text/html; charset=utf-8"
	js   = "application/json"
	bin  = "application/octet-stream"
)

func TestImmediateRoutes(t *testing.T) {
	h := demo.NewHandler(demo.WithSeed(1))
	tests := []struct {
		method, target string
		status         int
		ctype, body    string
	}{
		{"GET", "/", 200, html, "<!doctype html>..."},
		{"GET", "/fast", 200, text, "ok\n"},
		{"GET", "/error", 500, text, "internal server error (on purpose)\n"},
		{"GET", "/status/200", 200, text, "200 OK\n"},
		{"GET", "/status/404", 404, text, "404 Not Found\n"},
		{"GET", "/status/599", 599, text, "599\n"},
		{"GET", "/status/204", 204, text, ""},
		{"GET", "/status/99", 400, text, `demo: code="99" is not valid: want an integer from 100 to 599` + "\n"},
		{"GET", "/status/600", 400, text, `demo: code="600"...`},
		{"GET", "/status/abc", 400, text, `demo: code="abc"...`},
		{"GET", "/status/101", 400, text, `demo: code="101" is not valid: want a status from 100 to 599 other than 101...`},
		{"GET", "/item?id=7", 200, js, `{"id":7,"name":"item 7","price_cents":359}` + "\n"},
		{"GET", "/item?id=0", 200, js, `{"id":0,"name":"item 0","price_cents":100}` + "\n"},
		{"GET", "/item", 400, text, `demo: id="" is not valid: want an integer from 0 to 2147483647` + "\n"},
		{"GET", "/item?id=-1", 400, text, `demo: id="-1"...`},
		{"GET", "/bytes/0", 200, bin, ""},
		{"GET", "/bytes/5", 200, bin, " !\"#$"},
		{"GET", "/bytes/10485761", 400, text, `demo: n="10485761" is not valid: want an integer from 0 to 10485760` + "\n"},
		{"GET", "/bytes/-1", 400, text, `demo: n="-1"...`},
		{"GET", "/nope", 404, text, "404 page not found\n"},
		{"POST", "/fast", 405, text, "Method Not Allowed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			check(t, serve(t, h, tt.method, tt.target, ""), tt.status, tt.ctype, tt.body)
		})
	}
}

func TestHomeListsRoutes(t *testing.T) {
	body := serve(t, demo.NewHandler(), "GET", "/", "").Body.String()
	if len(body) > 1024 {
		t.Errorf("home page is %d bytes, want a small page", len(body))
	}
	for _, route := range []string{"/fast", "/slow", "/delay/", "/latency", "/error", "/status/", "/flaky",
		"/item?id=", "/login", "/api/items", "/bytes/", "/stall", "/stats"} {
		if !strings.Contains(body, route) {
			t.Errorf("home page does not mention %s", route)
		}
	}
}

func TestBytesBody(t *testing.T) {
	for _, n := range []int{1, 95, 32 << 10, 32<<10 + 1, 10 << 20} {
		rec := serve(t, demo.NewHandler(), "GET", "/bytes/"+itoa(n), "")
		b := rec.Body.Bytes()
		if len(b) != n || rec.Header().Get("Content-Length") != itoa(n) {
			t.Fatalf("/bytes/%d: got %d bytes, Content-Length %q", n, len(b), rec.Header().Get("Content-Length"))
		}
		for i, c := range b {
			if want := byte(' ' + i%95); c != want {
				t.Fatalf("/bytes/%d: byte %d = %q, want %q", n, i, c, want)
			}
		}
	}
}

func TestBytesStopsWhenClientLeaves(t *testing.T) {
	req, cancel := cancellableRequest("GET", "/bytes/10485760")
	cancel()
	rec := newRecorder()
	demo.NewHandler().ServeHTTP(rec, req)
	if rec.Body.Len() != 0 {
		t.Errorf("wrote %d bytes to a client that had gone", rec.Body.Len())
	}
}

func TestEveryRouteDocumented(t *testing.T) {
	var stats demo.Stats
	decode(t, serve(t, demo.NewHandler(), "GET", "/stats", "").Body.Bytes(), &stats)
	doc := readFile(t, "doc.go")
	for route := range stats.Routes {
		method, path, _ := strings.Cut(route, " ")
		path, _, _ = strings.Cut(path, "{")
		if !bytes.Contains(doc, []byte(method+"  "+path)) && !bytes.Contains(doc, []byte(method+" "+path)) {
			t.Errorf("route %s is not in the table of doc.go", route)
		}
	}
}

// statusOf returns the status h answers to GET target.
func statusOf(t *testing.T, h http.Handler, target string) int {
	t.Helper()
	return serve(t, h, "GET", target, "").Code
}
