package stats

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/percpu"
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
// are on the hot path: they take no lock once a host is known, and each
// processor counts in a row of its own (see percpu), since one counter for
// all would be a cache line that every core writes twice per request.
type Waits struct {
	hosts sync.Map // host -> *hostWaits
}

// hostWaits is one host's part of Waits.
type hostWaits struct {
	host string
	rows []waitRow  // by processor: percpu.Index() & (len(rows)-1)
	mu   sync.Mutex // guards cut
	cut  map[string]int64
}

// waitRow is the requests to a host that began on one processor (or on
// those that share its row). The host has been quiet since the latest
// since of its rows: the last answer, or the last time a row began waiting
// with none of its own in flight, which the host did too when it began
// waiting with none in flight at all.
type waitRow struct {
	inFlight atomic.Int64
	since    atomic.Int64 // Unix nanoseconds
	_        [48]byte     // a cache line each
}

// maxWaitRows bounds the rows of a host (64 bytes each).
const maxWaitRows = 64

// Wait is one request in flight, from Begin until Done or Cut.
type Wait struct {
	h   *hostWaits
	row *waitRow // the row of the processor it began on
}

// Begin counts a request to host in flight. A nil Waits follows nothing.
func (w *Waits) Begin(host string) Wait {
	if w == nil {
		return Wait{}
	}
	v, ok := w.hosts.Load(host)
	if !ok {
		v, _ = w.hosts.LoadOrStore(host, &hostWaits{host: host, cut: map[string]int64{},
			rows: make([]waitRow, percpu.Slots(1, maxWaitRows))})
	}
	h := v.(*hostWaits)
	row := &h.rows[percpu.Index()&(len(h.rows)-1)]
	if row.inFlight.Add(1) == 1 {
		row.since.Store(time.Now().UnixNano())
	}
	return Wait{h, row}
}

// Done ends a request that the host answered (with success or failure).
func (w Wait) Done() { w.DoneAt(time.Time{}) }

// DoneAt is Done for a request whose answer came at, a time the caller
// has already read (no second clock read per request); zero means now.
func (w Wait) DoneAt(at time.Time) {
	if w.row == nil {
		return
	}
	if at.IsZero() {
		at = time.Now()
	}
	w.row.since.Store(at.UnixNano())
	w.row.inFlight.Add(-1)
}

// Cut ends a request that the end of the test cut short while it was in
// phase (PhaseConnect, ...).
func (w Wait) Cut(phase string) {
	if w.row == nil {
		return
	}
	w.h.mu.Lock()
	w.h.cut[phase]++
	w.h.mu.Unlock()
	w.row.inFlight.Add(-1)
}

// inFlight is the number of requests in flight to h, and since when h
// has been quiet (Unix nanoseconds).
func (h *hostWaits) inFlight() (n, since int64) {
	for i := range h.rows {
		n += h.rows[i].inFlight.Load()
		since = max(since, h.rows[i].since.Load())
	}
	return n, since
}

// InFlight is the number of requests in flight to every host.
func (w *Waits) InFlight() int64 {
	var n int64
	w.hosts.Range(func(_, v any) bool {
		in, _ := v.(*hostWaits).inFlight()
		n += in
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
		n, since := h.inFlight()
		if quiet := now.Sub(time.Unix(0, since)); n > 0 && quiet > after {
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
