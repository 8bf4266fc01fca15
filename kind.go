package gust

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// kind is a User ready to run: its tasks filtered by tags, its host chosen.
type kind struct {
	user   *User
	tasks  []Task
	cum    []int                    // cumulative task weights: task j holds [cum[j-1], cum[j])
	host   *atomic.Pointer[url.URL] // nil inside: no host; changed by the web UI's form
	rec    recorder
	waits  *stats.Waits // the recorder's, when it follows requests in flight
	wait   Wait         // nil: none (the tasks run back to back)
	nodeID string
}

// newKind makes a kind of u running tasks; host, when not nil, holds the
// host the users of the kind start with.
func newKind(u *User, tasks []Task, host *atomic.Pointer[url.URL], rec recorder) *kind {
	if host == nil {
		host = new(atomic.Pointer[url.URL])
	}
	k := &kind{user: u, tasks: tasks, host: host, rec: rec, wait: u.Wait, nodeID: "local"}
	if w, ok := rec.(interface{ Waits() *stats.Waits }); ok {
		k.waits = w.Waits()
	}
	total := 0
	for _, t := range tasks {
		total += t.weight() // User.validate keeps the sum within an int
		k.cum = append(k.cum, total)
	}
	return k
}

// pick returns the task to run in round i: the one holding round i's place
// in the cycle of all weights with Sequential, else a random one by weight.
// Memory and time do not grow with the weights.
func (k *kind) pick(r *rand.Rand, i int) *Task {
	total := k.cum[len(k.cum)-1]
	var n int
	if k.user.Sequential {
		n = i % total
	} else {
		n = r.IntN(total)
	}
	return &k.tasks[holder(k.cum, n)]
}

// holder returns the first j with n < cum[j]: the task whose share of the
// weights holds n. A few tasks are scanned, more are searched by halves.
func holder(cum []int, n int) int {
	if len(cum) <= 8 {
		for j, c := range cum {
			if n < c {
				return j
			}
		}
	}
	return sort.SearchInts(cum, n+1) // the first cum[j] >= n+1
}

// run is one user's life: OnStart, then task, wait, task, wait... until the
// test asks it to stop, then OnStop.
func (k *kind) run(ctx context.Context, stopping <-chan struct{}, id, index int) {
	k.live(ctx, stopping, id, index, nil)
}

// iterate is the life of a user of an arrival-rate test: OnStart, then one
// task for each iteration next hands it (instead of waiting), then OnStop.
func (k *kind) iterate(ctx context.Context, stopping <-chan struct{}, id, index int, next runner.NextFunc) {
	k.live(ctx, stopping, id, index, next)
}

// live runs OnStart, the tasks (from next when it is given, otherwise in the
// user's own loop), then OnStop.
func (k *kind) live(ctx context.Context, stopping <-chan struct{}, id, index int, next runner.NextFunc) {
	s := &Session{ctx: ctx, stopping: stopping, id: id, index: index, kind: k.user.Name,
		targets: client.Targets{Host: k.host.Load()}, timeout: k.timeout(), rec: k.rec, use: k.user.Client, lax: k.user.InsecureSkipVerify,
		maxBody: k.user.MaxBody, waits: k.waits,
		rnd: rand.New(rand.NewPCG(uint64(id), uint64(time.Now().UnixNano())))}
	defer s.close()
	if k.user.OnStart == nil || k.call(s, k.user.OnStart) {
		if next != nil {
			k.iterations(s, next)
		} else {
			k.loop(s)
		}
	}
	s.scheduled = false
	if k.user.OnStop != nil {
		k.call(s, k.user.OnStop)
	}
	k.cleanup(s)
}

// cleanup runs the functions the session registered with Cleanup, the last
// first, each as its own call: a panic in one does not skip the others.
func (k *kind) cleanup(s *Session) {
	for i := len(s.cleanups) - 1; i >= 0; i-- {
		f := s.cleanups[i]
		k.call(s, func(*Session) { f() })
	}
	s.cleanups = nil
}

// loop runs task, wait, task, wait... until the test asks the user to stop
// or a task calls StopUser. With a pacing wait the user keeps a schedule
// (see pacer). Without a wait it runs the tasks back to back, without
// reading the clock (twice per task, which a closed loop of short requests
// would notice).
func (k *kind) loop(s *Session) {
	if k.wait == nil {
		for i := 0; !s.Stopping(); i++ {
			if !k.call(s, k.pick(s.rnd, i).Run) {
				return
			}
		}
		return
	}
	pace := newPacer(k.wait)
	for i := 0; !s.Stopping(); i++ {
		t := k.pick(s.rnd, i)
		began := time.Now()
		pace.begin(s, began)
		if !k.call(s, t.Run) {
			return
		}
		s.Sleep(pace.wait(k.wait.Next(s.rnd, time.Since(began))))
	}
}

func (k *kind) timeout() time.Duration {
	if k.user.Timeout > 0 {
		return k.user.Timeout
	}
	return DefaultTimeout
}

// call runs fn, recording a panic as an exception. It reports false when fn
// called StopUser.
func (k *kind) call(s *Session, fn func(*Session)) (alive bool) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if _, ok := p.(stopUser); ok {
			alive = false
			return
		}
		alive = true // the user carries on after a panic
		k.rec.Exception(panicMessage(p), stackTrace(), k.nodeID)
	}()
	fn(s)
	return true
}

func panicMessage(p any) string {
	if err, ok := p.(error); ok {
		return err.Error()
	}
	return fmt.Sprint(p)
}

// stackTrace formats the stack of a recovered panic, from the panicking
// function down to the task, without addresses or goroutine ids, so that the
// same panic from many users groups into one exception.
func stackTrace() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs) // skip Callers, stackTrace and the deferred func
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	inPanic := true
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "github.com/gustload/gust.(*kind).call") {
			break
		}
		if inPanic && strings.HasPrefix(f.Function, "runtime.") {
			continue
		}
		inPanic = false
		fmt.Fprintf(&b, "%s\n\t%s:%d\n", f.Function, f.File, f.Line)
		if !more {
			break
		}
	}
	return b.String()
}
