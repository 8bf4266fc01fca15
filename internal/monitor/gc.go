package monitor

import (
	"os"
	"runtime/debug"
)

// The garbage collector's pace. A load generator allocates fast and keeps
// little: with the runtime's default (GOGC=100: collect when the heap has
// doubled) and a few megabytes of live heap, a client that allocates 2 KB
// per request at 300,000 requests a second collects about a hundred times a
// second, each time scanning every user's goroutine stack; the 16-core
// profile of the net/http users shows 14% of the CPU in the collector. So
// while the process allocates at least fastAlloc bytes a second, it lets
// the heap grow by gcRoom beyond the live heap before collecting (as if
// GOGC were 100·gcRoom/live, never below 100); once the allocation falls
// under slowAlloc it is back at GOGC=100. Users that mostly wait (bench/memory)
// allocate far less than fastAlloc and keep the default. A GOGC in the
// environment is the user's choice and left alone.
const (
	gcRoom       = 32 << 20
	fastAlloc    = 64 << 20 // bytes a second
	slowAlloc    = 16 << 20
	gcDefault    = 100
	gcMaxPercent = 3200
)

// gcPacer sets the collector's percent from one reading to the next.
type gcPacer struct {
	set     func(int) int // debug.SetGCPercent; nil: pacing is off
	percent int           // what it set last
}

func newGCPacer() gcPacer {
	if _, ok := os.LookupEnv("GOGC"); ok {
		return gcPacer{}
	}
	return gcPacer{set: debug.SetGCPercent, percent: gcDefault}
}

// step sets the percent for the allocation rate between two readings.
func (p *gcPacer) step(c, prev Counters, seconds float64) {
	if p.set == nil || seconds <= 0 || c.HeapAllocs < prev.HeapAllocs {
		return
	}
	rate := float64(c.HeapAllocs-prev.HeapAllocs) / seconds
	if pct := gcPercent(p.percent, rate, c.HeapLive); pct != p.percent {
		p.set(pct)
		p.percent = pct
	}
}

// gcPercent is the percent for an allocation rate (bytes a second) and a
// live heap (bytes), from the current percent cur.
func gcPercent(cur int, rate float64, live uint64) int {
	switch {
	case rate >= fastAlloc:
		return min(max(gcDefault, int(100*gcRoom/max(live, 1))), gcMaxPercent)
	case rate < slowAlloc:
		return gcDefault
	}
	return cur
}
