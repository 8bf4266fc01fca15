package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/metrics"
)

// MetricsServer serves /metrics alone, without the UI (--metrics-listen),
// so that Prometheus can scrape a headless run or master. It keeps the
// UI's rules: bound to loopback it answers only to loopback Host names,
// and a login, when given, is asked for.
type MetricsServer struct {
	ln  net.Listener
	srv *http.Server
}

// NewMetricsServer binds addr ("host:port"; ":port" binds loopback) and
// returns a server of ctl's metrics; login is --web-login's syntax.
func NewMetricsServer(ctl Controller, addr, login string) (*MetricsServer, error) {
	creds, err := parseLogin(login)
	if err != nil {
		return nil, err
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("gust: --metrics-listen %q: want host:port or :port", addr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("gust: --metrics-listen %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler(func() metrics.Run { return MetricsOf(ctl) }))
	srv := &http.Server{Handler: guard(mux, creds, isLoopbackHost(host)), ReadHeaderTimeout: 10 * time.Second}
	return &MetricsServer{ln: ln, srv: srv}, nil
}

// Addr is the address the server listens on, with the real port.
func (m *MetricsServer) Addr() net.Addr { return m.ln.Addr() }

// Loopback reports whether the server is reachable from this machine only.
func (m *MetricsServer) Loopback() bool {
	return isLoopbackHost(m.ln.Addr().String())
}

// Serve answers until ctx ends, then shuts down.
func (m *MetricsServer) Serve(ctx context.Context) error {
	served := make(chan error, 1)
	go func() { served <- m.srv.Serve(m.ln) }()
	select {
	case err := <-served:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("gust: --metrics-listen: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := m.srv.Shutdown(sctx); err != nil {
			_ = m.srv.Close()
		}
		<-served
		return nil
	}
}
