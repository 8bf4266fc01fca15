package demo_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/demo"
)

// client is an HTTP client with a cookie jar for one test; its idle
// connections are closed when the test ends.
func client(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Jar: jar, Transport: tr}
}

// start starts a demo server on addr for one test and closes it when the
// test ends.
func start(t *testing.T, addr string) *demo.Server {
	t.Helper()
	srv, err := demo.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// do sends a request and returns its status and body.
func do(t *testing.T, c *http.Client, method, url, ctype, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

const form = "application/x-www-form-urlencoded"

func TestCookieFlow(t *testing.T) {
	srv, c := start(t, "127.0.0.1:0"), client(t)
	steps := []struct {
		method, path, ctype, body string
		status                    int
		want                      string // the answer's body, or its start when it ends with "..."
	}{
		{"GET", "/api/items", "", "", 401, "demo: not logged in: POST /login with form fields user and password first\n"},
		{"POST", "/api/items", js, `{"name":"pen"}`, 401, "demo: not logged in..."},
		{"POST", "/login", form, "user=ann", 400, "demo: login needs form fields user and password, both non-empty\n"},
		{"POST", "/login", form, "password=x", 400, "demo: login needs..."},
		{"GET", "/api/items", "", "", 401, "demo: not logged in..."},
		{"POST", "/login", form, "user=ann&password=secret", 200, "logged in\n"},
		{"GET", "/api/items", "", "", 200, `[{"id":1,"name":"item 1","price_cents":137},{"id":2,...`},
		{"POST", "/api/items", js, `{"name":"pen","tags":["a"]}`, 201, `{"id":1001,"name":"pen","tags":["a"]}` + "\n"},
		{"POST", "/api/items", js, `{"id":5}`, 201, `{"id":1002}` + "\n"},
		{"POST", "/api/items", js, `[1,2]`, 400, `demo: body is not valid: want a JSON object of at most 1 MiB, like {"name":"pen"}` + "\n"},
		{"POST", "/api/items", js, `null`, 400, "demo: body is not valid..."},
		{"POST", "/api/items", js, `{"name":`, 400, "demo: body is not valid..."},
		{"POST", "/api/items", js, `{"big":"` + strings.Repeat("x", 1<<20) + `"}`, 400, "demo: body is not valid..."},
	}
	for _, st := range steps {
		status, body := do(t, c, st.method, srv.URL+st.path, st.ctype, st.body)
		if status != st.status || !matches(body, st.want) {
			t.Errorf("%s %s %.40q: %d %q, want %d %q", st.method, st.path, st.body, status, body, st.status, st.want)
		}
	}
}

func TestItemList(t *testing.T) {
	h := demo.NewHandler()
	rec := serve(t, h, "POST", "/login", "user=ann&password=x")
	req := newGet("/api/items")
	for _, ck := range rec.Result().Cookies() {
		req.AddCookie(ck)
	}
	rec = newRecorder()
	h.ServeHTTP(rec, req)
	var items []struct {
		ID         int    `json:"id"`
		Name       string `json:"name"`
		PriceCents int    `json:"price_cents"`
	}
	decode(t, rec.Body.Bytes(), &items)
	if len(items) != 10 || items[9].ID != 10 || items[9].Name != "item 10" || rec.Header().Get("Content-Type") != js {
		t.Errorf("GET /api/items = %s %+v, want ten items as JSON", rec.Header().Get("Content-Type"), items)
	}
}

func TestSessionCookie(t *testing.T) {
	login := func(h http.Handler) *http.Cookie {
		cks := serve(t, h, "POST", "/login", "user=ann&password=x").Result().Cookies()
		if len(cks) != 1 || cks[0].Name != demo.SessionCookie || !cks[0].HttpOnly || cks[0].Path != "/" {
			t.Fatalf("login set cookies %v, want one HttpOnly %s for /", cks, demo.SessionCookie)
		}
		return cks[0]
	}
	seeded := demo.NewHandler(demo.WithSeed(1))
	good := login(seeded)
	if again := login(demo.NewHandler(demo.WithSeed(1))); again.Value != good.Value {
		t.Errorf("same seed, different cookies: %q and %q", good.Value, again.Value)
	}
	user, _, _ := strings.Cut(good.Value, ".")
	tests := []struct {
		name, value string
		h           http.Handler
		status      int
	}{
		{"issued here", good.Value, seeded, 200},
		{"issued by another server", login(demo.NewHandler(demo.WithSeed(2))).Value, seeded, 401},
		{"forged MAC", user + ".AAAA", seeded, 401},
		{"no MAC", user, seeded, 401},
		{"not base64", "!!." + strings.SplitN(good.Value, ".", 2)[1], seeded, 401},
		{"empty", "", seeded, 401},
	}
	for _, tt := range tests {
		req := newGet("/api/items")
		req.AddCookie(&http.Cookie{Name: demo.SessionCookie, Value: tt.value})
		rec := newRecorder()
		tt.h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.status)
		}
	}
}
