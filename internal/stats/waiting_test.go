package stats

import (
	"reflect"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestStalledHostsAreThoseWithNoAnswerForLong(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var w Waits
		hung := []Wait{w.Begin("127.0.0.1:9"), w.Begin("127.0.0.1:9")}
		busy := w.Begin("127.0.0.1:80")
		time.Sleep(8 * time.Second)
		busy.Done() // an answer: the host is not stalled
		busy = w.Begin("127.0.0.1:80")
		time.Sleep(4 * time.Second)
		want := []Stall{{Host: "127.0.0.1:9", InFlight: 2, Quiet: 12 * time.Second}}
		if got := w.Stalled(time.Now(), 10*time.Second); !reflect.DeepEqual(got, want) {
			t.Errorf("Stalled = %+v, want %+v", got, want)
		}
		for _, h := range hung {
			h.Cut(PhaseConnect)
		}
		busy.Cut(PhaseResponse)
		if got := w.Stalled(time.Now(), 10*time.Second); len(got) != 0 {
			t.Errorf("nothing in flight, yet Stalled = %+v", got)
		}
		wantCut := []CutShort{{"127.0.0.1:9", PhaseConnect, 2}, {"127.0.0.1:80", PhaseResponse, 1}}
		if got := w.Interrupted(); !reflect.DeepEqual(got, wantCut) {
			t.Errorf("Interrupted = %+v, want %+v", got, wantCut)
		}
		w.reset()
		if got := w.Interrupted(); len(got) != 0 {
			t.Errorf("after reset, Interrupted = %+v", got)
		}
	})
}

func TestZeroWaitIsHarmless(t *testing.T) {
	var w Wait
	w.Done()
	w.Cut(PhaseBody)
}

// A host is quiet since its last answer as the client read it (DoneAt), not
// since the request was ended.
func TestQuietCountsFromTheAnswersTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var w Waits
		first, second := w.Begin("127.0.0.1:80"), w.Begin("127.0.0.1:80")
		answered := time.Now().Add(2 * time.Second)
		time.Sleep(5 * time.Second)
		first.DoneAt(answered)
		time.Sleep(8 * time.Second)
		want := []Stall{{Host: "127.0.0.1:80", InFlight: 1, Quiet: 11 * time.Second}}
		if got := w.Stalled(time.Now(), 10*time.Second); !reflect.DeepEqual(got, want) {
			t.Errorf("Stalled = %+v, want %+v", got, want)
		}
		second.DoneAt(time.Time{}) // no answer time: now
		w.Begin("127.0.0.1:80")
		time.Sleep(9 * time.Second)
		if got := w.Stalled(time.Now(), 10*time.Second); len(got) != 0 {
			t.Errorf("answered 9 s ago, yet Stalled = %+v", got)
		}
	})
}

// Requests begun and ended on every processor at once add up, whichever
// rows they fell in.
func TestWaitsAddUpAcrossProcessors(t *testing.T) {
	var w Waits
	goroutines := 4 * runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			open := w.Begin("127.0.0.1:80") // left in flight
			_ = open
			for i := range 1000 {
				r := w.Begin("127.0.0.1:80")
				runtime.Gosched() // may end on another processor
				if (g+i)%7 == 0 {
					r.Cut(PhaseBody)
				} else {
					r.Done()
				}
			}
		})
	}
	wg.Wait()
	if got := w.InFlight(); got != int64(goroutines) {
		t.Errorf("InFlight = %d, want %d (one left open by each goroutine)", got, goroutines)
	}
	var cut, want int64
	for _, c := range w.Interrupted() {
		cut += c.Requests
	}
	for g := range goroutines {
		for i := range 1000 {
			if (g+i)%7 == 0 {
				want++
			}
		}
	}
	if cut != want {
		t.Errorf("%d cut short, want %d", cut, want)
	}
}

// BenchmarkWaitsParallel is one request's Begin and Done, on every
// processor at once against one host: what the rows save is the cache line
// the processors would otherwise pass around.
// Each goroutine keeps one request in flight, as users do, so that rows
// seldom empty.
func BenchmarkWaitsParallel(b *testing.B) {
	var w Waits
	now := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		w.Begin("127.0.0.1:8080")
		for pb.Next() {
			w.Begin("127.0.0.1:8080").DoneAt(now)
		}
	})
}
