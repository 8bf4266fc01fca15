package gust

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/demo"
)

// clients are the HTTP clients every request test runs with.
var clients = []Client{NetHTTP, FastHTTP}

// newTestSession returns a session of a user of client whose host is srv.
func newTestSession(t *testing.T, use Client, srv *httptest.Server, timeout time.Duration) (*Session, *memRecorder) {
	t.Helper()
	host, _ := url.Parse(srv.URL)
	rec := &memRecorder{}
	s := &Session{ctx: context.Background(), stopping: make(chan struct{}), id: 1, targets: client.Targets{Host: host}, timeout: timeout, rec: rec, use: use}
	t.Cleanup(s.close)
	return s, rec
}

// eachClient runs test once with each client.
func eachClient(t *testing.T, test func(t *testing.T, c Client)) {
	for _, c := range clients {
		t.Run(c.String(), func(t *testing.T) { test(t, c) })
	}
}

func TestHTTPRequestsAreTimedNamedAndJudged(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		s, rec := newTestSession(t, c, srv, DefaultTimeout)
		tests := []struct {
			name     string
			do       func() *Response
			wantName string
			wantErr  string
		}{
			{"success", func() *Response { return s.Get("/fast") }, "/fast", ""},
			{"query kept in the name", func() *Response { return s.Get("/item?id=3") }, "/item?id=3", ""},
			{"named", func() *Response { return s.Get("/item?id=4", Name("/item?id=[id]")) }, "/item?id=[id]", ""},
			{"absolute URL", func() *Response { return s.Get(srv.URL + "/fast?x=1") }, "/fast?x=1", ""},
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
				if got.Size != int64(len(r.Body)) || r.StatusCode == 0 || !strings.HasPrefix(r.Status, strconv.Itoa(r.StatusCode)+" ") {
					t.Fatalf("recorded size %d, body has %d bytes, status %d %q", got.Size, len(r.Body), r.StatusCode, r.Status)
				}
			})
		}
	})
}

func TestResponsesCarryStatusHeadersAndBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("X-Token")+"|"+r.Method+"|"+r.Header.Get("Content-Type"))
		w.Header().Add("X-Two", "a")
		w.Header().Add("X-Two", "b")
		w.WriteHeader(http.StatusCreated)
		if r.Method != http.MethodHead {
			w.Write([]byte("created"))
		}
	}))
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		s, _ := newTestSession(t, c, srv, DefaultTimeout)
		tests := []struct {
			name     string
			do       func() *Response
			wantEcho string
			wantBody string
		}{
			{"GET with a header", func() *Response { return s.Get("/", Header("X-Token", "t1")) }, "t1|GET|", "created"},
			{"POST with a content type", func() *Response {
				return s.Post("/", "text/plain", strings.NewReader("hi"))
			}, "|POST|text/plain", "created"},
			{"HEAD has no body", func() *Response { return s.Head("/") }, "|HEAD|", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := tt.do()
				if r.Err != nil || r.StatusCode != 201 || r.Status != "201 Created" {
					t.Fatalf("status %d %q err %v, want 201 Created", r.StatusCode, r.Status, r.Err)
				}
				if got := r.Header.Get("X-Echo"); got != tt.wantEcho || len(r.Header["X-Two"]) != 2 {
					t.Fatalf("headers %v, want X-Echo %q and two X-Two", r.Header, tt.wantEcho)
				}
				if string(r.Body) != tt.wantBody {
					t.Fatalf("body %q, want %q", r.Body, tt.wantBody)
				}
			})
		}
	})
}

func TestTransportErrorsAndTimeoutsAreFailures(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		s, rec := newTestSession(t, c, srv, 50*time.Millisecond)
		if r := s.Get("/slow?ms=2000"); r.OK() || r.Err.Error() != "timeout after 50ms" {
			t.Fatalf("slow response: err %v, want a timeout failure", r.Err)
		}
		if r := s.PostForm("/login", url.Values{"user": {"a"}, "password": {"b"}}); !r.OK() {
			t.Fatalf("after a timeout: err %v, want the next request (not retried: a POST) to work", r.Err)
		}
		if r := s.Get("http://127.0.0.1:1/refused"); r.OK() || strings.Contains(r.Err.Error(), "127.0.0.1:1/refused") {
			t.Fatalf("refused connection: err %v, want a failure without the URL in it", r.Err)
		}
		if len(rec.samples) != 3 || rec.samples[0].Err == "" || rec.samples[2].Err == "" {
			t.Fatalf("samples %+v, want two failures around a success", rec.samples)
		}
		// The timeout was sent and waited for: it has its time. The refused
		// request never left: it has none, rather than a time of 0.
		if got := rec.samples[0]; got.NoTime || got.Duration <= 0 {
			t.Errorf("timed-out request: NoTime %v, duration %v; want it timed", got.NoTime, got.Duration)
		}
		if got := rec.samples[2]; !got.NoTime {
			t.Errorf("refused request: NoTime false (duration %v); want it counted without a response time", got.Duration)
		}
	})
}

func TestNoHostIsAFailureNotACrash(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		rec := &memRecorder{}
		s := &Session{ctx: context.Background(), rec: rec, timeout: time.Second, use: c}
		if r := s.Get("/x"); !errors.Is(r.Err, ErrNoHost) {
			t.Fatalf("err %v, want ErrNoHost", r.Err)
		}
		if len(rec.samples) != 1 || rec.samples[0].Err == "" || !rec.samples[0].NoTime {
			t.Fatalf("samples %+v, want one failure without a response time", rec.samples)
		}
	})
}

func TestEachUserHasItsOwnCookies(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		alice, _ := newTestSession(t, c, srv, DefaultTimeout)
		bob, _ := newTestSession(t, c, srv, DefaultTimeout)
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
	})
}

// A request that the end of the test cuts short is counted as interrupted,
// not as a failure of the target.
func TestRequestCutByTheEndOfTheTestIsInterrupted(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		s, rec := newTestSession(t, c, srv, DefaultTimeout)
		ctx, cancel := context.WithCancel(context.Background())
		s.ctx = ctx
		time.AfterFunc(20*time.Millisecond, cancel)
		begun := time.Now()
		s.Get("/slow?ms=5000")
		if len(rec.samples) != 1 || !rec.samples[0].Interrupted || rec.samples[0].Err != "" {
			t.Fatalf("recorded %+v, want one interrupted sample for a request the test cancelled", rec.samples)
		}
		if time.Since(begun) > 4*time.Second {
			t.Fatalf("the cancelled request went on for %v", time.Since(begun))
		}
	})
}

func TestDoSendsTheCallersRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("X-A")))
	}))
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		s, rec := newTestSession(t, c, srv, DefaultTimeout)
		req, _ := http.NewRequest(http.MethodPut, srv.URL+"/thing?id=1", strings.NewReader("x"))
		req.Header.Set("X-A", "1")
		r := s.Do(req, Name("/thing"))
		if r.Err != nil || string(r.Body) != "PUT /thing?id=1 1" || rec.samples[0].Name != "/thing" {
			t.Fatalf("Do: body %q err %v samples %+v", r.Body, r.Err, rec.samples)
		}
	})
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

// A size of -1 (http.Response.ContentLength when unknown) must not take
// bytes off the totals, nor a negative time put a 0 into the histogram.
func TestRecordTakesNegativesAsUnknown(t *testing.T) {
	rec := &memRecorder{}
	s := &Session{ctx: context.Background(), rec: rec}
	s.Record("sql", "unknown size", time.Millisecond, -1, nil)
	s.Record("sql", "clock went back", -time.Millisecond, 10, nil)
	got := rec.samples
	if len(got) != 2 || got[0].Size != 0 || got[0].NoTime || got[1].Size != 10 || !got[1].NoTime || got[1].Duration != 0 {
		t.Fatalf("samples %+v; want the first with no bytes, the second without a time", got)
	}
}
