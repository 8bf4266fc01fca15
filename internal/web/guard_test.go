package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// everyRoute is one request to each endpoint.
var everyRoute = []struct{ method, path string }{
	{"GET", "/"}, {"GET", "/assets/app.js"}, {"POST", "/swarm"}, {"GET", "/stop"}, {"GET", "/stats/reset"},
	{"GET", "/stats/requests"}, {"GET", "/stats/history"}, {"GET", "/stats/requests/csv"},
	{"GET", "/stats/failures/csv"}, {"GET", "/exceptions"}, {"GET", "/exceptions/csv"}, {"GET", "/stats/report"},
	{"GET", "/tasks"}, {"GET", "/worker-count"}, {"GET", "/metrics"}, {"GET", "/stats/requests_full_history/csv"},
	{"GET", "/nothing"},
}

func TestLoginProtectsEveryEndpoint(t *testing.T) {
	f := newFake(fixtureSnapshot())
	s := newTestServer(t, f, Options{Login: "admin:s3cret:x"})
	for _, r := range everyRoute {
		for _, auth := range []string{"", basic("admin", "wrong"), basic("admin", "s3cret"), basic("root", "s3cret:x"), "Bearer s3cret:x"} {
			w := do(s.Handler(), r.method, r.path, nil, header("Authorization", auth))
			if w.Code != http.StatusUnauthorized || !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Basic ") {
				t.Errorf("%s %s with %q: status %d, want 401 with a Basic challenge", r.method, r.path, auth, w.Code)
			}
		}
	}
	if starts, stops, resets := f.counts(); starts+stops+resets != 0 {
		t.Errorf("unauthenticated requests changed the test: %d starts, %d stops, %d resets", starts, stops, resets)
	}
	w := do(s.Handler(), "GET", "/stats/requests", nil, header("Authorization", basic("admin", "s3cret:x")))
	if w.Code != http.StatusOK {
		t.Errorf("with the login: status %d", w.Code)
	}
}

func TestLoginToken(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{Login: "tok-123"})
	for _, tc := range []struct {
		auth string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer tok-123", http.StatusOK},
		{"Bearer tok-124", http.StatusUnauthorized},
		{basic("anyone", "tok-123"), http.StatusOK},
		{basic("tok-123", ""), http.StatusUnauthorized},
	} {
		if w := do(s.Handler(), "GET", "/tasks", nil, header("Authorization", tc.auth)); w.Code != tc.want {
			t.Errorf("Authorization %q: status %d, want %d", tc.auth, w.Code, tc.want)
		}
	}
}

func TestParseLogin(t *testing.T) {
	for _, tc := range []struct {
		in      string
		wantErr bool
		token   bool
	}{
		{"", false, false}, {"a:b", false, false}, {"a:b:c", false, false}, {"token", false, true},
		{":b", true, false}, {"a:", true, false}, {":", true, false},
	} {
		c, err := parseLogin(tc.in)
		if (err != nil) != tc.wantErr || (err != nil && !errors.Is(err, ErrLogin)) {
			t.Errorf("parseLogin(%q): error %v", tc.in, err)
			continue
		}
		if c != nil && c.token != tc.token {
			t.Errorf("parseLogin(%q): token %v", tc.in, c.token)
		}
	}
}

func TestCrossSiteRule(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header http.Header
		ok     bool
	}{
		{"no browser headers (curl)", nil, true},
		{"same-origin fetch", http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {"http://127.0.0.1:8089"}}, true},
		{"typed into the address bar", http.Header{"Sec-Fetch-Site": {"none"}}, true},
		{"own Referer", http.Header{"Referer": {"http://127.0.0.1:8089/"}}, true},
		{"cross-site", http.Header{"Sec-Fetch-Site": {"cross-site"}}, false},
		{"same-site, other port", http.Header{"Sec-Fetch-Site": {"same-site"}}, false},
		{"foreign Origin", http.Header{"Origin": {"http://evil.example"}}, false},
		{"null Origin", http.Header{"Origin": {"null"}}, false},
		{"other port in Origin", http.Header{"Origin": {"http://127.0.0.1:9999"}}, false},
		{"foreign Referer", http.Header{"Referer": {"http://evil.example/page"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fixtureSnapshot())
			f.state = StateRunning
			s := newTestServer(t, f, Options{})
			codes := []int{
				postForm(s.Handler(), url.Values{"user_count": {"3"}, "spawn_rate": {"1"}}, tc.header.Clone()).Code,
				do(s.Handler(), "GET", "/stats/reset", nil, tc.header).Code,
				do(s.Handler(), "GET", "/stop", nil, tc.header).Code,
			}
			starts, stops, resets := f.counts()
			for i, code := range codes {
				if (code == http.StatusOK) != tc.ok || (!tc.ok && code != http.StatusForbidden) {
					t.Errorf("request %d: status %d, want allowed=%v", i, code, tc.ok)
				}
			}
			if changed := starts+stops+resets > 0; changed != tc.ok {
				t.Errorf("%d starts, %d stops, %d resets; allowed=%v", starts, stops, resets, tc.ok)
			}
			if w := do(s.Handler(), "GET", "/stats/requests", nil, tc.header); w.Code != http.StatusOK {
				t.Errorf("read-only endpoint refused: status %d", w.Code)
			}
		})
	}
}

func TestLoopbackOnlyAnswersLoopbackHosts(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:8089", true}, {"localhost:8089", true}, {"LOCALHOST", true}, {"app.localhost:8089", true},
		{"[::1]:8089", true}, {"127.8.9.10", true}, {"evil.example:8089", false}, {"10.0.0.1:8089", false},
		{"127.0.0.1.evil.example", false}, {"", false},
	} {
		r := httpRequest("GET", "/tasks")
		r.Host = tc.host
		w := serve(s.Handler(), r)
		if (w.Code == http.StatusOK) != tc.ok {
			t.Errorf("Host %q: status %d, want allowed=%v", tc.host, w.Code, tc.ok)
		}
	}
	open := guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), nil, false)
	r := httpRequest("GET", "/tasks")
	r.Host = "gust.example:8089"
	if w := serve(open, r); w.Code != http.StatusOK {
		t.Errorf("open to the network: Host %q refused with %d", r.Host, w.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	for _, r := range everyRoute {
		w := do(s.Handler(), r.method, r.path, nil, nil)
		if w.Header().Get("X-Frame-Options") != "DENY" || w.Header().Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(w.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s %s: security headers %v", r.method, r.path, w.Header())
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Port: 70000}, "--web-port 70000"},
		{Options{Port: -2}, "--web-port -2"},
		{Options{Login: "admin:"}, "--web-login"},
		{Options{TLSCert: "cert.pem"}, "--tls-cert and --tls-key"},
		{Options{TLSCert: "testdata/none.pem", TLSKey: "testdata/none.key"}, "--tls-cert"},
		{Options{Port: busyPort(t)}, "--web-host/--web-port 127.0.0.1:"},
		{Options{BasePath: "gust"}, `--web-base-path "gust"`},
		{Options{BasePath: "/a/../b"}, "--web-base-path"},
		{Options{BasePath: "/a?b"}, "--web-base-path"},
		{Options{BasePath: "/{x}"}, "--web-base-path"},
	} {
		s, err := New(newFake(nil), tc.opts)
		if err == nil {
			_ = s.Close()
			t.Errorf("New(%+v) succeeded", tc.opts)
			continue
		}
		if !strings.HasPrefix(err.Error(), "gust: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v): %v, want it to name %s", tc.opts, err, tc.want)
		}
	}
}

// busyPort returns a port a test server holds until the test ends.
func busyPort(t *testing.T) int {
	s := newTestServer(t, newFake(nil), Options{})
	return s.Addr().(*net.TCPAddr).Port
}

func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return r.Header.Get("Authorization")
}

func header(k, v string) http.Header {
	if v == "" {
		return nil
	}
	return http.Header{k: {v}}
}
