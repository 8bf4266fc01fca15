package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// Server is gust's web UI and HTTP API. New binds its port; Serve answers
// until its context ends or Close is called.
type Server struct {
	ctl     Controller
	opts    Options
	base    string // the base path without its trailing slash; "" for the root
	ln      net.Listener
	tls     bool
	srv     *http.Server
	handler http.Handler
	series  *seriesStore
	rows    rowCache
}

// New checks opts, binds the listening port and returns a Server for ctl.
// Errors name the option at fault (--web-login, --web-port, --tls-cert...).
func New(ctl Controller, opts Options) (*Server, error) {
	creds, err := parseLogin(opts.Login)
	if err != nil {
		return nil, err
	}
	tlsCfg, err := opts.tlsConfig()
	if err != nil {
		return nil, err
	}
	addr, err := opts.addr()
	if err != nil {
		return nil, err
	}
	base, err := opts.basePath()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("gust: --web-host/--web-port %s: %w", addr, err)
	}
	s := &Server{ctl: ctl, opts: opts, base: base, ln: ln, tls: tlsCfg != nil, series: newSeriesStore()}
	if tlsCfg != nil {
		s.ln = tls.NewListener(ln, tlsCfg)
	}
	s.handler = guard(compress(secure(mount(base, s.routes()))), creds, isLoopbackHost(addr))
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	return s, nil
}

// Handler is the whole UI as an http.Handler (login and checks included),
// for tests and for mounting elsewhere.
func (s *Server) Handler() http.Handler { return s.handler }

// Addr is the address the server listens on, with the real port.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// URL is the address to open in a browser, such as http://127.0.0.1:8089/.
func (s *Server) URL() string {
	scheme := "http"
	if s.tls {
		scheme = "https"
	}
	return scheme + "://" + s.ln.Addr().String() + s.base + "/"
}

// Serve answers requests until ctx ends (it then shuts down gracefully and
// returns nil) or Close is called. While it runs it also samples the
// per-endpoint chart history.
func (s *Server) Serve(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Go(func() { s.sampleLoop(ctx) })
	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(s.ln) }()
	select {
	case err := <-served:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("gust: web UI: %w", err)
	case <-ctx.Done():
		return s.shutdown(served)
	}
}

// shutdown lets requests in flight finish for a moment, then closes.
func (s *Server) shutdown(served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
	}
	<-served
	return nil
}

// Close stops the server at once, closing the port even if Serve was never
// called.
func (s *Server) Close() error {
	err := s.srv.Close()
	if cerr := s.ln.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) && err == nil {
		err = cerr
	}
	return err
}

// sampleLoop adds a point to the per-endpoint history every interval.
func (s *Server) sampleLoop(ctx context.Context) {
	t := time.NewTicker(s.opts.historyInterval())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.sample()
		}
	}
}

// sample records the per-endpoint chart points while a test runs.
func (s *Server) sample() {
	switch s.ctl.State() {
	case StateSpawning, StateRunning, StateStopping:
		if snap := s.ctl.Snapshot(); snap != nil {
			s.series.add(snap)
		}
	}
}

// snapshot is the controller's snapshot, or an empty one before the first.
func (s *Server) snapshot() *stats.Snapshot { return snapshotOf(s.ctl) }

// snapshotOf is ctl's snapshot, or an empty one before the first.
func snapshotOf(ctl Controller) *stats.Snapshot {
	if snap := ctl.Snapshot(); snap != nil && snap.Total != nil {
		return snap
	}
	now := time.Now()
	return &stats.Snapshot{Time: now, Start: now, Total: &stats.Entry{Key: stats.Key{Name: stats.TotalName}}}
}
