package stats_test

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// base is the start of every recorded test run.
const base = 1_700_000_000

// ms is a shorthand for durations in the tables.
func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

// newRecorder returns a recorder started at base.
func newRecorder() *stats.Recorder {
	r := stats.NewRecorder()
	r.Reset(at(base))
	return r
}

// sameEntry reports how two entries differ, or "" when they are equal.
func sameEntry(a, b *stats.Entry) string {
	switch {
	case a == nil || b == nil:
		return fmt.Sprintf("missing entry: %v vs %v", a, b)
	case a.Key != b.Key:
		return fmt.Sprintf("key %v vs %v", a.Key, b.Key)
	case a.Requests != b.Requests || a.Failures != b.Failures || a.NoTime != b.NoTime:
		return fmt.Sprintf("%v: counts %d/%d/%d vs %d/%d/%d", a.Key,
			a.Requests, a.Failures, a.NoTime, b.Requests, b.Failures, b.NoTime)
	case a.TotalTime != b.TotalTime || a.Min != b.Min || a.Max != b.Max || a.ContentLength != b.ContentLength:
		return fmt.Sprintf("%v: times or size differ: %+v vs %+v", a.Key, a, b)
	case !a.First.Equal(b.First) || !a.Last.Equal(b.Last):
		return fmt.Sprintf("%v: span %v..%v vs %v..%v", a.Key, a.First, a.Last, b.First, b.Last)
	case !a.Hist.Equals(b.Hist):
		return fmt.Sprintf("%v: histograms differ", a.Key)
	case a.HasCorrected() != b.HasCorrected() || a.HasCorrected() && !a.Corrected.Equals(b.Corrected):
		return fmt.Sprintf("%v: corrected histograms differ", a.Key)
	case a.CorrectedMax != b.CorrectedMax:
		return fmt.Sprintf("%v: corrected max %v vs %v", a.Key, a.CorrectedMax, b.CorrectedMax)
	case !maps.Equal(a.Seconds, b.Seconds):
		return fmt.Sprintf("%v: seconds %v vs %v", a.Key, a.Seconds, b.Seconds)
	}
	for _, q := range stats.Percentiles {
		if a.Percentile(q) != b.Percentile(q) {
			return fmt.Sprintf("%v: p%v %v vs %v", a.Key, q, a.Percentile(q), b.Percentile(q))
		}
		if a.CorrectedPercentile(q) != b.CorrectedPercentile(q) {
			return fmt.Sprintf("%v: corrected p%v %v vs %v", a.Key, q, a.CorrectedPercentile(q), b.CorrectedPercentile(q))
		}
	}
	return ""
}

// sameSnapshot fails t where two snapshots' entries, totals, errors or
// exceptions differ.
func sameSnapshot(t *testing.T, a, b *stats.Snapshot) {
	t.Helper()
	if len(a.Entries) != len(b.Entries) {
		t.Fatalf("%d entries vs %d", len(a.Entries), len(b.Entries))
	}
	for i := range a.Entries {
		if d := sameEntry(a.Entries[i], b.Entries[i]); d != "" {
			t.Error(d)
		}
	}
	if d := sameEntry(a.Total, b.Total); d != "" {
		t.Error("total:", d)
	}
	if got, want := fmt.Sprint(errorRows(a)), fmt.Sprint(errorRows(b)); got != want {
		t.Errorf("errors\n%s\nvs\n%s", got, want)
	}
	if got, want := fmt.Sprint(exceptionRows(a)), fmt.Sprint(exceptionRows(b)); got != want {
		t.Errorf("exceptions\n%s\nvs\n%s", got, want)
	}
}

func errorRows(s *stats.Snapshot) []string {
	var out []string
	for _, e := range s.Errors {
		out = append(out, fmt.Sprintf("%s %s %q x%d %d..%d", e.Method, e.Name, e.Error,
			e.Occurrences, e.FirstSeen.UnixNano(), e.LastSeen.UnixNano()))
	}
	return out
}

func exceptionRows(s *stats.Snapshot) []string {
	var out []string
	for _, x := range s.Exceptions {
		out = append(out, fmt.Sprintf("%q %q x%d %v", x.Message, x.Traceback, x.Count, x.Nodes))
	}
	return out
}

// sumOfEntries checks that the total of s is exactly the sum of its entries.
func sumOfEntries(t *testing.T, s *stats.Snapshot) {
	t.Helper()
	sum := &stats.Entry{Key: s.Total.Key, Hist: stats.NewHistogram(), Seconds: map[int64]stats.Count{}}
	for i, e := range s.Entries {
		sum.Requests += e.Requests
		sum.Failures += e.Failures
		sum.NoTime += e.NoTime
		sum.TotalTime += e.TotalTime
		sum.ContentLength += e.ContentLength
		if e.Timed() > 0 && (sum.Timed() == e.Timed() || e.Min < sum.Min) {
			sum.Min = e.Min // the first timed entry, or a lower min
		}
		sum.Max = max(sum.Max, e.Max)
		sum.Hist.Merge(e.Hist)
		if e.HasCorrected() {
			if sum.Corrected == nil {
				sum.Corrected = stats.NewHistogram()
			}
			sum.Corrected.Merge(e.Corrected)
			sum.CorrectedMax = max(sum.CorrectedMax, e.CorrectedMax)
		}
		for sec, c := range e.Seconds {
			old := sum.Seconds[sec]
			sum.Seconds[sec] = stats.Count{Requests: old.Requests + c.Requests, Failures: old.Failures + c.Failures}
		}
		if i == 0 || e.First.Before(sum.First) {
			sum.First = e.First
		}
		if e.Last.After(sum.Last) {
			sum.Last = e.Last
		}
	}
	if d := sameEntry(sum, s.Total); d != "" {
		t.Errorf("total is not the sum of the entries: %s", d)
	}
}
