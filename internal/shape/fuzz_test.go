package shape_test

import (
	"math"
	"slices"
	"testing"

	"github.com/gustload/gust/internal/shape"
)

// FuzzParseStages checks that ParseStages never panics, that what it accepts
// round-trips through String, and that Tick answers within the stages.
func FuzzParseStages(f *testing.F) {
	for _, s := range []string{"1m:100:10,5m:100,1m:0", "30s:0,1m:10", "1s:1", "0s:1", "1m", "", ",", "1m:1:0", "1h0m0s:1:1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := shape.ParseStages(s)
		if err != nil {
			return
		}
		again, err := shape.ParseStages(st.String())
		if err != nil || !slices.Equal(again, st) {
			t.Fatalf("ParseStages(%q) = %v; its String %q parses to %v, %v", s, st, st.String(), again, err)
		}
		for _, e := range []int64{0, int64(st.Total()) / 2, int64(st.Total()) - 1} {
			users, rate, ok := st.Tick(timeOf(e))
			if !ok || users < 0 || !(rate >= 0) || math.IsInf(rate, 0) {
				t.Fatalf("%q Tick(%d) = %d, %g, %v", s, e, users, rate, ok)
			}
		}
		if _, _, ok := st.Tick(st.Total()); ok {
			t.Fatalf("%q Tick(Total()) ok = true, want the end", s)
		}
	})
}

// FuzzParseRateStages checks that ParseRateStages never panics, that what
// it accepts round-trips through String, and that its schedule is sane:
// rates finite and non-negative, due times in order and within the test.
func FuzzParseRateStages(f *testing.F) {
	for _, s := range []string{"30s:100,1m:500,30s:0", "0s:500,5m:500", "1m:30/m", "10s:0,10s:100", "1ns:1e9", "", "0s:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := shape.ParseRateStages(s)
		if err != nil {
			return
		}
		again, err := shape.ParseRateStages(rs.String())
		if err != nil || !slices.Equal(again, rs) {
			t.Fatalf("ParseRateStages(%q) = %v; its String %q parses to %v, %v", s, rs, rs.String(), again, err)
		}
		for _, e := range []int64{0, int64(rs.Total()) / 2, int64(rs.Total()) - 1} {
			r, ok := rs.RateAt(timeOf(e))
			if !ok || !(r >= 0) || math.IsInf(r, 0) {
				t.Fatalf("%q RateAt(%d) = %g, %v", s, e, r, ok)
			}
		}
		checkSchedule(t, s, rs)
	})
}

// checkSchedule checks the first due times of rs are in order and within
// the test.
func checkSchedule(t *testing.T, s string, rs shape.RateStages) {
	prev := timeOf(0)
	for n := int64(0); n < 64; n++ {
		at, ok := rs.Due(n)
		if !ok {
			return
		}
		if at < prev || at > rs.Total() {
			t.Fatalf("%q Due(%d) = %v after %v, total %v", s, n, at, prev, rs.Total())
		}
		prev = at
	}
}
