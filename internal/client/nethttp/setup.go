package nethttp

import (
	"crypto/tls"
	"sync"
	"time"

	"github.com/gustload/gust/internal/client"
)

// The phases of a request, as Response.Phase says them; pointers to them
// are stored in Client.phase, which the transport's goroutines update.
var (
	phaseConnect  = client.PhaseConnect
	phaseSend     = client.PhaseSend
	phaseResponse = client.PhaseResponse
	phaseBody     = client.PhaseBody
)

// setup times the set-up of a new connection from the trace's hooks, which
// the transport may call from its own goroutines.
type setup struct {
	mu                 sync.Mutex
	addr               string
	tls                bool
	dial0, dial1       time.Time
	handshake0, shake1 time.Time
}

func (s *setup) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addr, s.tls = "", false
	s.dial0, s.dial1, s.handshake0, s.shake1 = time.Time{}, time.Time{}, time.Time{}, time.Time{}
}

func (s *setup) connectStart(_, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addr, s.dial0 = addr, time.Now()
}

func (s *setup) connectDone(_, _ string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		s.dial1 = time.Now()
	}
}

func (s *setup) tlsStart() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tls, s.handshake0 = true, time.Now()
}

func (s *setup) tlsDone(_ tls.ConnectionState, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		s.shake1 = time.Now()
	}
}

// connect is the set-up of the connection the request opened, complete
// (the dial and any handshake succeeded), or none.
func (s *setup) connect() client.Connect {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dial1.IsZero() || (s.tls && s.shake1.IsZero()) {
		return client.Connect{}
	}
	c := client.Connect{Addr: s.addr, TLS: s.tls, Dial: s.dial1.Sub(s.dial0)}
	if s.tls {
		c.Handshake = s.shake1.Sub(s.handshake0)
	}
	return c
}
