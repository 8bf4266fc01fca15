//go:build linux

package nethttp

import (
	"context"
	"net"
	"net/http/httptrace"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
)

// net/http's HTTP/2 and TLS transports call WroteRequest from a goroutine
// of their own once it runs again after the write: on a busy machine that
// can be after the response arrived. The time must still run from the
// write, as the connection saw it, to the response's arrival.
func TestALateWroteRequestDoesNotShortenTheTime(t *testing.T) {
	const delay = 5 * time.Millisecond
	addr := serveOne(t, func(s net.Conn) {
		b := make([]byte, 1)
		if _, err := s.Read(b); err == nil {
			time.Sleep(delay)
			s.Write(b)
		}
	})
	conn, err := DialStamped(context.Background(), "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, ok := conn.(interface{ NetConn() net.Conn }); ok {
		t.Fatal("want a plain stamped connection")
	}
	c := New(client.Options{Timeout: time.Minute})
	defer c.Close()

	start := time.Now()
	c.gotConn(httptrace.GotConnInfo{Conn: conn})
	if _, err := conn.Write([]byte("a")); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	c.wroteRequest(httptrace.WroteRequestInfo{}) // late: the response is in
	took, _ := c.took(start, time.Now(), true)
	if took < delay {
		t.Errorf("took %v, less than the %v the server waited before answering", took, delay)
	}
}

// A request that failed (a cancellation, a reset) did not end when its
// connection last received data, which may be long before (an HTTP/2
// SETTINGS frame): it ends when the failure was seen, and that wait is no
// delay of the generator in reading a response.
func TestAFailedRequestEndsWhenItFailed(t *testing.T) {
	addr := serveOne(t, func(s net.Conn) {
		s.Write([]byte("s")) // the server's greeting, then nothing
		s.Read(make([]byte, 1))
	})
	start := time.Now()
	conn, err := DialStamped(context.Background(), "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := New(client.Options{Timeout: time.Minute})
	defer c.Close()
	c.gotConn(httptrace.GotConnInfo{Conn: conn})
	if _, err := conn.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // waiting for a response that does not come
	failed := time.Now()
	took, end := c.took(start, failed, false)
	if !end.Equal(failed) || took < 5*time.Millisecond {
		t.Errorf("ended %v before the failure (took %v): want it to end when it failed", failed.Sub(end), took)
	}
}

// serveOne listens on loopback, hands the first connection to serve and
// returns the address.
func serveOne(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		s, err := ln.Accept()
		if err != nil {
			return
		}
		defer s.Close()
		serve(s)
	}()
	return ln.Addr().String()
}
