package metrics

import (
	"slices"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestBucketCounts(t *testing.T) {
	e := &stats.Entry{Hist: stats.NewHistogram()}
	for _, d := range []time.Duration{500 * time.Microsecond, time.Millisecond, 3 * time.Millisecond,
		70 * time.Millisecond, 70 * time.Millisecond, 2 * time.Second, 100 * time.Second} {
		_ = e.Hist.RecordValue(d.Microseconds())
	}
	got := bucketCounts(e)
	// le: 0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 30 60 +Inf
	want := []int64{2, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1}
	if !slices.Equal(got, want) {
		t.Errorf("bucketCounts = %v, want %v", got, want)
	}
	if got := bucketCounts(&stats.Entry{}); len(got) != len(LatencyBuckets)+1 || slices.Max(got) != 0 {
		t.Errorf("empty entry: %v", got)
	}
}
