package wire

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// Requests cut short by the end of the test reach the master, per entry,
// in gust's extra key; an entry with only those still travels.
func TestInterruptedCrossesTheWire(t *testing.T) {
	rec := stats.NewRecorder()
	rec.Record(0, stats.Sample{Method: "GET", Name: "/a", Duration: time.Millisecond, End: t0})
	rec.Record(0, stats.Sample{Method: "GET", Name: "/a", Interrupted: true, End: t0})
	rec.Record(0, stats.Sample{Method: "GET", Name: "/hung", Interrupted: true, End: t0})
	rec.Record(1, stats.Sample{Method: "GET", Name: "/hung", Interrupted: true, End: t0})
	got := viaWire(t, rec.Drain(t0.Add(time.Second)), false)
	want := map[string]int64{"/a": 1, "/hung": 2}
	for _, e := range got.Entries {
		if e.Interrupted != want[e.Name] {
			t.Errorf("%s: %d interrupted, want %d", e.Name, e.Interrupted, want[e.Name])
		}
		delete(want, e.Name)
	}
	if len(want) != 0 {
		t.Errorf("entries missing after the wire: %v", want)
	}
	master := stats.NewRecorder()
	master.Merge(got)
	if s := master.Snapshot(t0.Add(time.Second)); s.Total.Interrupted != 3 || s.Total.Requests != 1 {
		t.Errorf("the master's total: %d interrupted, %d requests; want 3 and 1", s.Total.Interrupted, s.Total.Requests)
	}
}
