package runner

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// seqCounts counts the kinds of the first n users of the spawn order one
// by one, as the ramp sees them.
func seqCounts(o *order, n int) []int {
	c := make([]int, len(o.weights))
	for i := range n {
		k := o.at(i)
		if k < 0 {
			break
		}
		c[k]++
	}
	return c
}

func TestCountsMatchTheSpawnOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		kinds := 1 + rng.IntN(4)
		fixed, weights := make([]int, kinds), make([]int, kinds)
		for k := range kinds {
			if rng.IntN(3) == 0 {
				fixed[k] = rng.IntN(6)
			} else {
				weights[k] = rng.IntN(7)
			}
		}
		n := rng.IntN(60)
		got := newOrder(fixed, weights).counts(n)
		if want := seqCounts(newOrder(fixed, weights), n); !reflect.DeepEqual(got, want) {
			t.Fatalf("fixed %v weights %v: counts(%d) = %v, the spawn order gives %v", fixed, weights, n, got, want)
		}
	}
}

// A trillion users must not build a trillion of anything: the counts are
// worked out, not generated (issue 14: the process wedged under the lock).
func TestCountsOfAHugeNumberAllocateNothingPerUser(t *testing.T) {
	o := newOrder([]int{3, 0, 0}, []int{0, 5, 1})
	var c []int
	allocs := testing.AllocsPerRun(3, func() { c = o.counts(1_000_000_000_000) })
	if allocs > 10 {
		t.Errorf("counts(1e12) made %.0f allocations", allocs)
	}
	if want := []int{3, 833_333_333_331, 166_666_666_666}; !reflect.DeepEqual(c, want) {
		t.Errorf("counts(1e12) = %v, want %v", c, want)
	}
	if len(o.seq) != 0 {
		t.Errorf("counts generated %d users of the order", len(o.seq))
	}
}
