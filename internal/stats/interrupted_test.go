package stats

import (
	"testing"
	"time"
)

func TestInterruptedIsNeitherARequestNorAFailure(t *testing.T) {
	r := NewRecorder()
	r.Record(0, Sample{Method: "GET", Name: "/a", Duration: time.Millisecond})
	r.Record(1, Sample{Method: "GET", Name: "/a", Interrupted: true, Err: "context canceled"})
	r.Record(2, Sample{Method: "GET", Name: "/b", Interrupted: true})
	s := r.Snapshot(time.Now())
	for _, tc := range []struct {
		name                  string
		e                     *Entry
		requests, interrupted int64
	}{
		{"/a", s.Entry("GET", "/a"), 1, 1},
		{"/b", s.Entry("GET", "/b"), 0, 1},
		{"total", s.Total, 1, 2},
	} {
		if tc.e == nil {
			t.Fatalf("%s: no entry", tc.name)
		}
		if tc.e.Requests != tc.requests || tc.e.Failures != 0 || tc.e.Interrupted != tc.interrupted {
			t.Errorf("%s: %d requests, %d failures, %d interrupted; want %d, 0, %d",
				tc.name, tc.e.Requests, tc.e.Failures, tc.e.Interrupted, tc.requests, tc.interrupted)
		}
	}
	if len(s.Errors) != 0 {
		t.Errorf("an interrupted request made a failure row: %+v", s.Errors[0])
	}
}

func TestInterruptedSurvivesDrainAndMerge(t *testing.T) {
	worker, master := NewRecorder(), NewRecorder()
	worker.Record(0, Sample{Method: "GET", Name: "/a", Interrupted: true})
	master.Merge(worker.Drain(time.Now()))
	s := master.Snapshot(time.Now())
	if e := s.Entry("GET", "/a"); e == nil || e.Interrupted != 1 || s.Total.Interrupted != 1 {
		t.Errorf("after a merge: entry %+v, total %d interrupted; want 1 and 1", e, s.Total.Interrupted)
	}
}

func TestASetupHasItsRowButIsNotInTheTotal(t *testing.T) {
	r := NewRecorder()
	r.Record(0, Sample{Method: "GET", Name: "/", Duration: time.Millisecond})
	r.Record(0, Sample{Method: "CONNECT", Name: "127.0.0.1:80", Duration: 3 * time.Millisecond})
	s := r.Snapshot(time.Now())
	if e := s.Entry("CONNECT", "127.0.0.1:80"); e == nil || e.Requests != 1 || e.Max != 3*time.Millisecond {
		t.Fatalf("CONNECT row %+v, want one of 3ms", e)
	}
	if s.Total.Requests != 1 || s.Total.Max != time.Millisecond {
		t.Errorf("total: %d requests, max %v; want the GET alone", s.Total.Requests, s.Total.Max)
	}
}

func TestAMergedSetupIsNotInTheTotal(t *testing.T) {
	worker, master := NewRecorder(), NewRecorder()
	worker.Record(0, Sample{Method: "GET", Name: "/", Duration: time.Millisecond})
	worker.Record(0, Sample{Method: MethodTLS, Name: "127.0.0.1:443", Duration: time.Millisecond})
	master.Merge(worker.Drain(time.Now()))
	if s := master.Snapshot(time.Now()); s.Total.Requests != 1 || s.Entry(MethodTLS, "127.0.0.1:443") == nil {
		t.Errorf("after a merge: total %d requests, TLS row %v; want 1 and a row", s.Total.Requests, s.Entry(MethodTLS, "127.0.0.1:443"))
	}
}
