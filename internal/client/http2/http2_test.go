package http2_test

import (
	"context"
	"net"
	"net/url"
	"runtime"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/client/http2"
)

// A target that resets every connection costs the client a connection per
// request. None of them may stay in memory: net/http's HTTP/2 client sets
// again the idle timer of a connection whose reader has ended, and that
// timer holds the connection (about 10 KB) for the idle timeout, 90 s by
// default, so a user against such a target grew by megabytes a second.
func TestResetConnectionsAreNotKept(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Read(make([]byte, 4096)) // the preface and the request
			c.(*net.TCPConn).SetLinger(0)
			c.Close() // a reset
		}
	}()
	u, _ := url.Parse("http://" + ln.Addr().String() + "/")
	target := client.NewTarget(u)
	c := http2.New(client.Options{Timeout: 10 * time.Second})
	defer c.Close()
	get := func(n int) {
		for range n {
			if r := c.Do(context.Background(), &client.Request{Method: "GET", Target: target}); r.Err == nil {
				t.Fatal("a request to a target that resets every connection succeeded")
			}
		}
	}
	get(100) // warm up: pools, buffers
	before := heap()
	const n = 2000
	get(n)
	if grew := heap() - before; grew > n*1024 {
		t.Errorf("the heap grew by %d KB over %d reset connections: want under 1 KB each", grew>>10, n)
	}
}

// heap is the memory in use after a collection.
func heap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
