package calls

import (
	"context"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// The phases a call can be cut short in, as for an HTTP request.
const (
	Connecting = stats.PhaseConnect  // dialling, the TLS or WebSocket handshake
	Sending    = stats.PhaseSend     // writing a request or a message
	Waiting    = stats.PhaseResponse // waiting for a reply or a message
)

// Of returns what a protocol package needs of session, a *gust.Session. The
// root package sets it when it is initialised.
var Of func(session any) *Session

// A Session is one user as a protocol package sees it: the end of its
// test, where its calls in flight are followed, and where its samples go.
type Session struct {
	ctx      context.Context
	waits    *stats.Waits
	record   func(stats.Sample)
	insecure bool
}

// New is what Of returns for a user whose test ends with ctx, whose calls
// in flight waits follows (nil: none), whose samples record takes, and
// which accepts any TLS certificate when insecure is set.
func New(ctx context.Context, waits *stats.Waits, record func(stats.Sample), insecure bool) *Session {
	return &Session{ctx: ctx, waits: waits, record: record, insecure: insecure}
}

// Insecure reports whether the user accepts any TLS certificate
// (User.InsecureSkipVerify, --insecure-skip-tls-verify).
func (s *Session) Insecure() bool { return s.insecure }

// A Call is one call in flight, from Begin or Await to End.
type Call struct {
	s        *Session
	host     string
	w        stats.Wait
	followed bool
}

// Begin follows a call to host (its host:port or target) in flight, as an
// HTTP request is: a host that keeps calls waiting with no answer is
// warned about.
func (s *Session) Begin(host string) Call {
	return Call{s: s, host: host, w: s.waits.Begin(host), followed: true}
}

// Await starts a call that waits at the server's pace, such as the life of
// a stream or a message the server pushes: it is not followed in flight
// (a quiet stream is no stalled host), but it is counted as interrupted,
// under host, when the end of the test cuts it short.
func (s *Session) Await(host string) Call { return Call{s: s, host: host} }

// End records the call as a sample of type kind under name: took long,
// size bytes, failed with err when err is not nil. A call that failed once
// the test had ended was cut short by it: it is counted as interrupted in
// phase instead, with no time, and is no failure.
func (c Call) End(kind, name string, took time.Duration, size int64, err error, phase string) {
	if err != nil && c.s.ctx.Err() != nil {
		c.cut(phase)
		c.s.record(stats.Sample{Method: kind, Name: name, Interrupted: true})
		return
	}
	c.w.Done()
	sample := stats.Sample{Method: kind, Name: name, Duration: took, Size: size}
	if err != nil {
		sample.Err = err.Error()
	}
	c.s.record(sample)
}

// cut ends the call as cut short in phase.
func (c Call) cut(phase string) {
	if !c.followed {
		c.w = c.s.waits.Begin(c.host)
	}
	c.w.Cut(phase)
}

// Done ends a call that records no sample, such as a send that went
// through when only failed sends are recorded.
func (c Call) Done() { c.w.Done() }
