package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// shutdownGrace bounds how long Close waits for connections to finish once
// every handler has been told to stop.
const shutdownGrace = 5 * time.Second

// Server is a running demo server; Start makes one and Close stops it.
type Server struct {
	// URL is the base URL of the HTTP server, like http://127.0.0.1:PORT,
	// with no trailing slash. It speaks HTTP/1.1 and HTTP/2 in cleartext
	// with prior knowledge (h2c), and serves the WebSocket routes
	// (ws://127.0.0.1:PORT/ws/echo and /ws/broadcast).
	URL string
	// GRPCAddr is the host:port of the gRPC server (plaintext): the Demo
	// service of demo.proto, health and reflection (see NewGRPCServer).
	GRPCAddr string

	srv     *http.Server
	grpc    *grpc.Server
	h       *handler
	cancel  context.CancelFunc // ends every request's context: frees delayed handlers
	done    chan struct{}      // closed when the HTTP server's Serve has returned
	grpcEnd chan struct{}      // closed when the gRPC server's Serve has returned
}

// Start listens on addr (host:port; the host must be a loopback address or
// "localhost", port 0 picks a free port) and serves NewHandler(opts...) in the
// background until Close; it serves NewGRPCServer(opts...) on another port
// of the same host (a free one unless WithGRPCAddr says otherwise).
func Start(addr string, opts ...Option) (*Server, error) {
	c := newConfig(opts)
	lns, err := listen(addr, c.grpcAddr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		URL:      "http://" + lns[0].Addr().String(),
		GRPCAddr: lns[1].Addr().String(),
		h:        newHandler(c),
		grpc:     newGRPCServer(c),
		cancel:   cancel,
		done:     make(chan struct{}),
		grpcEnd:  make(chan struct{}),
	}
	s.srv = &http.Server{
		Handler:           s.h.mux,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		Protocols:         protocols(),
	}
	go s.serve(lns[0])
	go s.serveGRPC(lns[1])
	return s, nil
}

// protocols are what the HTTP server speaks: HTTP/1.1 and h2c.
func protocols() *http.Protocols {
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetUnencryptedHTTP2(true)
	return &p
}

// listen opens the HTTP listener on addr and the gRPC one on grpcAddr
// (default: a free port on addr's host), both on loopback. A failure is an
// *AddrError.
func listen(addr, grpcAddr string) ([]net.Listener, error) {
	if grpcAddr == "" {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, &AddrError{Addr: addr, Err: errNotHostPort}
		}
		grpcAddr = net.JoinHostPort(host, "0")
	}
	ln, err := listenOn(addr, false)
	if err != nil {
		return nil, err
	}
	gln, err := listenOn(grpcAddr, true)
	if err != nil {
		ln.Close()
		return nil, err
	}
	return []net.Listener{ln, gln}, nil
}

// serve runs the HTTP server on ln until Close.
func (s *Server) serve(ln net.Listener) {
	defer close(s.done)
	_ = s.srv.Serve(ln) // always ErrServerClosed after Close
}

// serveGRPC runs the gRPC server on ln until Close.
func (s *Server) serveGRPC(ln net.Listener) {
	defer close(s.grpcEnd)
	_ = s.grpc.Serve(ln) // nil after Stop
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
	s.h.sockets.Wait() // the WebSockets end with the requests' context
	s.grpc.Stop()      // ends the streams and calls in progress at once
	<-s.grpcEnd
	return err
}
