package demo_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
)

// serve sends one request straight to h and returns the recorded answer.
func serve(t *testing.T, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if method == http.MethodPost && strings.HasPrefix(body, "user=") {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// check compares an answer's status, content type and body (body is a
// prefix when it ends with "...", so "..." accepts any body).
func check(t *testing.T, rec *httptest.ResponseRecorder, status int, ctype, body string) {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d (body %q)", rec.Code, status, rec.Body.String())
	}
	if got := rec.Header().Get("Content-Type"); got != ctype {
		t.Errorf("Content-Type = %q, want %q", got, ctype)
	}
	if got := rec.Body.String(); !matches(got, body) {
		t.Errorf("body = %q, want %q", got, body)
	}
}

// cancellableRequest returns a request to target and the function that
// cancels its context, as a client going away does.
func cancellableRequest(method, target string) (*http.Request, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	return httptest.NewRequest(method, target, nil).WithContext(ctx), cancel
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func itoa(n int) string { return strconv.Itoa(n) }

// decode unmarshals JSON b into v, failing the test if it is not valid.
func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("body %q is not valid JSON: %v", b, err)
	}
}

// readFile returns the contents of a file of the package.
func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newGet returns a GET request for target.
func newGet(target string) *http.Request { return httptest.NewRequest("GET", target, nil) }

// matches reports whether body is want, or starts with it when want ends
// with "...".
func matches(body, want string) bool {
	if prefix, ok := strings.CutSuffix(want, "..."); ok {
		return strings.HasPrefix(body, prefix)
	}
	return body == want
}
