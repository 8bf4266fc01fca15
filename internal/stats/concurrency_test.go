package stats_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// hammer records perUser samples from each of users goroutines (every 10th
// a failure) while read is called up to 50 times; it returns once all are
// recorded and read has returned for the last time.
func hammer(t *testing.T, r *stats.Recorder, users, perUser int, read func(i int)) {
	t.Helper()
	var wg sync.WaitGroup
	done := make(chan struct{})
	for u := range users {
		wg.Go(func() {
			for i := range perUser {
				s := stats.Sample{Method: "GET", Name: fmt.Sprint("/", i%5), Duration: time.Duration(i%300) * time.Millisecond,
					Size: 10, End: at(base + float64(i)/float64(perUser)*20)}
				if i%10 == 0 {
					s.Err = "HTTP 500"
				}
				r.Record(u, s)
			}
		})
	}
	var reader sync.WaitGroup
	reader.Go(func() {
		for i := range 50 {
			select {
			case <-done:
				return
			default:
				read(i)
			}
		}
	})
	wg.Wait()
	close(done)
	reader.Wait()
}

func TestConcurrentRecordingIsExact(t *testing.T) {
	const users, perUser = 16, 5000
	r := newRecorder()
	hammer(t, r, users, perUser, func(i int) {
		var s *stats.Snapshot
		if i%2 == 0 {
			s = r.Tick(at(base+float64(i)), users, nil)
		} else {
			s = r.Snapshot(at(base + 20))
		}
		sumOfEntries(t, s) // consistent even while recording goes on
	})
	s := r.Snapshot(at(base + 21))
	if s.Total.Requests != users*perUser || s.Total.Hist.TotalCount() != users*perUser {
		t.Errorf("total %d requests, %d in the histogram; want %d", s.Total.Requests, s.Total.Hist.TotalCount(), users*perUser)
	}
	if s.Total.Failures != users*perUser/10 || s.Total.ContentLength != 10*users*perUser {
		t.Errorf("failures %d, size %d; want %d, %d", s.Total.Failures, s.Total.ContentLength, users*perUser/10, 10*users*perUser)
	}
	if len(s.Errors) != 1 || s.Errors[0].Occurrences != users*perUser/10 {
		t.Errorf("errors %v, want one row of %d", errorRows(s), users*perUser/10)
	}
	for _, e := range s.Entries {
		if e.Requests != users*perUser/5 {
			t.Errorf("%s: %d requests, want %d", e.Name, e.Requests, users*perUser/5)
		}
	}
	sumOfEntries(t, s)
}

func TestConcurrentDrainsLoseNothing(t *testing.T) {
	const users, perUser = 8, 5000
	worker, master := newRecorder(), newRecorder()
	hammer(t, worker, users, perUser, func(i int) {
		d := worker.Drain(at(base + float64(i)))
		sumOfEntries(t, d)
		master.Merge(d)
	})
	master.Merge(worker.Drain(at(base + 30)))
	s := master.Snapshot(at(base + 21))
	if s.Total.Requests != users*perUser || s.Total.Hist.TotalCount() != users*perUser || s.Total.Failures != users*perUser/10 {
		t.Errorf("master has %d requests (%d timed), %d failures; want %d, %d", s.Total.Requests,
			s.Total.Hist.TotalCount(), s.Total.Failures, users*perUser, users*perUser/10)
	}
	if len(s.Errors) != 1 || s.Errors[0].Occurrences != users*perUser/10 {
		t.Errorf("errors %v, want one row of %d", errorRows(s), users*perUser/10)
	}
	sumOfEntries(t, s)
}
