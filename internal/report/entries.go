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

// exactMillis renders d, rounded to the microsecond, as milliseconds without
// trailing zeros: "4.123", "200", "0.05".
func exactMillis(d time.Duration) string {
	us := microseconds(d)
	sign := ""
	if us < 0 {
		sign, us = "-", -us
	}
	s := sign + strconv.FormatInt(us/1000, 10)
	if frac := us % 1000; frac != 0 {
		s += strings.TrimRight("."+leftPad3(frac), "0")
	}
	return s
}

func leftPad3(n int64) string {
	s := strconv.FormatInt(n, 10)
	return strings.Repeat("0", 3-len(s)) + s
}

// millisRounded is d rounded to the microsecond, in float milliseconds.
func millisRounded(d time.Duration) float64 {
	return float64(microseconds(d)) / 1000
}

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
