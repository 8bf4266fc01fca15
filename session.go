package gust

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/client/nethttp"
	"github.com/gustload/gust/internal/percpu"
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
	timeout  time.Duration
	rec      recorder
	rnd      *rand.Rand
	values   map[string]any
	timer    *time.Timer // Sleep's, reused: no allocation per wait
	cleanups []func()    // see Cleanup

	// scheduled says that the current task had an intended start (an
	// arrival rate, or pacing) and late how much later it started: its
	// samples are also timed from the intended start (see record).
	scheduled bool
	late      time.Duration

	// The requests (see request.go and client.go).
	use     Client          // which client the user's requests go through
	lax     bool            // accept any TLS certificate (User.InsecureSkipVerify)
	maxBody int64           // the most of a body kept (User.MaxBody)
	waits   *stats.Waits    // the requests in flight per host; nil: not followed
	targets client.Targets  // the host, and the last path requested, resolved
	conn    client.Client   // the client of use, made on the first request
	plain   *nethttp.Client // Client()'s when use is not NetHTTP, made on first use
	req     request         // the request in progress
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
	if s.targets.Host == nil {
		return ""
	}
	return s.targets.Host.String()
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
	if s.timer == nil {
		s.timer = time.NewTimer(d)
	} else {
		s.timer.Reset(d) // since Go 1.23 no stale tick can follow a Reset
	}
	select {
	case <-s.timer.C:
		return true
	case <-s.stopping:
	case <-s.ctx.Done():
	}
	s.timer.Stop()
	return false
}

// Cleanup registers f to run when the user stops, after OnStop; functions
// registered later run first, as with testing.T.Cleanup. Protocol packages
// such as gust/grpc and gust/ws use it to close the user's connection, and a
// task can use it for anything the user opened. A panic in f is recorded as
// an exception, and the other functions still run.
func (s *Session) Cleanup(f func()) { s.cleanups = append(s.cleanups, f) }

type stopUser struct{}

// StopUser ends this user at once: the rest of the task is skipped, OnStop
// runs and the user does not start again (the test goes on with one user
// fewer). Like testing.T.FailNow, it does not return.
func (s *Session) StopUser() { panic(stopUser{}) }

// Record reports one sample of a custom (non-HTTP) protocol, the way a Locust
// user fires the request event: kind is the request type shown in the Type
// column ("grpc", "sql"), name groups samples, took is the response time,
// size the response bytes and err, when not nil, marks it failed. It then
// shows up in every table and report like an HTTP request. A negative size
// (http.Response.ContentLength's -1) counts as unknown, no bytes, and a
// negative took as no response time (Locust's None).
func (s *Session) Record(kind, name string, took time.Duration, size int64, err error) {
	sample := stats.Sample{Method: kind, Name: name, Duration: max(took, 0), Size: max(size, 0), NoTime: took < 0}
	if err != nil {
		sample.Err = err.Error()
	}
	s.record(sample)
}

// record reports a sample. In a task with an intended start it adds the
// response time corrected for coordinated omission: the time from when the
// task should have started to when the response ended, that is the duration
// plus how late the task started. It records into the statistics' shard
// of the processor the user runs on (see percpu): users move between
// processors from one request to the next, shards picked by user would move
// between cores with them.
func (s *Session) record(sample stats.Sample) {
	if s.scheduled && !sample.NoTime {
		sample.Corrected = max(sample.Duration+s.late, 1) // 0 would mean none
	}
	s.rec.Record(percpu.Index(), sample)
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
