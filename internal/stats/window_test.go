package stats_test

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestCurrentWindow(t *testing.T) {
	// 100 slow requests at the start, then smaller batches. The windows
	// rotate every 5 s (times are seconds after base); the current p50 comes
	// from a 2-digit histogram, so it is within 1% of the value.
	steps := []struct {
		record  time.Duration // record a batch of this duration first (0: none)
		n       int
		at      float64
		current time.Duration // total's current p50 at this tick
		count   int64         // samples in the total's window
	}{
		{ms(100), 100, 0.5, 0, 0},
		{0, 0, 1, ms(100), 100},
		{0, 0, 4, ms(100), 100},
		{0, 0, 5, ms(100), 100}, // rotated: the first slot is now the older half
		{0, 0, 9, ms(100), 100}, // still within 10 s
		{0, 0, 10, 0, 0},        // rotated again: the slow batch has left
		{ms(1), 50, 10.5, 0, 0}, // recorded, not yet ticked
		{0, 0, 11, ms(1), 50},   // the window holds only the fast batch
		{0, 0, 30, 0, 0},        // two slots passed at once: empty
		{ms(7), 10, 30.5, 0, 0}, // recorded, not yet ticked
		{0, 0, 31, ms(7), 10},   // the window restarts cleanly
		{0, 0, 40.2, 0, 0},      // more than two slots since 30
		{ms(3), 10, 40.5, 0, 0}, // recorded, not yet ticked
		{0, 0, 40.7, ms(3), 10}, // no rotation before 45.2
		{0, 0, 45.3, ms(3), 10}, // rotated once: kept as the older half
		{0, 0, 50.4, 0, 0},      // rotated again
		{ms(2), 5, 50.5, 0, 0},  // recorded, not yet ticked
		{0, 0, 50.6, ms(2), 5},  // only the newest
	}
	r := newRecorder()
	for i, st := range steps {
		if st.n > 0 {
			for j := range st.n {
				r.Record(j, stats.Sample{Method: "GET", Name: "/", Duration: st.record, End: at(base + st.at)})
			}
			continue
		}
		s := r.Tick(at(base+st.at), 1, nil)
		tot, e := s.Total, s.Entry("GET", "/")
		if got := tot.CurrentPercentile(0.5); !within(got, st.current, 0.01) || tot.Window.TotalCount() != st.count {
			t.Errorf("step %d at %v s: current p50 %v over %d samples, want %v over %d",
				i, st.at, got, tot.Window.TotalCount(), st.current, st.count)
		}
		if !e.Window.Equals(tot.Window) {
			t.Errorf("step %d: the only entry's window differs from the total's", i)
		}
		if p := s.History[len(s.History)-1].P50; !within(p, st.current, 0.01) {
			t.Errorf("step %d: history P50 %v, want %v", i, p, st.current)
		}
		if tot.Median() < ms(1) || tot.Median() > ms(100) {
			t.Errorf("step %d: whole-run median %v moved with the window", i, tot.Median())
		}
	}
}

// within reports whether got is want or above it by at most the fraction
// rel (a histogram reports the top of a value's bucket).
func within(got, want time.Duration, rel float64) bool {
	return got >= want && float64(got-want) <= rel*float64(want)
}

func TestCurrentRPSFromRecorder(t *testing.T) {
	// Ten requests in every second, the first of each failed. Each tick, at a
	// whole second, comes after the first request of the new second: that
	// second is in progress and left out, so the rate is exactly 10 from the
	// first tick on, however far the run goes.
	r := newRecorder()
	rec := func(sec float64, err string) {
		r.Record(int(sec), stats.Sample{Method: "GET", Name: "/", Duration: ms(5), Err: err, End: at(base + sec)})
	}
	rec(0, "x")
	for sec := range 30 {
		for i := 1; i < 10; i++ {
			rec(float64(sec)+float64(i)/10, "")
		}
		rec(float64(sec+1), "x")
		s := r.Tick(at(base+float64(sec+1)), 1, nil)
		p := s.History[len(s.History)-1]
		if p.RPS != 10 || p.FailPS != 1 {
			t.Fatalf("tick %d: %v rps, %v failures/s; want 10 and 1", sec+1, p.RPS, p.FailPS)
		}
		if n := len(s.Total.Seconds); n > stats.RecentSeconds+1 {
			t.Fatalf("tick %d: %d seconds kept, want at most %d", sec+1, n, stats.RecentSeconds+1)
		}
	}
}
