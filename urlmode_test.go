package gust

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
