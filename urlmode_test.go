package gust

import (
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cli"
	"github.com/gustload/gust/internal/config"
)

// seen is what a test server saw of the requests sent to it.
type seen struct {
	mu       sync.Mutex
	requests map[string]int // "METHOD header body", counted
}

func (s *seen) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests[r.Method+" "+r.Header.Get("X-Token")+" "+r.Header.Get("Content-Type")+" "+string(b)]++
	s.mu.Unlock()
}

func TestURLModeSendsTheMethodHeadersAndBody(t *testing.T) {
	body := filepath.Join(t.TempDir(), "item.json")
	if err := os.WriteFile(body, []byte(`{"name":"widget"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string // the only kind of request the server may see
	}{
		{nil, "GET   "},
		{[]string{"--method", "post", "--header", "x-token: abc", "--header", "Content-Type: application/json",
			"--body", "@" + body}, `POST abc application/json {"name":"widget"}`},
		{[]string{"--method", "PUT", "--body", "plain text"}, "PUT   plain text"},
	} {
		s := &seen{requests: map[string]int{}}
		srv := httptest.NewServer(s)
		r := command(t, nil, append(tc.args, "-u", "2", "-r", "100", "-t", "1s", "--only-summary", "--json", srv.URL+"/items"))
		srv.Close()
		if r.code != 0 {
			t.Fatalf("%q: exit %d\n%s", tc.args, r.code, r.stderr)
		}
		rep := decodeJSON(t, r)
		method, _, _ := strings.Cut(tc.want, " ")
		e := entry(rep, "/items")
		if len(s.requests) != 1 || s.requests[tc.want] == 0 || e.Method != method || int64(s.requests[tc.want]) < e.NumRequests {
			t.Errorf("%q: the server saw %v, the report %s %d requests; want only %q", tc.args, s.requests, e.Method,
				e.NumRequests, tc.want)
		}
	}
}

func TestURLModeRequestOptionsNeedURLs(t *testing.T) {
	r := command(t, nil, []string{"--method", "POST", "-t", "1s"}, User{Name: "A", Tasks: []Task{{Run: func(*Session) {}}}})
	if r.code != 2 || !strings.Contains(r.stderr, "--method, --header and --body shape the requests of URL mode") {
		t.Fatalf("exit %d, want 2 and a message saying they need URLs\n%s", r.code, r.stderr)
	}
}

// TestURLModeWaitPacesUsers checks the rate that --wait gives: users / mean
// wait. The requests themselves are replaced by a recording, so that only
// the wait takes (fake) time.
func TestURLModeWaitPacesUsers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const users, seconds = 10, 100
		u := urlUser(cli.URLMode{Method: "GET", Wait: config.WaitRange{Min: 500 * time.Millisecond, Max: 1500 * time.Millisecond},
			URLs: []cli.URLTarget{{URL: "http://127.0.0.1:9/", Name: "/", Weight: 1}}})
		if len(u.Tasks) != 1 || u.Wait == nil {
			t.Fatalf("URL mode's user has %d tasks and wait %v, want one task and a wait", len(u.Tasks), u.Wait)
		}
		u.Tasks[0].Run = record("/")
		var wg sync.WaitGroup
		counts := make([]int, users)
		for i := range users {
			wg.Go(func() { counts[i] = runFor(t, &u, seconds*time.Second).names()["/"] })
		}
		wg.Wait()
		total := 0
		for _, n := range counts {
			total += n
		}
		// users / mean wait = 10/s over 100 s: 1000 requests, give or take
		// the randomness of the waits (a standard deviation of about 9).
		if want := users * seconds; math.Abs(float64(total-want)) > 0.1*float64(want) {
			t.Errorf("%d requests from %d users in %d s with --wait 0.5s-1.5s, want %d within 10%%", total, users, seconds, want)
		}
	})
}

// TestURLModeWaitOnTheCommandLine bounds the requests of a real run with
// --wait from above: each user sends at most one request per wait (a run
// without the wait sends thousands).
func TestURLModeWaitOnTheCommandLine(t *testing.T) {
	s := &seen{requests: map[string]int{}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	r := command(t, nil, []string{"--wait", "100ms", "-u", "4", "-r", "100", "-t", "2s", "--only-summary", "--json", srv.URL + "/"})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	n := entry(decodeJSON(t, r), "/").NumRequests
	if max := int64(4 * (2000/100 + 2)); n < 1 || n > max {
		t.Errorf("%d requests from 4 users in 2 s with --wait 100ms, want from 1 to %d", n, max)
	}
}
