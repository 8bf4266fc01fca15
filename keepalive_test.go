package gust

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// countingServer serves h and counts the connections clients opened.
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func TestUsersKeepOneConnectionAlive(t *testing.T) {
	tests := []struct {
		name      string
		close     bool // the server asks to close after each response
		wantConns int32
	}{
		{"kept alive", false, 1},
		{"closed by the server each time", true, 5},
	}
	for _, tt := range tests {
		eachClient(t, func(t *testing.T, c Client) {
			srv, conns := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.close {
					w.Header().Set("Connection", "close")
				}
				fmt.Fprint(w, "ok")
			})
			s, rec := newTestSession(t, c, srv, DefaultTimeout)
			for range 5 {
				if r := s.Get("/"); r.Err != nil || string(r.Body) != "ok" {
					t.Fatalf("GET: %q %v", r.Body, r.Err)
				}
			}
			if got := conns.Load(); got != tt.wantConns || len(rec.samples) != 5 {
				t.Fatalf("%s: %d connections for %d requests, want %d", tt.name, got, len(rec.samples), tt.wantConns)
			}
		})
	}
}

// vanishingServer answers each request on a connection, then closes the
// connection without saying so, as a server does when a kept-alive
// connection has been idle too long.
func vanishingServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				req, err := http.ReadRequest(br)
				if err != nil {
					return
				}
				body, err := io.ReadAll(req.Body)
				if err != nil || int64(len(body)) != req.ContentLength && req.ContentLength >= 0 {
					return // a body short of its length: no answer
				}
				fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

func TestIdempotentRequestsAreRetriedOnAClosedConnection(t *testing.T) {
	base := vanishingServer(t)
	tests := []struct {
		name   string
		do     func(s *Session) *Response
		wantOK bool
	}{
		{"GET is sent again", func(s *Session) *Response { return s.Get(base + "/") }, true},
		{"DELETE is sent again", func(s *Session) *Response { return s.Delete(base + "/") }, true},
		{"PUT is sent again, body and all", func(s *Session) *Response {
			return s.Put(base+"/", "text/plain", strings.NewReader("body"))
		}, true},
		{"POST is not", func(s *Session) *Response { return s.Post(base+"/", "text/plain", strings.NewReader("x")) }, false},
	}
	for _, tt := range tests {
		eachClient(t, func(t *testing.T, c Client) {
			s, _ := newTestSession(t, c, httptest.NewUnstartedServer(nil), DefaultTimeout)
			if r := s.Get(base + "/"); r.Err != nil {
				t.Fatalf("first request: %v", r.Err)
			}
			if r := tt.do(s); r.OK() != tt.wantOK {
				t.Fatalf("%s on the closed connection: err %v, want success %v", tt.name, r.Err, tt.wantOK)
			}
		})
	}
}

func TestNetHTTPAsksForGzipAndDecompresses(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept-Encoding") != "gzip" {
			fmt.Fprint(w, "plain")
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, "unzipped")
		zw.Close()
	})
	s, _ := newTestSession(t, NetHTTP, srv, DefaultTimeout)
	for range 2 { // the second on the same connection
		r := s.Get("/")
		if r.Err != nil || string(r.Body) != "unzipped" || r.Header.Get("Content-Encoding") != "" {
			t.Fatalf("body %q headers %v err %v, want it unzipped", r.Body, r.Header, r.Err)
		}
	}
	if r := s.Get("/", Header("Accept-Encoding", "identity")); string(r.Body) != "plain" {
		t.Fatalf("with the test's own Accept-Encoding: body %q, want the server's plain answer", r.Body)
	}
}

// A chunked response, with a trailer or without, is read whole, and its
// connection serves the next request.
func TestChunkedResponsesKeepTheConnection(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		srv, conns := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Has("trailer") {
				w.Header().Set("Trailer", "X-Sum")
			}
			for _, part := range []string{"one ", "two ", "three"} {
				fmt.Fprint(w, part)
				w.(http.Flusher).Flush() // each part a chunk
			}
			w.Header().Set("X-Sum", "3")
			w.Header().Set(http.TrailerPrefix+"X-Late", "unannounced")
		})
		s, _ := newTestSession(t, c, srv, DefaultTimeout)
		for _, path := range []string{"/", "/?trailer", "/", "/?trailer"} {
			if r := s.Get(path); r.Err != nil || string(r.Body) != "one two three" {
				t.Fatalf("GET %s: body %q, err %v", path, r.Body, r.Err)
			}
		}
		if got := conns.Load(); got != 1 {
			t.Errorf("%d connections for 4 chunked responses, want 1", got)
		}
	})
}
