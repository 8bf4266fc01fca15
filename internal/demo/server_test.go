package demo_test

import (
	"errors"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gustload/gust/internal/demo"
)

func TestStartRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "10.1.2.3:0", "192.168.0.1:8080", "8.8.8.8:53", "example.com:80", "128.0.0.1:0"} {
		srv, err := demo.Start(addr)
		if err == nil {
			srv.Close()
			t.Errorf("Start(%q) succeeded, want ErrNotLoopback", addr)
			continue
		}
		if !errors.Is(err, demo.ErrNotLoopback) || !strings.Contains(err.Error(), addr) {
			t.Errorf("Start(%q) = %v, want ErrNotLoopback naming the address", addr, err)
		}
	}
}

func TestStartRejectsMalformedAddress(t *testing.T) {
	_, err := demo.Start("127.0.0.1")
	if err == nil || errors.Is(err, demo.ErrNotLoopback) || !strings.Contains(err.Error(), "want host:port") {
		t.Errorf("Start(%q) = %v, want an error asking for host:port", "127.0.0.1", err)
	}
}

// An address Start cannot listen on is an *AddrError that says which one,
// what is wrong and what would be valid.
func TestStartSaysWhichAddressFailedAndWhatIsValid(t *testing.T) {
	busy := start(t, "127.0.0.1:0")
	busyAddr := strings.TrimPrefix(busy.URL, "http://")
	for _, tc := range []struct {
		addr, grpc string
		grpcFailed bool
		problem    string
	}{
		{busyAddr, "", false, "the port is in use; want another port from 1 to 65535, or 0 for any free one"},
		{"127.0.0.1:0", busy.GRPCAddr, true, "the port is in use; want another port"},
		{"127.0.0.1:99999", "", false, "the port is not valid; want a port from 1 to 65535, or 0 for any free one"},
		{"127.0.0.1:0", "127.0.0.1:http", true, "the port is not valid"},
		{"127.0.0.1:0", "10.0.0.1:0", true, "not on loopback; want 127.0.0.1:PORT"},
		{"127.0.0.1", "", false, "not host:port; want host:port"},
	} {
		srv, err := demo.Start(tc.addr, demo.WithGRPCAddr(tc.grpc))
		if err == nil {
			srv.Close()
			t.Errorf("Start(%q, grpc %q) succeeded", tc.addr, tc.grpc)
			continue
		}
		want := tc.addr
		if tc.grpcFailed {
			want = tc.grpc
		}
		var ae *demo.AddrError
		if !errors.As(err, &ae) || ae.GRPC != tc.grpcFailed || ae.Addr != want || !strings.HasPrefix(ae.Problem(), tc.problem) ||
			strings.Count(err.Error(), "gust:") != 1 {
			t.Errorf("Start(%q, grpc %q) = %v; want an *AddrError of %q (gRPC %v) with %q", tc.addr, tc.grpc, err, want, tc.grpcFailed, tc.problem)
		}
	}
}

func TestStartOnLoopback(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		srv := start(t, addr)
		if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || strings.HasSuffix(srv.URL, ":0") {
			t.Errorf("Start(%q).URL = %q, want http://127.0.0.1:PORT", addr, srv.URL)
		}
		if status, body := do(t, client(t), "GET", srv.URL+"/fast", "", ""); status != 200 || body != "ok\n" {
			t.Errorf("GET /fast on %s = %d %q", addr, status, body)
		}
	}
}

func TestCloseEndsDelayedRequests(t *testing.T) {
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := client(t)
	var wg sync.WaitGroup
	statuses := make([]int, 3)
	for i, path := range []string{"/slow?ms=60000", "/delay/60000", "/latency?median=60000&p99=60000"} {
		wg.Go(func() {
			resp, err := c.Get(srv.URL + path)
			if err == nil {
				statuses[i] = resp.StatusCode
				resp.Body.Close()
			}
		})
	}
	waitForCount(t, c, srv.URL, 3)
	if err := srv.Close(); err != nil {
		t.Errorf("Close = %v, want nil", err)
	}
	wg.Wait()
	for i, s := range statuses {
		if s != 0 && s != http.StatusServiceUnavailable {
			t.Errorf("request %d cut short by Close got %d, want 503 or a closed connection", i, s)
		}
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
}

// waitForCount polls base/stats until the server has received n counted
// requests. It bounds the polls, not the time taken.
func waitForCount(t *testing.T, c *http.Client, base string, n int64) {
	t.Helper()
	for range 10000 {
		var s demo.Stats
		_, body := do(t, c, "GET", base+"/stats", "", "")
		decode(t, []byte(body), &s)
		if s.Total >= n {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("the server never received %d requests", n)
}

func TestInformationalStatus(t *testing.T) {
	srv, c := start(t, "127.0.0.1:0"), client(t)
	for _, code := range []int{100, 102, 103} {
		var got []int
		trace := &httptrace.ClientTrace{
			Got100Continue: func() { got = append(got, 100) },
			Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
				got = append(got, code)
				return nil
			},
		}
		req, _ := http.NewRequest("GET", srv.URL+"/status/"+itoa(code), nil)
		resp, err := c.Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || len(got) != 1 || got[0] != code {
			t.Errorf("/status/%d: informational %v then %d, want [%d] then 200", code, got, resp.StatusCode, code)
		}
	}
}
