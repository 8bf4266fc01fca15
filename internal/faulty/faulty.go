package faulty

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Server is a misbehaving target.
type Server struct {
	URL  string // http://127.0.0.1:PORT
	Addr string // 127.0.0.1:PORT

	Conns    atomic.Int64 // connections accepted
	Requests atomic.Int64 // requests read

	ln     net.Listener
	quit   chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	open   map[net.Conn]struct{}
	handle func(s *Server, c net.Conn, br *bufio.Reader) bool // serves one request; false closes
}

// start listens and serves every connection with handle until the test
// ends.
func start(t testing.TB, handle func(s *Server, c net.Conn, br *bufio.Reader) bool) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln, quit: make(chan struct{}), open: map[net.Conn]struct{}{}, handle: handle}
	s.URL = "http://" + s.Addr
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.Close)
	return s
}

// Close stops the server and every connection, and waits for its
// goroutines.
func (s *Server) Close() {
	select {
	case <-s.quit:
		return
	default:
	}
	close(s.quit)
	s.ln.Close()
	s.mu.Lock()
	for c := range s.open {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.Conns.Add(1)
		s.mu.Lock()
		s.open[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go s.serve(c)
	}
}

// serve reads requests on c and answers each with the server's handler.
func (s *Server) serve(c net.Conn) {
	defer s.wg.Done()
	defer func() {
		c.Close()
		s.mu.Lock()
		delete(s.open, c)
		s.mu.Unlock()
	}()
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		_, _ = io.Copy(io.Discard, req.Body)
		s.Requests.Add(1)
		if !s.handle(s, c, br) {
			return
		}
	}
}

// wait pauses for d, or less when the server closes; it reports whether
// the server still runs.
func (s *Server) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.quit:
		return false
	}
}

// EndlessBody answers every request with a chunked body that never ends:
// 32 KB chunks as fast as the client reads them.
func EndlessBody(t testing.TB) *Server {
	chunk := fmt.Sprintf("%x\r\n%s\r\n", 32<<10, strings.Repeat("x", 32<<10))
	return start(t, func(s *Server, c net.Conn, _ *bufio.Reader) bool {
		if _, err := io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"); err != nil {
			return false
		}
		for {
			if _, err := io.WriteString(c, chunk); err != nil {
				return false
			}
		}
	})
}

// Trickle answers with headers that promise 1 MB, then sends one byte
// every interval.
func Trickle(t testing.TB, interval time.Duration) *Server {
	return start(t, func(s *Server, c net.Conn, _ *bufio.Reader) bool {
		if _, err := io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n"); err != nil {
			return false
		}
		for s.wait(interval) {
			if _, err := c.Write([]byte{'.'}); err != nil {
				return false
			}
		}
		return false
	})
}

// AcceptAndHold accepts connections, reads the request and never answers.
func AcceptAndHold(t testing.TB) *Server {
	return start(t, func(s *Server, c net.Conn, _ *bufio.Reader) bool {
		<-s.quit
		return false
	})
}

// BigHeaders answers with a Set-Cookie header of size bytes and a Date
// that changes every second, then "ok".
func BigHeaders(t testing.TB, size int) *Server {
	cookie := "session=" + strings.Repeat("c", max(size-8, 0))
	return start(t, func(s *Server, c net.Conn, _ *bufio.Reader) bool {
		_, err := fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nDate: %s\r\nSet-Cookie: %s\r\nContent-Length: 2\r\n\r\nok",
			time.Now().UTC().Format(http.TimeFormat), cookie)
		return err == nil
	})
}

// CloseEach answers "ok" with Connection: close and closes the connection
// after every response, as a target that refuses keep-alive does.
func CloseEach(t testing.TB) *Server {
	return start(t, func(s *Server, c net.Conn, _ *bufio.Reader) bool {
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
		return false
	})
}
