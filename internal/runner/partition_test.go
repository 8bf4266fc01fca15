package runner

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/shape"
)

// take runs p's scheduler side from local iteration k while the global
// iteration is below upto, checking each due time against global; it
// returns the global numbers taken and the next k.
func take(t *testing.T, global Schedule, p *Partitioned, k, upto int64) ([]int64, int64) {
	t.Helper()
	var got []int64
	for ; ; k++ {
		if peek(p, k) >= upto {
			return got, k
		}
		n, at, ok := p.locate(k)
		if !ok {
			return got, k
		}
		if want, _ := global.Due(n); at != want {
			t.Fatalf("local %d (global %d) due at %v, the global schedule says %v", k, n, at, want)
		}
		if d, _ := p.Due(k); d != at {
			t.Fatalf("Due(%d) = %v, locate says %v", k, d, at)
		}
		got = append(got, n)
	}
}

// peek is the global number of local iteration k, without taking it.
func peek(p *Partitioned, k int64) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.globalOf(k)
}

// checkCover fails unless got holds every iteration from 0 to n once.
func checkCover(t *testing.T, got []int64, n int64) {
	t.Helper()
	slices.Sort(got)
	for i, x := range got {
		if x != int64(i) {
			t.Fatalf("iterations taken %v...: want each of 0..%d exactly once, got %d at position %d", got[:min(len(got), 20)], n-1, x, i)
		}
	}
	if int64(len(got)) != n {
		t.Fatalf("%d iterations taken, want %d", len(got), n)
	}
}

// globalCount is how many iterations global has.
func globalCount(s Schedule) int64 {
	n := int64(0)
	for _, ok := s.Due(n); ok; _, ok = s.Due(n) {
		n++
	}
	return n
}

func TestPartitionedCoversTheScheduleOnce(t *testing.T) {
	schedules := map[string]shape.RateStages{
		"constant": {{Duration: 0, Rate: 30}, {Duration: 10 * time.Second, Rate: 30}},
		"ramping":  {{Duration: 5 * time.Second, Rate: 40}, {Duration: 3 * time.Second, Rate: 40}, {Duration: 4 * time.Second, Rate: 0}},
	}
	for name, global := range schedules {
		t.Run(name, func(t *testing.T) {
			total := globalCount(global)
			var got []int64
			var share float64
			for i := range 3 {
				p := NewPartitioned(global, Slot{Index: i, Count: 3})
				part, _ := take(t, global, p, 0, total+1)
				got = append(got, part...)
				share += p.Iterations(global.Total())
			}
			checkCover(t, got, total)
			if share < float64(total)-1 || share > float64(total)+1 {
				t.Fatalf("the slots' Iterations add up to %v, want about %d", share, total)
			}
		})
	}
}

func TestRepartitionCoversEveryIterationOnce(t *testing.T) {
	global := shape.RateStages{{Duration: 4 * time.Second, Rate: 50}, {Duration: 4 * time.Second, Rate: 50}}
	total := globalCount(global)
	for _, b := range []int64{0, 1, 37, 38, 40, 41, 99} {
		var got []int64
		var old []*Partitioned
		for i := range 2 {
			p := NewPartitioned(global, Slot{Index: i, Count: 2})
			part, _ := take(t, global, p, 0, b) // run up to the boundary
			got = append(got, part...)
			old = append(old, p)
		}
		for i, p := range old {
			if applied := p.Repartition(Slot{Index: i, Count: 3, From: b}); applied != b {
				t.Fatalf("b=%d: boundary applied %d, want %d", b, applied, b)
			}
			k := int64(0)
			for peek(p, k) < b { // the local number the scheduler reached
				k++
			}
			part, _ := take(t, global, p, k, total+1)
			got = append(got, part...)
		}
		joined := NewPartitioned(global, Slot{Index: 2, Count: 3, From: b})
		part, _ := take(t, global, joined, 0, total+1)
		checkCover(t, append(got, part...), total)
	}
}

func TestRepartitionAfterTheSchedulerPassedTheBoundary(t *testing.T) {
	global := shape.RateStages{{Duration: 0, Rate: 10}, {Duration: 10 * time.Second, Rate: 10}}
	p := NewPartitioned(global, Slot{Index: 1, Count: 2})
	p.locate(5) // global 11: the scheduler is past 8
	if got := p.Repartition(Slot{Index: 0, Count: 3, From: 8}); got != 12 {
		t.Fatalf("boundary applied %d, want 12 (just after the last iteration taken)", got)
	}
	if n, _, _ := p.locate(5); n != 11 {
		t.Fatalf("local 5 is global %d after the repartition, want 11 as before", n)
	}
	if n, _, _ := p.locate(6); n != 12 {
		t.Fatalf("local 6 is global %d, want 12 (slot 0 of 3 from 12)", n)
	}
}

func TestFirstFrom(t *testing.T) {
	global := shape.RateStages{{Duration: 0, Rate: 10}, {Duration: 10 * time.Second, Rate: 10}}
	tests := []struct {
		begin time.Duration
		want  int64
	}{{0, 0}, {-time.Second, 0}, {50 * time.Millisecond, 1}, {time.Second, 10}, {1234 * time.Millisecond, 13}, {time.Hour, 100}}
	for _, tt := range tests {
		if got := firstFrom(global, tt.begin); got != tt.want {
			t.Errorf("firstFrom(%v) = %d, want %d", tt.begin, got, tt.want)
		}
	}
	if got := firstFrom(NewPartitioned(global, Slot{Index: 1, Count: 2}), time.Second); got != 5 {
		t.Errorf("firstFrom of slot 1 of 2 at 1s = %d, want 5 (global 11)", got)
	}
}

func TestArrivalBeginsPartWay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		global := shape.RateStages{{Duration: 0, Rate: 10}, {Duration: 2 * time.Second, Rate: 10}}
		var mu sync.Mutex
		var got []int64
		iterate := func(ctx context.Context, stopping <-chan struct{}, id, index int, next NextFunc) {
			for it, ok := next(); ok; it, ok = next() {
				mu.Lock()
				got = append(got, it.N)
				mu.Unlock()
			}
		}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: iterate}}, Options{})
		done := make(chan struct{})
		sched := NewPartitioned(global, Slot{Index: 0, Count: 2})
		if err := r.StartArrival(sched, ArrivalOptions{MaxUsers: 5, Begin: 1100 * time.Millisecond}, func() { close(done) }); err != nil {
			t.Fatal(err)
		}
		<-done
		st, _ := r.Arrival()
		r.Stop()
		slices.Sort(got)
		if want := []int64{12, 14, 16, 18}; !slices.Equal(got, want) {
			t.Fatalf("iterations started %v, want %v (slot 0 of 2, due from 1.1s on)", got, want)
		}
		if st.Due != 4 || st.Started != 4 {
			t.Fatalf("due %d started %d, want 4 and 4", st.Due, st.Started)
		}
	})
}
