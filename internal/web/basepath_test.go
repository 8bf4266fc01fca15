package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestBasePath(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{BasePath: "/gust/"})
	h := s.Handler()
	if !strings.HasSuffix(s.URL(), "/gust/") {
		t.Errorf("URL() = %q, want it to end in /gust/", s.URL())
	}
	if w := get(h, "/gust"); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/gust/" {
		t.Errorf("GET /gust: %d to %q, want a redirect to /gust/", w.Code, w.Header().Get("Location"))
	}
	page := get(h, "/gust/")
	if page.Code != http.StatusOK {
		t.Fatalf("GET /gust/: %d", page.Code)
	}
	// Every link of the page is relative, so it resolves under the base.
	if abs := regexp.MustCompile(`(href|src)="/[^"]*"`).FindAllString(page.Body.String(), -1); len(abs) > 0 {
		t.Errorf("the page has absolute links %q", abs)
	}
	asset := regexp.MustCompile(`src="(assets/app\.js\?v=[^"]+)"`).FindStringSubmatch(page.Body.String())
	if asset == nil {
		t.Fatal("the page has no relative link to assets/app.js")
	}
	for _, target := range []string{"/gust/" + asset[1], "/gust/stats/requests", "/gust/stats/requests/csv", "/gust/metrics"} {
		if w := get(h, target); w.Code != http.StatusOK {
			t.Errorf("GET %s: %d, want 200", target, w.Code)
		}
	}
	for _, target := range []string{"/", "/stats/requests", "/gustx/stats/requests"} {
		if w := get(h, target); w.Code != http.StatusNotFound {
			t.Errorf("GET %s outside the base path: %d, want 404", target, w.Code)
		}
	}
}

func TestRootBasePaths(t *testing.T) {
	for _, base := range []string{"", "/", "//"} {
		s := newTestServer(t, newFake(fixtureSnapshot()), Options{BasePath: base})
		if w := get(s.Handler(), "/stats/requests"); w.Code != http.StatusOK {
			t.Errorf("base path %q: GET /stats/requests %d, want 200", base, w.Code)
		}
	}
}
