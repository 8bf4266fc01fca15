package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// ErrNotLoopback is returned by Start for an address that is not on the
// loopback interface: the demo server is a target for local load tests and
// never listens where other machines could reach it.
var ErrNotLoopback = errors.New("gust: demo server address must be on loopback")

// shutdownGrace bounds how long Close waits for connections to finish once
// every handler has been told to stop.
const shutdownGrace = 5 * time.Second

// Server is a running demo server; Start makes one and Close stops it.
type Server struct {
	// URL is the base URL of the server, like http://127.0.0.1:PORT, with
	// no trailing slash.
	URL string

	srv    *http.Server
	cancel context.CancelFunc // ends every request's context: frees delayed handlers
	done   chan struct{}      // closed when Serve has returned
}

// Start listens on addr (host:port; the host must be a loopback address or
// "localhost", port 0 picks a free port) and serves NewHandler(opts...) in the
// background until Close.
func Start(addr string, opts ...Option) (*Server, error) {
	addr, err := loopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("gust: demo server: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		URL:    "http://" + ln.Addr().String(),
		cancel: cancel,
		done:   make(chan struct{}),
		srv: &http.Server{
			Handler:           NewHandler(opts...),
			ReadHeaderTimeout: 10 * time.Second,
			BaseContext:       func(net.Listener) context.Context { return ctx },
		},
	}
	go s.serve(ln)
	return s, nil
}

// serve runs the HTTP server on ln until Close.
func (s *Server) serve(ln net.Listener) {
	defer close(s.done)
	_ = s.srv.Serve(ln) // always ErrServerClosed after Close
}

// Close stops accepting connections, ends every request in progress (delays
// stop waiting) and returns once the handlers and the server's goroutines
// have finished. Closing twice is harmless.
func (s *Server) Close() error {
	s.cancel()
	ctx, stop := context.WithTimeout(context.Background(), shutdownGrace)
	defer stop()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(fmt.Errorf("gust: demo server: %w", err), s.srv.Close())
	}
	<-s.done
	return err
}

// loopbackAddr checks that addr's host is a loopback IP or "localhost" (which
// it turns into 127.0.0.1, so the server never lands on another interface
// through name resolution) and returns the address to listen on.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("gust: demo server address %q is not valid: want host:port, like 127.0.0.1:8080 or 127.0.0.1:0", addr)
	}
	if host == "localhost" {
		return net.JoinHostPort("127.0.0.1", port), nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Unmap().IsLoopback() {
		return "", fmt.Errorf("%w: %q (use 127.0.0.1:PORT or localhost:PORT)", ErrNotLoopback, addr)
	}
	return addr, nil
}
