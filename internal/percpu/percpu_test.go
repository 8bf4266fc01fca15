package percpu

import (
	"runtime"
	"sync"
	"testing"
)

func TestIndexIsAProcessor(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	errs := make(chan int, 4*procs)
	for range 4 * procs {
		wg.Go(func() {
			for range 1000 {
				if i := Index(); i < 0 || i >= procs {
					errs <- i
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for i := range errs {
		t.Errorf("Index() = %d, want 0 to %d", i, procs-1)
	}
}

func TestIndexSeesEveryProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	seen := map[int]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			<-start
			for range 100000 {
				i := Index()
				mu.Lock()
				seen[i] = true
				done := len(seen) == 2
				mu.Unlock()
				if done {
					return
				}
				runtime.Gosched()
			}
		})
	}
	close(start)
	wg.Wait()
	if !seen[0] || !seen[1] {
		t.Fatalf("saw processors %v with GOMAXPROCS 2, want 0 and 1", seen)
	}
}

func TestSlots(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	tests := []struct{ procs, min, max, want int }{
		{1, 1, 64, 1},
		{1, 2, 64, 2},
		{3, 1, 64, 4},
		{8, 2, 64, 8},
		{9, 2, 64, 16},
		{200, 2, 64, 64},
	}
	for _, tt := range tests {
		runtime.GOMAXPROCS(tt.procs)
		if got := Slots(tt.min, tt.max); got != tt.want {
			t.Errorf("GOMAXPROCS %d: Slots(%d, %d) = %d, want %d", tt.procs, tt.min, tt.max, got, tt.want)
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Index()
		}
	})
}
