package gust

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/demo"
)

// newTestSession returns a session of a user whose host is srv.
func newTestSession(t *testing.T, srv *httptest.Server, timeout time.Duration) (*Session, *memRecorder) {
	t.Helper()
	host, _ := url.Parse(srv.URL)
	rec := &memRecorder{}
	s := &Session{ctx: context.Background(), stopping: make(chan struct{}), id: 1, host: host, timeout: timeout, rec: rec}
	t.Cleanup(s.close)
	return s, rec
}

func TestHTTPRequestsAreTimedNamedAndJudged(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	s, rec := newTestSession(t, srv, DefaultTimeout)
	tests := []struct {
		name     string
		do       func() *Response
		wantName string
		wantErr  string
	}{
		{"success", func() *Response { return s.Get("/fast") }, "/fast", ""},
		{"query kept in the name", func() *Response { return s.Get("/item?id=3") }, "/item?id=3", ""},
		{"named", func() *Response { return s.Get("/item?id=4", Name("/item?id=[id]")) }, "/item?id=[id]", ""},
		{"status 500 fails", func() *Response { return s.Get("/error") }, "/error", "HTTP 500 Internal Server Error"},
		{"status 404 fails", func() *Response { return s.Get("/nope") }, "/nope", "HTTP 404 Not Found"},
		{"check turns a 404 into success", func() *Response {
			return s.Get("/status/404", Check(func(r *Response) error { return nil }))
		}, "/status/404", ""},
		{"check fails a 200 on its body", func() *Response {
			return s.Get("/fast", Check(func(r *Response) error {
				if !strings.Contains(r.Text(), "welcome") {
					return errors.New("no welcome in body")
				}
				return nil
			}))
		}, "/fast", "no welcome in body"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.do()
			got := rec.samples[i]
			if got.Name != tt.wantName || got.Err != tt.wantErr || got.Method != "GET" {
				t.Fatalf("recorded %s %q err %q, want GET %q err %q", got.Method, got.Name, got.Err, tt.wantName, tt.wantErr)
			}
			if got.Duration <= 0 || got.Duration != r.Duration {
				t.Fatalf("recorded duration %v, response duration %v: want the same positive value", got.Duration, r.Duration)
			}
			if got.Size != int64(len(r.Body)) {
				t.Fatalf("recorded size %d, body has %d bytes", got.Size, len(r.Body))
			}
		})
	}
}

func TestTransportErrorsAndTimeoutsAreFailures(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	s, rec := newTestSession(t, srv, 50*time.Millisecond)
	if r := s.Get("/slow?ms=2000"); r.OK() || !strings.Contains(r.Err.Error(), "timeout") {
		t.Fatalf("slow response: err %v, want a timeout failure", r.Err)
	}
	if r := s.Get("http://127.0.0.1:1/refused"); r.OK() || strings.Contains(r.Err.Error(), "127.0.0.1:1/refused") {
		t.Fatalf("refused connection: err %v, want a failure without the URL in it", r.Err)
	}
	if len(rec.samples) != 2 || rec.samples[0].Err == "" || rec.samples[1].Err == "" {
		t.Fatalf("samples %+v, want two failures", rec.samples)
	}
}

func TestNoHostIsAFailureNotACrash(t *testing.T) {
	rec := &memRecorder{}
	s := &Session{ctx: context.Background(), rec: rec, timeout: time.Second}
	if r := s.Get("/x"); !errors.Is(r.Err, ErrNoHost) {
		t.Fatalf("err %v, want ErrNoHost", r.Err)
	}
	if len(rec.samples) != 1 || rec.samples[0].Err == "" {
		t.Fatalf("samples %+v, want one failure", rec.samples)
	}
}

func TestEachUserHasItsOwnCookies(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	alice, _ := newTestSession(t, srv, DefaultTimeout)
	bob, _ := newTestSession(t, srv, DefaultTimeout)
	if r := alice.PostForm("/login", url.Values{"user": {"alice"}, "password": {"x"}}); !r.OK() {
		t.Fatalf("login: %v", r.Err)
	}
	if r := alice.Get("/api/items"); !r.OK() {
		t.Fatalf("alice after login: %v", r.Err)
	}
	if r := bob.Get("/api/items"); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bob without login: status %d, want 401 (cookies leaked between users)", r.StatusCode)
	}
	var created map[string]any
	if r := alice.PostJSON("/api/items", map[string]any{"name": "w"}); r.StatusCode != 201 || r.JSON(&created) != nil || created["name"] != "w" {
		t.Fatalf("create: status %d body %q", r.StatusCode, r.Body)
	}
}

func TestRequestCutByTheEndOfTheTestIsNotRecorded(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	s, rec := newTestSession(t, srv, DefaultTimeout)
	ctx, cancel := context.WithCancel(context.Background())
	s.ctx = ctx
	time.AfterFunc(20*time.Millisecond, cancel)
	s.Get("/slow?ms=5000")
	if len(rec.samples) != 0 {
		t.Fatalf("recorded %+v, want nothing for a request the test cancelled", rec.samples)
	}
}

func TestMeasureRecordsCustomProtocols(t *testing.T) {
	rec := &memRecorder{}
	s := &Session{ctx: context.Background(), rec: rec}
	errDown := errors.New("db down")
	if err := s.Measure("sql", "select items", func() (int64, error) { return 42, nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Measure("sql", "select items", func() (int64, error) { return 0, errDown }); err != errDown {
		t.Fatalf("Measure returned %v, want the function's error", err)
	}
	if got := rec.samples; len(got) != 2 || got[0].Method != "sql" || got[0].Size != 42 || got[0].Err != "" || got[1].Err != "db down" {
		t.Fatalf("samples %+v", got)
	}
}
