package stats

import (
	"reflect"
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
