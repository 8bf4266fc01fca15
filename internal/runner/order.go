package runner

import "math"

// order yields the kind of the i-th user to spawn. Fixed-count kinds come
// first, round-robin, up to their counts; then the weighted kinds follow in a
// smooth weighted round-robin, so every prefix is as close to the weights as
// whole numbers allow (weights 5 and 1 give AAABAA AAABAA ...).
type order struct {
	fixed   []int // fixed count per kind (0 for weighted kinds)
	weights []int // weight per kind (0 for fixed kinds)
	seq     []int // kinds of the users generated so far
	current []int // smooth round-robin state per kind
	left    []int // fixed users not yet generated, per kind
	rr      int   // round-robin cursor over fixed kinds
}

func newOrder(fixed, weights []int) *order {
	o := &order{fixed: fixed, weights: weights,
		current: make([]int, len(weights)), left: append([]int(nil), fixed...)}
	return o
}

// at returns the kind of the i-th user (0-based), or -1 when no kind can take
// it (only fixed-count kinds, all full).
func (o *order) at(i int) int {
	for len(o.seq) <= i {
		k := o.next()
		if k < 0 {
			return -1
		}
		o.seq = append(o.seq, k)
	}
	return o.seq[i]
}

func (o *order) next() int {
	if k := o.nextFixed(); k >= 0 {
		return k
	}
	return o.nextWeighted()
}

func (o *order) nextFixed() int {
	for range o.left {
		k := o.rr
		o.rr = (o.rr + 1) % len(o.left)
		if o.left[k] > 0 {
			o.left[k]--
			return k
		}
	}
	return -1
}

func (o *order) nextWeighted() int {
	best, total := -1, 0
	for k, w := range o.weights {
		if w <= 0 {
			continue
		}
		o.current[k] += w
		total += w
		if best < 0 || o.current[k] > o.current[best] {
			best = k
		}
	}
	if best >= 0 {
		o.current[best] -= total
	}
	return best
}

// counts returns how many users of each kind the first n users hold. It
// works out the counts rather than generating n users' kinds, so its cost
// does not grow with n (past the sum of the weights), and it reads only
// what never changes: a ramp may use the order meanwhile.
func (o *order) counts(n int) []int {
	c := make([]int, len(o.weights))
	n -= fillFixed(c, o.fixed, n)
	if n > 0 {
		fillWeighted(c, o.weights, n)
	}
	return c
}

// fillFixed adds to c what n users give the fixed-count kinds, dealt
// round-robin in rounds of one user per kind with room left, and returns how
// many of the n it used.
func fillFixed(c, fixed []int, n int) int {
	used := 0
	for n > used {
		var open []int
		least := math.MaxInt
		for k, f := range fixed {
			if left := f - c[k]; left > 0 {
				open = append(open, k)
				least = min(least, left)
			}
		}
		if len(open) == 0 {
			break
		}
		rounds := min(least, (n-used)/len(open))
		if rounds == 0 { // a last, partial round
			for _, k := range open[:n-used] {
				c[k]++
			}
			return n
		}
		for _, k := range open {
			c[k] += rounds
		}
		used += rounds * len(open)
	}
	return used
}

// fillWeighted adds to c the kinds of n users in the smooth weighted
// round-robin: every cycle of sum-of-weights users holds each kind exactly
// its weight, so only the last, partial cycle is generated.
func fillWeighted(c, weights []int, n int) {
	total := 0
	for _, w := range weights {
		total += max(w, 0)
	}
	if total == 0 {
		return
	}
	cycles, rest := n/total, n%total
	for k, w := range weights {
		c[k] += cycles * max(w, 0)
	}
	o := newOrder(make([]int, len(weights)), weights)
	for range rest {
		c[o.nextWeighted()]++
	}
}
