package demo_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/demo"
)

// FuzzParams checks the parameter parsers: a value is either accepted and in
// range, or refused with an error that names the parameter and quotes it.
func FuzzParams(f *testing.F) {
	for _, s := range []string{"", "0", "60000", "-1", "1e3", "0x10", "NaN", "Inf", "2s", "1h1s", " 5", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		n, err := demo.IntParam("ms", raw, 7, 0, 60000)
		checkParam(t, "ms", raw, err, n >= 0 && n <= 60000 && (raw != "" || n == 7))
		x, err := demo.FloatParam("p", raw, 0.1, 0, 1)
		checkParam(t, "p", raw, err, x >= 0 && x <= 1 && (raw != "" || x == 0.1))
		d, err := demo.DurationParam("for", raw, time.Second, 0, time.Minute)
		checkParam(t, "for", raw, err, d >= 0 && d <= time.Minute && (raw != "" || d == time.Second))
	})
}

// checkParam fails t if a parser accepted raw with a result out of range
// (ok false), or refused it without naming the parameter and the value.
func checkParam(t *testing.T, name, raw string, err error, ok bool) {
	t.Helper()
	if err == nil && !ok {
		t.Errorf("%s=%q accepted with a value out of range", name, raw)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "demo: "+name+"="+strconv.Quote(raw)+" is not valid: want ") {
		t.Errorf("%s=%q: error %q does not name the parameter and value", name, raw, err)
	}
}

// FuzzHandler sends arbitrary paths and queries to every route: the handler
// never panics, answers within its documented bounds (on the fake clock),
// and explains every 400.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"/slow?ms=5", "/delay/60000", "/latency?median=3&p99=2", "/status/418",
		"/flaky?p=-0", "/item?id=1&id=2", "/bytes/100", "/stall?every=1ms&for=0s", "/api/items", "/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.NewRequest("GET", "http://demo"+target, nil)
		if err != nil || !strings.HasPrefix(target, "/") {
			return // not a request a client could send
		}
		synctest.Test(t, func(t *testing.T) {
			h := demo.NewHandler(demo.WithSeed(1))
			time.Sleep(10 * time.Hour) // well into the stall windows
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			if took := time.Since(start); took > time.Hour {
				t.Errorf("GET %s took %v, want at most an hour", target, took)
			}
			if rec.Code == 400 && !strings.HasPrefix(rec.Body.String(), "demo: ") {
				t.Errorf("GET %s: 400 with body %q, want an explanation", target, rec.Body)
			}
		})
	})
}
