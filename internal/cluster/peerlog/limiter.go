package peerlog

import (
	"cmp"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"
)

// The limits of a Limiter.
const (
	// Window is how long a Limiter counts before it starts afresh.
	Window = 10 * time.Second
	// PerPeer is how many warnings of one peer a window logs.
	PerPeer = 3
	// Total is how many warnings of all peers together a window logs.
	Total = 30
	// Reports is how many peers get a line of their own for what was
	// suppressed in a window; the others share one.
	Reports = 10
	// maxPeers bounds the peers a window tracks by name; the warnings of
	// any more are only counted.
	maxPeers = 1000
)

// Limiter passes warnings caused by peers on to a logger, at most PerPeer
// per peer and Total in all in each Window, and counts the others. When a
// window with suppressed warnings ends, and on Close, it logs how many
// each peer had suppressed (at most Reports lines, then one for the rest).
// It is safe for concurrent use.
type Limiter struct {
	log *slog.Logger

	mu     sync.Mutex
	start  time.Time      // of the current window
	shown  map[string]int // warnings logged per peer in the window
	held   map[string]int // warnings suppressed per peer in the window
	others int            // suppressed from peers past maxPeers
	total  int            // warnings logged in the window
	timer  *time.Timer    // ends the window while something is held
	closed bool
}

// New returns a Limiter that logs to l.
func New(l *slog.Logger) *Limiter {
	return &Limiter{log: l, start: time.Now(), shown: map[string]int{}, held: map[string]int{}}
}

// Warn logs msg and args at warn level, unless peer, or all peers
// together, had their share of the window; then it counts the warning.
// peer names the peer for the count; args should name it for the reader.
func (l *Limiter) Warn(peer, msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.roll(now)
	if l.total < Total && l.shown[peer] < PerPeer && (l.shown[peer] > 0 || len(l.shown) < maxPeers) {
		l.shown[peer]++
		l.total++
		l.log.Warn(msg, args...)
		return
	}
	l.hold(peer, now)
}

// Close reports what the window suppressed so far and stops its timer. A
// Limiter still works after Close, but reports only when a warning comes
// after the end of a window, or on another Close.
func (l *Limiter) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	l.report()
	l.reset(time.Now())
}

// hold counts a suppressed warning and makes sure the window's end will
// report it. mu is held.
func (l *Limiter) hold(peer string, now time.Time) {
	if l.held[peer] > 0 || len(l.held) < maxPeers {
		l.held[peer]++
	} else {
		l.others++
	}
	if l.timer == nil && !l.closed {
		l.timer = time.AfterFunc(l.start.Add(Window).Sub(now), l.windowEnd)
	}
}

// windowEnd runs on the timer.
func (l *Limiter) windowEnd() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.timer = nil
	if !l.closed {
		l.roll(time.Now())
	}
}

// roll starts a new window once the current one is over, reporting what
// it suppressed. mu is held.
func (l *Limiter) roll(now time.Time) {
	if now.Sub(l.start) < Window {
		return
	}
	l.report()
	l.reset(now)
}

func (l *Limiter) reset(now time.Time) {
	l.start, l.others, l.total = now, 0, 0
	clear(l.shown)
	clear(l.held)
}

// report logs the window's suppressed counts, the largest first. mu is
// held.
func (l *Limiter) report() {
	peers := slices.SortedFunc(maps.Keys(l.held), func(a, b string) int {
		return cmp.Or(cmp.Compare(l.held[b], l.held[a]), cmp.Compare(a, b))
	})
	rest := l.others
	for i, peer := range peers {
		n := l.held[peer]
		if i >= Reports {
			rest += n
			continue
		}
		l.log.Warn(fmt.Sprintf("cluster: %d more warnings from %s suppressed", n, name(peer)), "peer", peer, "suppressed", n)
	}
	if rest > 0 {
		l.log.Warn(fmt.Sprintf("cluster: %d more warnings from other peers suppressed", rest), "suppressed", rest)
	}
}

// name is how a peer is named in a report.
func name(peer string) string {
	if peer == "" {
		return "an unknown peer"
	}
	return peer
}
