package stats_test

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestHistoryPoints(t *testing.T) {
	r := newRecorder()
	var s *stats.Snapshot
	for sec := range 5 {
		for i := range 4 {
			smp := stats.Sample{Method: "GET", Name: "/", Duration: ms(float64(10 * (i + 1))), End: at(base + float64(sec) + 0.5)}
			if i == 3 {
				smp.Err = "slow"
			}
			r.Record(i, smp)
		}
		s = r.Tick(at(base+float64(sec+1)), 10*(sec+1), map[string]int{"A": sec + 1})
	}
	if len(s.History) != 5 {
		t.Fatalf("%d points after 5 ticks", len(s.History))
	}
	p := s.History[4]
	want := stats.Point{Time: at(base + 5), Users: 50, RPS: 4, FailPS: 1, Requests: 20, Failures: 5, AvgTime: ms(25)}
	if !p.Time.Equal(want.Time) || p.Users != want.Users || p.RPS != want.RPS || p.FailPS != want.FailPS ||
		p.Requests != want.Requests || p.Failures != want.Failures || p.AvgTime != want.AvgTime {
		t.Errorf("last point %+v\nwant %+v", p, want)
	}
	if !within(p.P50, ms(20), 0.01) || !within(p.P95, ms(40), 0.01) || p.P99 != ms(40) {
		t.Errorf("current percentiles %v %v %v, want 20ms 40ms 40ms", p.P50, p.P95, p.P99)
	}
	if s.Users != 50 || s.UserKinds["A"] != 5 {
		t.Errorf("snapshot users %d %v, want 50 map[A:5]", s.Users, s.UserKinds)
	}
	if s2 := r.Snapshot(at(base + 6)); len(s2.History) != 5 || s2.Users != 50 {
		t.Errorf("Snapshot added history (%d points) or lost the users (%d)", len(s2.History), s2.Users)
	}
}

func TestHistoryBounded(t *testing.T) {
	// Four hours and a half of ticks, then eleven hours: the history stays
	// within MaxHistory points, keeps the first point, the last two hours at
	// one point a second, and time order.
	for _, ticks := range []int{stats.MaxHistory + 1800, 11 * 3600} {
		r := newRecorder()
		var s *stats.Snapshot
		early := (*stats.Snapshot)(nil)
		for i := range ticks {
			if i%1000 == 0 && r.Footprint().HistoryCap > stats.MaxHistory {
				t.Fatalf("history array of %d points after %d ticks", r.Footprint().HistoryCap, i)
			}
			if i == 100 {
				early = r.Snapshot(at(base + 100))
			}
			s = r.Tick(at(base+float64(i)), i, nil)
		}
		h := s.History
		if len(h) > stats.MaxHistory || !h[0].Time.Equal(at(base)) || h[len(h)-1].Users != ticks-1 {
			t.Fatalf("%d ticks: %d points from %v to user %d", ticks, len(h), h[0].Time, h[len(h)-1].Users)
		}
		for i := 1; i < len(h); i++ {
			step := h[i].Time.Sub(h[i-1].Time)
			if step <= 0 || (i >= len(h)-7200 && step != time.Second) {
				t.Fatalf("%d ticks: step %v at point %d of %d", ticks, step, i, len(h))
			}
		}
		for i, p := range early.History {
			if p.Users != i {
				t.Fatalf("an earlier snapshot's history changed: point %d has %d users", i, p.Users)
			}
		}
	}
}
