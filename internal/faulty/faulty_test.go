package faulty

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func client() *http.Client {
	return &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
}

func TestEndlessBodyDoesNotEnd(t *testing.T) {
	resp, err := client().Get(EndlessBody(t).URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.CopyN(io.Discard, resp.Body, 10<<20)
	if n != 10<<20 || err != nil {
		t.Errorf("read %d bytes, %v; want 10 MB and more to come", n, err)
	}
}

func TestTrickleSendsByteByByte(t *testing.T) {
	resp, err := client().Get(Trickle(t, 10*time.Millisecond).URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != 1<<20 {
		t.Errorf("Content-Length %d, want 1 MB", resp.ContentLength)
	}
	b := make([]byte, 100)
	if n, err := resp.Body.Read(b); err != nil || n > 10 {
		t.Errorf("first read %d bytes, %v; want a few", n, err)
	}
}

func TestAcceptAndHoldNeverAnswers(t *testing.T) {
	srv := AcceptAndHold(t)
	_, err := client().Get(srv.URL)
	if err == nil || !strings.Contains(err.Error(), "Timeout") {
		t.Errorf("got %v, want a timeout", err)
	}
	if srv.Conns.Load() != 1 || srv.Requests.Load() != 1 {
		t.Errorf("%d connections, %d requests; want 1 and 1", srv.Conns.Load(), srv.Requests.Load())
	}
}

func TestFullBacklogLeavesDialsUnanswered(t *testing.T) {
	addr := FullBacklog(t)
	_, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
		t.Errorf("dial: %v, want a timeout", err)
	}
}

func TestBigHeaders(t *testing.T) {
	resp, err := client().Get(BigHeaders(t, 8<<10).URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n := len(resp.Header.Get("Set-Cookie")); n != 8<<10 {
		t.Errorf("Set-Cookie of %d bytes, want 8 KB", n)
	}
}

func TestCloseEachClosesAfterTheResponse(t *testing.T) {
	srv := CloseEach(t)
	c := &http.Client{Timeout: 2 * time.Second}
	for range 3 {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	c.CloseIdleConnections()
	if n := srv.Conns.Load(); n != 3 {
		t.Errorf("%d connections for 3 requests, want 3", n)
	}
}
