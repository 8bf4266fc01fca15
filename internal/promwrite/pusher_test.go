package promwrite_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/snappy"
	"google.golang.org/protobuf/proto"

	"github.com/gustload/gust/internal/metrics"
	"github.com/gustload/gust/internal/promwrite"
	"github.com/gustload/gust/internal/promwrite/prompb"
	"github.com/gustload/gust/internal/stats"
)

// receiver is a remote-write endpoint that keeps what it is sent.
type receiver struct {
	mu      sync.Mutex
	reqs    []*prompb.WriteRequest
	headers []http.Header
	got     chan struct{}
}

func newReceiver(t *testing.T) (*receiver, *httptest.Server) {
	rc := &receiver{got: make(chan struct{}, 100)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		raw, err := snappy.Decode(nil, body)
		req := &prompb.WriteRequest{}
		if err == nil {
			err = proto.Unmarshal(raw, req)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rc.mu.Lock()
		rc.reqs, rc.headers = append(rc.reqs, req), append(rc.headers, r.Header.Clone())
		rc.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		rc.got <- struct{}{}
	}))
	t.Cleanup(srv.Close)
	return rc, srv
}

func run() metrics.Run {
	rec := stats.NewRecorder()
	rec.Reset(time.Now())
	for i := range 10 {
		s := stats.Sample{Method: "GET", Name: "/items", Duration: time.Duration(i+1) * time.Millisecond}
		if i == 0 {
			s.Err = "HTTP 500"
		}
		rec.Record(i, s)
	}
	return metrics.Run{Snap: rec.Tick(time.Now(), 3, map[string]int{"Browser": 3}), State: "running", States: []string{"running", "stopped"}}
}

// value finds a series by its labels in a request.
func value(req *prompb.WriteRequest, want map[string]string) (float64, bool) {
	for _, ts := range req.Timeseries {
		if len(ts.Labels) != len(want) {
			continue
		}
		match := true
		for _, l := range ts.Labels {
			match = match && want[l.Name] == l.Value
		}
		if match {
			return ts.Samples[0].Value, true
		}
	}
	return 0, false
}

func TestPush(t *testing.T) {
	rc, srv := newReceiver(t)
	p, err := promwrite.New(promwrite.Options{URL: srv.URL + "/api/v1/write", BearerToken: "s3cret",
		Labels: []metrics.Label{{Name: "testid", Value: "nightly-42"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Push(context.Background(), run()) {
		t.Fatalf("push failed: %+v", p.Result())
	}
	req, h := rc.reqs[0], rc.headers[0]
	if h.Get("Authorization") != "Bearer s3cret" || h.Get("Content-Encoding") != "snappy" ||
		h.Get("X-Prometheus-Remote-Write-Version") != "0.1.0" {
		t.Errorf("headers %v", h)
	}
	checks := []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"__name__": "gust_requests_total", "method": "GET", "name": "/items", "testid": "nightly-42"}, 10},
		{map[string]string{"__name__": "gust_failures_total", "method": "GET", "name": "/items", "testid": "nightly-42"}, 1},
		{map[string]string{"__name__": "gust_request_duration_seconds_bucket", "method": "GET", "name": "/items", "le": "0.005", "testid": "nightly-42"}, 5},
		{map[string]string{"__name__": "gust_users", "testid": "nightly-42"}, 3},
		{map[string]string{"__name__": "gust_state", "state": "running", "testid": "nightly-42"}, 1},
	}
	for _, c := range checks {
		if got, ok := value(req, c.labels); !ok || got != c.want {
			t.Errorf("%v = %v (found %v), want %v", c.labels, got, ok, c.want)
		}
	}
	for _, ts := range req.Timeseries {
		for i := 1; i < len(ts.Labels); i++ {
			if ts.Labels[i-1].Name >= ts.Labels[i].Name {
				t.Fatalf("labels not sorted: %v", ts.Labels)
			}
		}
	}
	if r := p.Result(); r.Pushed != 1 || r.Dropped != 0 || r.Error != "" {
		t.Errorf("result %+v", r)
	}
}

func TestPushBasicAuth(t *testing.T) {
	rc, srv := newReceiver(t)
	p, _ := promwrite.New(promwrite.Options{URL: srv.URL, BasicAuth: "gust:pa:ss"})
	p.Push(context.Background(), run())
	if user, pass, ok := (&http.Request{Header: rc.headers[0]}).BasicAuth(); !ok || user != "gust" || pass != "pa:ss" {
		t.Errorf("basic auth %q %q %v", user, pass, ok)
	}
}

// TestPushFails: a closed port and an endpoint that answers 500 drop the
// pushes, count them, and warn once with the reason.
func TestPushFails(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + ln.Addr().String() + "/api/v1/write"
	ln.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "out of order sample", http.StatusInternalServerError)
	}))
	defer failing.Close()
	for _, tt := range []struct{ url, reason string }{{closed, "connect"}, {failing.URL, "500"}} {
		var log bytes.Buffer
		p, _ := promwrite.New(promwrite.Options{URL: tt.url, Timeout: 5 * time.Second, Log: slog.New(slog.NewTextHandler(&log, nil))})
		for range 3 {
			if p.Push(context.Background(), run()) {
				t.Fatalf("%s: a push arrived", tt.url)
			}
		}
		r := p.Result()
		if r.Dropped != 3 || r.Pushed != 0 || !strings.Contains(r.Error, tt.reason) {
			t.Errorf("%s: result %+v, want 3 dropped and a reason with %q", tt.url, r, tt.reason)
		}
		if n := strings.Count(log.String(), "level=WARN"); n != 1 || !strings.Contains(log.String(), tt.reason) {
			t.Errorf("%s: %d warnings, want 1 with %q:\n%s", tt.url, n, tt.reason, log.String())
		}
	}
}

func TestRunPushesUntilCancelled(t *testing.T) {
	rc, srv := newReceiver(t)
	p, _ := promwrite.New(promwrite.Options{URL: srv.URL, Interval: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); p.Run(ctx, run) }()
	for range 2 {
		<-rc.got
	}
	cancel()
	<-done
	n := p.Result().Pushed
	if !p.Push(context.Background(), run()) || p.Result().Pushed != n+1 {
		t.Fatalf("the final push after Run: %+v", p.Result())
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	last := rc.reqs[len(rc.reqs)-1].Timeseries[0].Samples[0].Timestamp
	prev := rc.reqs[len(rc.reqs)-2].Timeseries[0].Samples[0].Timestamp
	if last <= prev {
		t.Errorf("the final push is stamped %d, not after the previous %d", last, prev)
	}
}

func TestNewRefusesBadURL(t *testing.T) {
	for _, u := range []string{"", "127.0.0.1:9090", "ftp://h/x", "http://"} {
		if _, err := promwrite.New(promwrite.Options{URL: u}); err == nil || !strings.Contains(err.Error(), "--prometheus-remote-write") {
			t.Errorf("New(%q) = %v", u, err)
		}
	}
}
