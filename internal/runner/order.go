package runner

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

// counts returns how many users of each kind the first n users hold.
func (o *order) counts(n int) []int {
	c := make([]int, len(o.weights))
	for i := 0; i < n; i++ {
		k := o.at(i)
		if k < 0 {
			break
		}
		c[k]++
	}
	return c
}
