package stats

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Phases of a request, for Waits: what an interrupted request was waiting
// on when the test ended.
const (
	PhaseConnect  = "connecting"          // dial and TLS handshake
	PhaseSend     = "sending the request" // writing the request
	PhaseResponse = "waiting for a response"
	PhaseBody     = "reading the body"
)

// Waits follows the requests in flight to each target host: the engine
// warns about a host that has kept requests waiting long with no answer,
// and a run in which no request completed says what its requests were
// waiting on. It is safe for concurrent use; Begin and the methods of Wait
// are on the hot path and take no lock once a host is known.
type Waits struct {
	hosts sync.Map // host -> *hostWaits
}

// hostWaits is one host's part of Waits.
type hostWaits struct {
	host     string
	inFlight atomic.Int64
	quiet    atomic.Int64 // Unix nanoseconds of the last answer, or of when waiting began
	mu       sync.Mutex   // guards cut
	cut      map[string]int64
}

// Wait is one request in flight, from Begin until Done or Cut.
type Wait struct{ h *hostWaits }

// Begin counts a request to host in flight. A nil Waits follows nothing.
func (w *Waits) Begin(host string) Wait {
	if w == nil {
		return Wait{}
	}
	v, ok := w.hosts.Load(host)
	if !ok {
		v, _ = w.hosts.LoadOrStore(host, &hostWaits{host: host, cut: map[string]int64{}})
	}
	h := v.(*hostWaits)
	if h.inFlight.Add(1) == 1 {
		h.quiet.Store(time.Now().UnixNano())
	}
	return Wait{h}
}

// Done ends a request that the host answered (with success or failure).
func (w Wait) Done() {
	if w.h == nil {
		return
	}
	w.h.quiet.Store(time.Now().UnixNano())
	w.h.inFlight.Add(-1)
}

// Cut ends a request that the end of the test cut short while it was in
// phase (PhaseConnect, ...).
func (w Wait) Cut(phase string) {
	if w.h == nil {
		return
	}
	w.h.mu.Lock()
	w.h.cut[phase]++
	w.h.mu.Unlock()
	w.h.inFlight.Add(-1)
}

// InFlight is the number of requests in flight to every host.
func (w *Waits) InFlight() int64 {
	var n int64
	w.hosts.Range(func(_, v any) bool {
		n += v.(*hostWaits).inFlight.Load()
		return true
	})
	return n
}

// Stall is a host that has kept requests waiting with no answer.
type Stall struct {
	Host     string
	InFlight int64         // requests waiting now
	Quiet    time.Duration // since the last answer (or since waiting began)
}

// Stalled lists the hosts, by name, with requests in flight and no answer
// for longer than after.
func (w *Waits) Stalled(now time.Time, after time.Duration) []Stall {
	var out []Stall
	w.hosts.Range(func(_, v any) bool {
		h := v.(*hostWaits)
		n, quiet := h.inFlight.Load(), now.Sub(time.Unix(0, h.quiet.Load()))
		if n > 0 && quiet > after {
			out = append(out, Stall{Host: h.host, InFlight: n, Quiet: quiet})
		}
		return true
	})
	slices.SortFunc(out, func(a, b Stall) int { return cmp.Compare(a.Host, b.Host) })
	return out
}

// CutShort is how many requests to Host the end of the test cut short in
// Phase.
type CutShort struct {
	Host, Phase string
	Requests    int64
}

// Interrupted lists the requests cut short, per host and phase, most first.
func (w *Waits) Interrupted() []CutShort {
	var out []CutShort
	w.hosts.Range(func(_, v any) bool {
		h := v.(*hostWaits)
		h.mu.Lock()
		for phase, n := range h.cut {
			out = append(out, CutShort{Host: h.host, Phase: phase, Requests: n})
		}
		h.mu.Unlock()
		return true
	})
	slices.SortFunc(out, func(a, b CutShort) int {
		return cmp.Or(cmp.Compare(b.Requests, a.Requests), cmp.Compare(a.Host, b.Host), cmp.Compare(a.Phase, b.Phase))
	})
	return out
}

// reset forgets the requests cut short (a new test); the ones in flight
// stay counted until they end.
func (w *Waits) reset() {
	w.hosts.Range(func(_, v any) bool {
		h := v.(*hostWaits)
		h.mu.Lock()
		clear(h.cut)
		h.mu.Unlock()
		return true
	})
}
