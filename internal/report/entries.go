package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// sortedEntries returns a copy of the snapshot's entries sorted by name,
// then method, whatever order the snapshot holds them in.
func sortedEntries(s *stats.Snapshot) []*stats.Entry {
	es := slices.Clone(s.Entries)
	stats.SortEntries(es)
	return es
}

// total returns the aggregated entry, or an empty one if the snapshot has
// none.
func total(s *stats.Snapshot) *stats.Entry {
	if s.Total != nil {
		return s.Total
	}
	return &stats.Entry{Key: stats.Key{Name: "Aggregated"}}
}

// microseconds rounds d to whole microseconds, the resolution of gust's
// histograms and of every percentile it reports.
func microseconds(d time.Duration) int64 {
	return int64(d.Round(time.Microsecond) / time.Microsecond)
}

// exactMillis renders d as milliseconds, to the nanosecond, without
// trailing zeros: "4.123", "200", "0.05", "1.322522". Percentiles from the
// histograms are whole microseconds; those clamped to Min or Max are as
// exact as those columns, so that a 100% is never shown above the Max.
func exactMillis(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ns := int64(d)
	s := sign + strconv.FormatInt(ns/1e6, 10)
	if frac := ns % 1e6; frac != 0 {
		s += strings.TrimRight("."+leftPad(frac, 6), "0")
	}
	return s
}

// leftPad writes n with at least width digits.
func leftPad(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	return strings.Repeat("0", max(width-len(s), 0)) + s
}

// millisFloat is d in float milliseconds, to the nanosecond (see
// exactMillis).
func millisFloat(d time.Duration) float64 { return stats.Millis(d) }

// avgMillis is the mean response time in unrounded float milliseconds.
func avgMillis(e *stats.Entry) float64 {
	if e.Timed() <= 0 {
		return 0
	}
	return stats.Millis(e.TotalTime) / float64(e.Timed())
}

// userKinds returns the kinds of user sorted by name, each as "Name: n".
func userKinds(kinds map[string]int) []string {
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	slices.Sort(names)
	out := make([]string, len(names))
	for i, k := range names {
		out[i] = truncate(printable(k), Width/2) + ": " + strconv.Itoa(kinds[k])
	}
	return out
}
