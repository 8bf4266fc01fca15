package runner

import (
	"sync"
	"time"
)

// An arrival rate shared by several processes (a master's workers) is
// partitioned, not approximated: every worker runs the same schedule and
// takes the iterations of its slot, so the cluster starts exactly the
// iterations the schedule asks for, each at its due time.

// Slot is one worker's share of a schedule that Count workers run
// together: the global iterations n with n % Count == Index, from
// iteration From on.
type Slot struct {
	Index, Count int
	From         int64
}

// epoch is a slot together with the first local iteration it numbers.
type epoch struct {
	Slot
	first int64 // the first global iteration of the slot, at or after From
	k0    int64 // the local number of that iteration
}

// Partitioned is the part of a global schedule that one worker runs: its
// k-th iteration is the k-th global iteration of its slot. Repartition
// changes the slot from a boundary on while the schedule runs (a worker
// joined or left); iterations before the boundary keep the old slot. It
// is safe for concurrent use.
type Partitioned struct {
	global Schedule

	mu     sync.Mutex
	epochs []epoch
	asked  int64 // the highest local iteration the scheduler took; -1 before
}

// NewPartitioned returns slot s of global. s.Count counts as at least 1.
func NewPartitioned(global Schedule, s Slot) *Partitioned {
	return &Partitioned{global: global, epochs: []epoch{newEpoch(s, 0)}, asked: -1}
}

// newEpoch places s, whose first iteration gets local number k0.
func newEpoch(s Slot, k0 int64) epoch {
	s.Count = max(s.Count, 1)
	s.Index = ((s.Index % s.Count) + s.Count) % s.Count
	s.From = max(s.From, 0)
	return epoch{Slot: s, first: firstAtOrAfter(s.From, s), k0: k0}
}

// firstAtOrAfter is the first n >= from with n % s.Count == s.Index.
func firstAtOrAfter(from int64, s Slot) int64 {
	return from + ((int64(s.Index)-from)%int64(s.Count)+int64(s.Count))%int64(s.Count)
}

// owned counts the iterations of e below x.
func (e epoch) owned(x int64) int64 {
	if x <= e.first {
		return 0
	}
	return (x - e.first + int64(e.Count) - 1) / int64(e.Count)
}

// global is the global number of local iteration k. mu is held.
func (p *Partitioned) globalOf(k int64) int64 {
	e := p.epochs[0]
	for _, x := range p.epochs[1:] {
		if x.k0 > k {
			break
		}
		e = x
	}
	return e.first + (k-e.k0)*int64(e.Count)
}

// Due is when the worker's iteration k is due: the global schedule's Due
// of the global iteration it stands for.
func (p *Partitioned) Due(k int64) (time.Duration, bool) {
	p.mu.Lock()
	n := p.globalOf(k)
	p.mu.Unlock()
	return p.global.Due(n)
}

// locate is Due for the scheduler: it also gives the global number, and
// remembers that the scheduler took k, so that a later Repartition leaves
// it alone.
func (p *Partitioned) locate(k int64) (n int64, at time.Duration, ok bool) {
	p.mu.Lock()
	n = p.globalOf(k)
	p.asked = max(p.asked, k)
	p.mu.Unlock()
	at, ok = p.global.Due(n)
	return n, at, ok
}

// Iterations is the worker's part of the iterations due in the first
// elapsed: each slot's share of the global count while it applied.
func (p *Partitioned) Iterations(elapsed time.Duration) float64 {
	p.mu.Lock()
	epochs := append([]epoch(nil), p.epochs...)
	p.mu.Unlock()
	total := p.global.Iterations(elapsed)
	var out float64
	for i, e := range epochs {
		lo := min(float64(e.From), total)
		hi := total
		if i+1 < len(epochs) {
			hi = min(float64(epochs[i+1].From), total)
		}
		out += max(hi-lo, 0) / float64(e.Count)
	}
	return out
}

// Total is the global schedule's length.
func (p *Partitioned) Total() time.Duration { return p.global.Total() }

// Slot is the slot in force for the iterations from the latest boundary.
func (p *Partitioned) Slot() Slot {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.epochs[len(p.epochs)-1].Slot
}

// Repartition gives the worker slot s for the global iterations from
// s.From on; those before keep the slot they had. A boundary the scheduler
// has already passed (the message came late) moves to just after the last
// iteration it took: the other workers then start the iterations in
// between under the new slots, so a few may run twice or not at all.
// It returns the boundary applied.
func (p *Partitioned) Repartition(s Slot) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	last := p.epochs[len(p.epochs)-1]
	s.From = max(s.From, last.From)
	if p.asked >= 0 {
		s.From = max(s.From, p.globalOf(p.asked)+1)
	}
	k0 := last.k0 + last.owned(s.From)
	if k0 == last.k0 { // nothing of the old slot before the boundary: replace it
		p.epochs = p.epochs[:len(p.epochs)-1]
	}
	p.epochs = append(p.epochs, newEpoch(s, k0))
	return s.From
}
