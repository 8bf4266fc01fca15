package stats_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// A test that forgets to group its dynamic URLs keeps bounded memory:
// past MaxNames, new names are counted per method in one entry, and no
// request is lost.
func TestNamesPastTheLimitAreCountedTogether(t *testing.T) {
	rec := stats.NewRecorder()
	const extra = 500
	for i := range stats.MaxNames + extra {
		rec.Record(i, stats.Sample{Method: "GET", Name: "/item?id=" + strconv.Itoa(i), Duration: time.Millisecond})
	}
	rec.Record(7, stats.Sample{Method: "POST", Name: "/new", Duration: time.Millisecond})
	// A name registered before the limit still has its own entry, even in a
	// shard that has not seen it yet.
	for shard := range 64 {
		rec.Record(shard, stats.Sample{Method: "GET", Name: "/item?id=3", Duration: time.Millisecond})
	}
	snap := rec.Snapshot(time.Now())
	other := snap.Entry("GET", stats.OtherNames)
	switch {
	case len(snap.Entries) != stats.MaxNames+2:
		t.Errorf("%d entries, want %d names, GET's other names and POST's", len(snap.Entries), stats.MaxNames+2)
	case other == nil || other.Requests != extra:
		t.Errorf("other names: %+v, want %d requests", other, extra)
	case snap.Entry("POST", stats.OtherNames) == nil:
		t.Error("a new POST name past the limit has no other-names entry of its own method")
	case snap.Entry("GET", "/item?id=3").Requests != 65:
		t.Errorf("/item?id=3 has %d requests, want 65", snap.Entry("GET", "/item?id=3").Requests)
	case snap.Total.Requests != stats.MaxNames+extra+1+64:
		t.Errorf("total %d requests, want every one", snap.Total.Requests)
	}
	rec.Reset(time.Now())
	rec.Record(0, stats.Sample{Method: "GET", Name: "/after-reset", Duration: time.Millisecond})
	if e := rec.Snapshot(time.Now()).Entry("GET", "/after-reset"); e == nil || e.Requests != 1 {
		t.Errorf("after Reset a new name has entry %+v, want its own", e)
	}
}

func TestMergePastTheLimit(t *testing.T) {
	worker := stats.NewRecorder()
	for i := range stats.MaxNames + 10 {
		worker.Record(i, stats.Sample{Method: "GET", Name: "/u/" + strconv.Itoa(i), Duration: time.Millisecond})
	}
	master := stats.NewRecorder()
	master.Record(0, stats.Sample{Method: "GET", Name: "/own", Duration: time.Millisecond})
	master.Merge(worker.Drain(time.Now()))
	snap := master.Snapshot(time.Now())
	if len(snap.Entries) != stats.MaxNames+1 || snap.Total.Requests != stats.MaxNames+11 {
		t.Fatalf("%d entries, %d requests; want %d entries and every request", len(snap.Entries), snap.Total.Requests,
			stats.MaxNames+1)
	}
	if other := snap.Entry("GET", stats.OtherNames); other == nil || other.Requests != 11 {
		t.Errorf("other names %+v, want the 11 requests past the limit", other)
	}
}
