package wire

import (
	"fmt"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// sameCorrected reports how the corrected response times of two entries
// differ, or "" when they are the same.
func sameCorrected(got, want *stats.Entry) string {
	name := want.Method + " " + want.Name
	switch {
	case got.HasCorrected() != want.HasCorrected():
		return fmt.Sprintf("%s: HasCorrected = %v, want %v", name, got.HasCorrected(), want.HasCorrected())
	case got.CorrectedMax != want.CorrectedMax:
		return fmt.Sprintf("%s: CorrectedMax = %v, want %v", name, got.CorrectedMax, want.CorrectedMax)
	case want.HasCorrected() && got.Corrected.TotalCount() != want.Corrected.TotalCount():
		return fmt.Sprintf("%s: %d corrected samples, want %d", name, got.Corrected.TotalCount(), want.Corrected.TotalCount())
	}
	for _, q := range stats.Percentiles {
		if a, b := got.CorrectedPercentile(q), want.CorrectedPercentile(q); a != b {
			return fmt.Sprintf("%s: corrected p%g = %v, want %v", name, q*100, a, b)
		}
	}
	return ""
}

// Corrected response times cross the wire exactly, on both of a master's
// ways of reading a report; from a Locust worker (no gust keys) there are
// none.
func TestCorrectedRoundTrip(t *testing.T) {
	delta := recordSome(t, 5).Drain(t0.Add(4 * time.Second))
	if !delta.Total.HasCorrected() {
		t.Fatal("the recorded delta has no corrected response times")
	}
	for _, locust := range []bool{false, true} {
		got := viaWire(t, delta, locust)
		for i, want := range append(delta.Entries, delta.Total) {
			g := got.Total
			if i < len(got.Entries) {
				g = got.Entries[i]
			}
			if locust {
				want = &stats.Entry{Key: want.Key}
			}
			if d := sameCorrected(g, want); d != "" {
				t.Errorf("locust=%v: %s", locust, d)
			}
		}
	}
}

// An entry without corrected response times has no corrected keys on the
// wire; one with them has both.
func TestCorrectedKeysOnlyWhenCorrected(t *testing.T) {
	r := NewStatsReport(recordSome(t, 6).Drain(t0.Add(4 * time.Second)))
	for _, e := range append(r.Stats, r.Total) {
		w := newWriter()
		e.encode(w)
		v, err := newReader(w.buf.Bytes()).value(0)
		if err != nil {
			t.Fatal(err)
		}
		m := v.(map[any]any)
		_, hdr := m["gust_corrected_hdr"]
		_, top := m["gust_corrected_max"]
		want := e.Name == "/slow" || e.Name == stats.TotalName
		if hdr != want || top != want {
			t.Errorf("%s: gust_corrected_hdr %v, gust_corrected_max %v; want both %v", e.Name, hdr, top, want)
		}
	}
}
