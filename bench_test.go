package gust

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/stats"
)

// cannedServer answers every request on loopback with the same small
// response, without allocating per request, so that a benchmark's
// allocations are the client's. It returns the base URL; the listener
// closes with the benchmark.
func cannedServer(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveCanned(c)
		}
	}()
	return "http://" + ln.Addr().String()
}

var canned = []byte("HTTP/1.1 200 OK\r\nServer: canned\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello world\n")

// serveCanned answers each request (headers only: the benchmarks send no
// body) on c with canned.
func serveCanned(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				return
			}
			if len(bytes.TrimSpace(line)) == 0 {
				break
			}
		}
		if _, err := c.Write(canned); err != nil {
			return
		}
	}
}

// benchSession is a user of the given client whose host is base, recording
// into a real recorder.
func benchSession(tb testing.TB, base string, use Client) *Session {
	host, _ := url.Parse(base)
	rec := stats.NewRecorder()
	s := &Session{ctx: context.Background(), stopping: make(chan struct{}), id: 1, targets: client.Targets{Host: host},
		timeout: DefaultTimeout, rec: rec, waits: rec.Waits(), use: use}
	tb.Cleanup(s.close)
	return s
}

// BenchmarkGet is the hot path: one GET end to end on a kept-alive loopback
// connection (write, wait, read, parse, time, record), with each client.
// Allocations are the client's alone: the server allocates nothing.
func BenchmarkGet(b *testing.B) {
	base := cannedServer(b)
	for _, client := range []Client{NetHTTP, FastHTTP} {
		b.Run(client.String(), func(b *testing.B) {
			s := benchSession(b, base, client)
			s.Get("/index.txt") // connect
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if r := s.Get("/index.txt"); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		})
	}
}

// BenchmarkGetParallel is BenchmarkGet with many users at once: eight per
// GOMAXPROCS, each in its own goroutine with its own connection.
func BenchmarkGetParallel(b *testing.B) {
	base := cannedServer(b)
	for _, client := range []Client{NetHTTP, FastHTTP} {
		b.Run(client.String(), func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				s := benchSession(b, base, client)
				for pb.Next() {
					if r := s.Get("/index.txt"); r.Err != nil {
						b.Error(r.Err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkSpawn is one user's life from its goroutine's start to its
// end: the session, its random source, one task that records a sample, then
// StopUser. The runner's own bookkeeping per user comes on top.
func BenchmarkSpawn(b *testing.B) {
	var started sync.WaitGroup
	u := User{Name: "Spawned", Tasks: []Task{{Run: func(s *Session) {
		s.Record("bench", "spawn", time.Millisecond, 0, nil)
		started.Done()
		s.StopUser()
	}}}}
	k := newKind(&u, u.Tasks, nil, stats.NewRecorder())
	stopping := make(chan struct{})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	started.Add(b.N)
	for i := range b.N {
		go k.run(ctx, stopping, i+1, i)
	}
	started.Wait()
}

// BenchmarkGetHTTP2 is BenchmarkGet with the HTTP2 client over h2c, against
// net/http's own server in this process: its allocations count too.
func BenchmarkGetHTTP2(b *testing.B) {
	srv := h2cServer(b, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("hello world\n"))
	}))
	s := benchSession(b, srv.URL, HTTP2)
	s.Get("/index.txt") // connect
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if r := s.Get("/index.txt"); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
