package stats_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/gustload/gust/internal/stats"
)

func TestErrorsGrouped(t *testing.T) {
	r := newRecorder()
	fails := []struct {
		method, name, err string
		sec               float64
	}{
		{"GET", "/a", "HTTP 500", 3},
		{"GET", "/a", "HTTP 500", 1},
		{"GET", "/a", "HTTP 500", 2},
		{"GET", "/b", "HTTP 500", 1},
		{"POST", "/a", "HTTP 500", 1},
		{"GET", "/a", "timeout", 4},
		{"GET", "/a", "timeout", 5},
	}
	for i, f := range fails {
		r.Record(i, stats.Sample{Method: f.method, Name: f.name, Err: f.err, Duration: ms(1), End: at(base + f.sec)})
	}
	r.Record(0, stats.Sample{Method: "GET", Name: "/a", Duration: ms(1), End: at(base + 9)}) // a success
	got := errorRows(r.Snapshot(at(base + 10)))
	want := []string{
		fmt.Sprintf("GET /a %q x3 %d..%d", "HTTP 500", at(base+1).UnixNano(), at(base+3).UnixNano()),
		fmt.Sprintf("GET /a %q x2 %d..%d", "timeout", at(base+4).UnixNano(), at(base+5).UnixNano()),
		fmt.Sprintf("POST /a %q x1 %d..%d", "HTTP 500", at(base+1).UnixNano(), at(base+1).UnixNano()),
		fmt.Sprintf("GET /b %q x1 %d..%d", "HTTP 500", at(base+1).UnixNano(), at(base+1).UnixNano()),
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors\n%v\nwant\n%v", got, want)
	}
}

func TestErrorsBounded(t *testing.T) {
	cases := []struct {
		name     string
		distinct int
		shards   int // spread over this many shard indexes
	}{
		{"under the limit", stats.MaxErrors, 3},
		{"over, one shard", stats.MaxErrors + 500, 1},
		{"over, many shards", 3 * stats.MaxErrors, 64},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder()
			for round := range 2 {
				for i := range tc.distinct {
					r.Record(i%tc.shards, stats.Sample{Method: "GET", Name: "/", Err: fmt.Sprint("id ", i), End: at(base + 1)})
				}
				r.Tick(at(base+float64(2+round)), 1, nil) // fold twice: kinds already known, or not
			}
			s := r.Snapshot(at(base + 5))
			var sum int64
			for _, e := range s.Errors {
				sum += e.Occurrences
			}
			if sum != int64(2*tc.distinct) || s.Total.Failures != sum {
				t.Errorf("occurrences add to %d, failures %d; want %d", sum, s.Total.Failures, 2*tc.distinct)
			}
			wantRows, other := tc.distinct, false
			if tc.distinct > stats.MaxErrors {
				wantRows, other = stats.MaxErrors+1, true
			}
			if len(s.Errors) != wantRows || hasOther(s) != other {
				t.Errorf("%d rows (other row: %v), want %d (%v)", len(s.Errors), hasOther(s), wantRows, other)
			}
			if f := r.Footprint(); f.ErrorRows > stats.MaxErrors || f.ShardErrors > r.ShardCount()*(stats.MaxErrors+1) {
				t.Errorf("error tables grew past their bound: %+v", f)
			}
		})
	}
}

func hasOther(s *stats.Snapshot) bool {
	for _, e := range s.Errors {
		if e.Error == stats.OtherErrors {
			return true
		}
	}
	return false
}

func TestExceptions(t *testing.T) {
	r := newRecorder()
	r.Exception("index out of range", "tb-1", "local")
	r.Exception("nil map", "tb-2", "w2")
	r.Exception("index out of range [3]", "tb-1", "w1")
	r.Exception("index out of range", "tb-1", "local")
	got := exceptionRows(r.Snapshot(at(base)))
	want := []string{
		`"index out of range" "tb-1" x3 [local w1]`,
		`"nil map" "tb-2" x1 [w2]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("exceptions\n%v\nwant\n%v", got, want)
	}
}

func TestExceptionsBounded(t *testing.T) {
	r := newRecorder()
	for i := range stats.MaxExceptions + 10 {
		r.Exception("boom", fmt.Sprint("tb ", i), "local")
	}
	s := r.Snapshot(at(base))
	last := s.Exceptions[len(s.Exceptions)-1]
	if len(s.Exceptions) != stats.MaxExceptions+1 || s.Exceptions[0].Traceback != stats.OtherExceptions || s.Exceptions[0].Count != 10 {
		t.Errorf("%d rows, first %q x%d, last %q; want %d, the other row x10 first",
			len(s.Exceptions), s.Exceptions[0].Traceback, s.Exceptions[0].Count, last.Traceback, stats.MaxExceptions+1)
	}
}
