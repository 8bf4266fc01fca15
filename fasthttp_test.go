package gust

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

func TestFastHTTPFollowsRedirectsOfGetOnly(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			fmt.Fprint(w, "at "+r.URL.Path)
		}
	})
	tests := []struct {
		name       string
		do         func(s *Session) *Response
		wantStatus int
		wantBody   string
		wantName   string
		wantErr    string
	}{
		{"GET is followed", func(s *Session) *Response { return s.Get("/a") }, 200, "at /b", "/a", ""},
		{"POST is not", func(s *Session) *Response { return s.Post("/a", "text/plain", strings.NewReader("x")) }, 302, "", "/a", ""},
		// as net/http's client: a chain of redirects that does not end is no page
		{"a loop fails after 10", func(s *Session) *Response { return s.Get("/loop") }, 302, "", "/loop",
			"stopped after 10 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rec := newTestSession(t, FastHTTP, srv, DefaultTimeout)
			r := tt.do(s)
			if r.StatusCode != tt.wantStatus || !strings.HasPrefix(string(r.Body), tt.wantBody) {
				t.Fatalf("status %d body %q, want %d %q", r.StatusCode, r.Body, tt.wantStatus, tt.wantBody)
			}
			if len(rec.samples) != 1 || rec.samples[0].Name != tt.wantName {
				t.Fatalf("samples %+v, want one for the whole chain, named by the first path", rec.samples)
			}
			if got := rec.samples[0].Err; got != tt.wantErr {
				t.Fatalf("failure %q, want %q", got, tt.wantErr)
			}
		})
	}
}

func TestFastHTTPHeadersAreReusedUntilTheyChange(t *testing.T) {
	var n atomic.Int32
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Date"] = nil // the same headers every time, unless asked
		w.Header().Set("X-Version", "1")
		if r.URL.Query().Get("v") == "2" {
			w.Header().Set("X-Version", "2")
		}
		fmt.Fprint(w, n.Add(1))
	})
	s, _ := newTestSession(t, FastHTTP, srv, DefaultTimeout)
	first := s.Get("/").Header
	second := s.Get("/").Header
	if reflect.ValueOf(first).UnsafePointer() != reflect.ValueOf(second).UnsafePointer() {
		t.Fatalf("equal headers gave two maps: %v and %v", first, second)
	}
	third := s.Get("/?v=2").Header
	if third.Get("X-Version") != "2" || second.Get("X-Version") != "1" {
		t.Fatalf("changed header: new %v, earlier %v; want 2 in the new map and 1 kept in the earlier one", third, second)
	}
}

func TestFastHTTPSendsTheURLsUserAndPassword(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		fmt.Fprint(w, u, ":", p, ":", ok, " ", r.UserAgent())
	})
	s, _ := newTestSession(t, FastHTTP, srv, DefaultTimeout)
	withUser := strings.Replace(srv.URL, "http://", "http://ann:secret@", 1)
	if r := s.Get(withUser + "/"); string(r.Body) != "ann:secret:true "+userAgent {
		t.Fatalf("body %q, want the basic auth of the URL and gust's user agent", r.Body)
	}
}
