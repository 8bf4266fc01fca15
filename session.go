package gust

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// recorder is where a session reports its samples: the statistics of the test.
type recorder interface {
	Record(shard int, s stats.Sample)
	Exception(msg, traceback, node string)
}

// A Session is one running user. Its tasks get it as their only argument: it
// carries the user's own HTTP client (its own connections and cookie jar, like
// a browser), its context, its id and a random source. A Session belongs to
// one goroutine: its methods must not be called from several at once.
type Session struct {
	ctx      context.Context
	stopping <-chan struct{}
	id       int
	index    int
	kind     string
	host     *url.URL
	timeout  time.Duration
	rec      recorder
	rnd      *rand.Rand
	client   *http.Client
	buf      bytes.Buffer
	values   map[string]any
}

// Set keeps v under key for this user, for later tasks: a connection of a
// custom protocol, a token, a cart. It is the Go counterpart of attributes
// on a Locust user's self.
func (s *Session) Set(key string, v any) {
	if s.values == nil {
		s.values = map[string]any{}
	}
	s.values[key] = v
}

// Value returns what Set kept under key for this user, or nil.
func (s *Session) Value(key string) any { return s.values[key] }

// Context is cancelled when the user must end at once: when the test stops
// and the stop timeout has run out. Pass it to your own blocking calls.
func (s *Session) Context() context.Context { return s.ctx }

// ID is the user's number, unique within the test run (from 1).
func (s *Session) ID() int { return s.id }

// Index counts the users of this kind, from 0.
func (s *Session) Index() int { return s.index }

// Kind is the Name of the User this session runs.
func (s *Session) Kind() string { return s.kind }

// Host is the base URL that relative request paths are resolved against,
// or "" when there is none.
func (s *Session) Host() string {
	if s.host == nil {
		return ""
	}
	return s.host.String()
}

// Rand is the user's own random source, safe to use without locking.
func (s *Session) Rand() *rand.Rand { return s.rnd }

// Stopping reports whether the test has asked this user to stop. A long task
// can check it between steps and return early.
func (s *Session) Stopping() bool {
	select {
	case <-s.stopping:
		return true
	default:
		return false
	}
}

// Sleep pauses the user for d, or less if the test stops meanwhile; it reports
// whether the whole pause elapsed. Use it instead of time.Sleep in tasks.
func (s *Session) Sleep(d time.Duration) bool {
	if d <= 0 {
		return !s.Stopping()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.stopping:
		return false
	case <-s.ctx.Done():
		return false
	}
}

type stopUser struct{}

// StopUser ends this user at once: the rest of the task is skipped, OnStop
// runs and the user does not start again (the test goes on with one user
// fewer). Like testing.T.FailNow, it does not return.
func (s *Session) StopUser() { panic(stopUser{}) }

// Record reports one sample of a custom (non-HTTP) protocol, the way a Locust
// user fires the request event: kind is the request type shown in the Type
// column ("grpc", "sql"), name groups samples, took is the response time,
// size the response bytes and err, when not nil, marks it failed. It then
// shows up in every table and report like an HTTP request.
func (s *Session) Record(kind, name string, took time.Duration, size int64, err error) {
	sample := stats.Sample{Method: kind, Name: name, Duration: took, Size: size}
	if err != nil {
		sample.Err = err.Error()
	}
	s.rec.Record(s.id, sample)
}

// Measure times fn and records it as a custom sample (see Record); fn returns
// the response size and an error that marks the sample failed. Measure
// returns fn's error.
func (s *Session) Measure(kind, name string, fn func() (size int64, err error)) error {
	start := time.Now()
	size, err := fn()
	s.Record(kind, name, time.Since(start), size, err)
	return err
}
