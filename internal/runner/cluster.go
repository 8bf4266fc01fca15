package runner

import "time"

// Sequence is the order in which users of the given kinds are spawned:
// fixed counts first, then by weight, exactly as a Runner orders them. A
// master uses it to decide which kind every user of the cluster is, so that
// the cluster's mix is the one a single Runner would have. A Sequence is not
// safe for concurrent use.
type Sequence struct {
	o *order
}

// NewSequence returns the spawn order of kinds (their Run functions are not
// used).
func NewSequence(kinds []Kind) *Sequence {
	return &Sequence{o: kindOrder(kinds)}
}

// At returns the index (in the kinds given to NewSequence) of the kind of
// the i-th user, from 0, or -1 when no kind can take it (every kind has a
// fixed count and all are full).
func (s *Sequence) At(i int) int { return s.o.at(i) }

// Counts returns how many users of each kind the first n users hold.
func (s *Sequence) Counts(n int) []int { return s.o.counts(n) }

// SetStopTimeout changes how long users asked to stop from now on may take
// to finish their task: a worker takes it from its master's spawn message.
func (r *Runner) SetStopTimeout(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.StopTimeout = d
}
