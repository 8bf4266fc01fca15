package cluster

import (
	"cmp"
	"slices"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
)

// allocation is how a master shares the cluster's users among its workers,
// by Locust's rule: the i-th user of the spawn order (fixed counts first,
// then by weight) goes to worker i mod len(workers), with the workers in
// workerOrder, so consecutive users land on different machines. Growing or
// shrinking the user count moves only the users past the smaller count, so
// a ramp-down stops the most recently added users first.
type allocation struct {
	seq    *runner.Sequence
	kinds  int
	ids    []string // workers in workerOrder
	counts [][]int  // per worker, per kind
	n      int      // users allocated
}

func newAllocation(kinds []runner.Kind) *allocation {
	return &allocation{seq: runner.NewSequence(kinds), kinds: len(kinds)}
}

// reset starts over with the given workers (already in workerOrder) and no
// users.
func (a *allocation) reset(ids []string) {
	a.ids = ids
	a.counts = make([][]int, len(ids))
	for i := range a.counts {
		a.counts[i] = make([]int, a.kinds)
	}
	a.n = 0
}

// resize allocates exactly n users.
func (a *allocation) resize(n int) {
	if len(a.ids) == 0 {
		a.n = n
		return
	}
	for ; a.n < n; a.n++ {
		if k := a.seq.At(a.n); k >= 0 {
			a.counts[a.n%len(a.ids)][k]++
		}
	}
	for ; a.n > n; a.n-- {
		if k := a.seq.At(a.n - 1); k >= 0 {
			a.counts[(a.n-1)%len(a.ids)][k]--
		}
	}
}

// workerOrder sorts worker ids as Locust's dispatcher does: by their index
// among the workers of the same host (the part of the id before "_", ids in
// order), then by id.
func workerOrder(ids []string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	within := make(map[string]int, len(ids))
	perHost := make(map[string]int)
	for _, id := range ids {
		h := wire.NodeHost(id)
		within[id] = perHost[h]
		perHost[h]++
	}
	slices.SortStableFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(within[a], within[b]), cmp.Compare(a, b))
	})
	return ids
}
