package gust

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// protoCounter is a handler that counts the requests it gets by protocol
// major version.
type protoCounter struct{ h1, h2 atomic.Int64 }

func (c *protoCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ProtoMajor == 2 {
		c.h2.Add(1)
	} else {
		c.h1.Add(1)
	}
	io.WriteString(w, r.Proto)
}

// h2cServer is a cleartext server that speaks HTTP/1.1 and h2c.
func h2cServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetHTTP1(true)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// tlsServer is an https server with httptest's self-signed certificate,
// offering HTTP/2 by ALPN or not.
func tlsServer(t *testing.T, h http.Handler, h2 bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = h2
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused preface
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// Every request HTTP2 makes reaches the server as HTTP/2, in cleartext (h2c
// with prior knowledge) and over TLS (ALPN), and the response says so.
func TestHTTP2SpeaksHTTP2(t *testing.T) {
	for _, tt := range []struct {
		name string
		tls  bool
	}{{"h2c", false}, {"TLS", true}} {
		t.Run(tt.name, func(t *testing.T) {
			count := &protoCounter{}
			srv := h2cServer(t, count)
			if tt.tls {
				srv = tlsServer(t, count, true)
			}
			s, rec := newTestSession(t, HTTP2, srv, DefaultTimeout)
			s.lax = true
			for range 5 {
				if r := s.Get("/"); r.Err != nil || r.Proto != "HTTP/2.0" || r.Text() != "HTTP/2.0" {
					t.Fatalf("GET: %v, proto %q, body %q; want HTTP/2.0", r.Err, r.Proto, r.Text())
				}
			}
			if n := int64(len(rec.samples)); n != 5 || count.h2.Load() != n || count.h1.Load() != 0 {
				t.Errorf("%d samples; the server saw %d HTTP/2 and %d HTTP/1 requests", n, count.h2.Load(), count.h1.Load())
			}
		})
	}
}

// A server without HTTP/2 fails HTTP2's requests: no silent fall-back.
func TestHTTP2DoesNotFallBack(t *testing.T) {
	for _, tt := range []struct {
		name string
		srv  func(t *testing.T) *httptest.Server
	}{
		{"TLS without h2", func(t *testing.T) *httptest.Server { return tlsServer(t, &protoCounter{}, false) }},
		{"cleartext HTTP/1.1 only", func(t *testing.T) *httptest.Server {
			srv := httptest.NewServer(&protoCounter{})
			srv.Config.ErrorLog = log.New(io.Discard, "", 0)
			t.Cleanup(srv.Close)
			return srv
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, rec := newTestSession(t, HTTP2, tt.srv(t), DefaultTimeout)
			s.lax = true
			r := s.Get("/")
			if r.Err == nil || len(rec.samples) != 1 || rec.samples[0].Err == "" {
				t.Fatalf("GET over %s: %v, proto %q; want a recorded failure", tt.name, r.Err, r.Proto)
			}
		})
	}
}

// One connection per user: a user's requests share it as streams.
func TestHTTP2KeepsOneConnectionPerUser(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(&protoCounter{})
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	for range 2 { // two users
		s, _ := newTestSession(t, HTTP2, srv, DefaultTimeout)
		for range 10 {
			s.Get("/")
		}
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections for 2 users; want 2", n)
	}
}

// Response.Proto names HTTP/1.1 for the other clients.
func TestProtoOfHTTP1Clients(t *testing.T) {
	srv := h2cServer(t, &protoCounter{})
	eachClient(t, func(t *testing.T, c Client) {
		s, _ := newTestSession(t, c, srv, DefaultTimeout)
		if r := s.Get("/"); r.Proto != "HTTP/1.1" || !strings.HasPrefix(r.Text(), "HTTP/1") {
			t.Errorf("proto %q, body %q; want HTTP/1.1", r.Proto, r.Text())
		}
	})
}

// URL mode with --http2 over h2c: the server saw HTTP/2, and only HTTP/2,
// for every request gust counted (and perhaps a few the end of the test cut
// short, which gust does not count).
func TestURLModeHTTP2OverH2C(t *testing.T) {
	count := &protoCounter{}
	srv := h2cServer(t, count)
	r := command(t, nil, []string{"-u", "3", "-r", "100", "-t", "1s", "--only-summary", "--json", "--http2", srv.URL + "/"})
	rep := decodeJSON(t, r)
	n := rep.Total.NumRequests
	if r.code != 0 || n == 0 || rep.Total.NumFailures != 0 {
		t.Fatalf("exit %d, %d requests, %d failures; want 0, some, none\n%s", r.code, n, rep.Total.NumFailures, r.stderr)
	}
	if h2, h1 := count.h2.Load(), count.h1.Load(); h1 != 0 || h2 < n {
		t.Errorf("gust counted %d requests; the server saw %d over HTTP/2 and %d over HTTP/1", n, h2, h1)
	}
}
