package report

import (
	"io"
	"strconv"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// statsColumns are the number line of the request statistics table; their
// widths add up to exactly Width.
var statsColumns = []column{
	{"# reqs", 7}, {"# fails", 14},
	{"Med", 6}, {"95%", 6}, {"99%", 6}, {"Avg", 6}, {"Min", 6}, {"Max", 6},
	{"Avg size", 9}, {"req/s", 7}, {"fail/s", 7},
}

// noValue stands in a console cell for a value that does not exist yet, such
// as the median of an entry without a timed request.
const noValue = "-"

// WriteTable writes the request statistics table of s to w: for each entry a
// line with its Type and Name and a line with # reqs, # fails (with their
// percentage), Med, 95%, 99%, Avg, Min, Max, Avg size, req/s and fail/s;
// then the Aggregated entry, the running users and, for an arrival-rate
// test, how it keeps its schedule. Every line fits in Width columns.
//
// While the test runs (final false) req/s and fail/s are the current rates,
// over the last complete seconds; in the final summary (final true) they are
// whole-run averages.
func WriteTable(w io.Writer, s *stats.Snapshot, final bool) {
	Console{}.writeTable(w, s, final, sortedEntries(s), "")
}

// writeTable writes the statistics table of entries es of s, with the line
// more after them when it is not empty.
func (c Console) writeTable(w io.Writer, s *stats.Snapshot, final bool, es []*stats.Entry, more string) {
	t := newTable(statsColumns, c.Width)
	t.more = more
	t.entriesOf(s, es, func(e *stats.Entry) []string { return statsCells(s, e, final) })
	writeUsers(t, s)
	writeArrival(t, s.Arrival)
	t.flush(w)
}

// statsCells are the cells of an entry's number line.
func statsCells(s *stats.Snapshot, e *stats.Entry, final bool) []string {
	fails := formatPercent(e.Failures, e.Requests)
	fails = formatCount(e.Failures, 13-2-len(fails)) + "(" + fails + ")"
	rps, fps := e.CurrentRPS(s.Time), e.CurrentFailPerSec(s.Time)
	if final {
		rps, fps = e.TotalRPS(), e.TotalFailPerSec()
	}
	size := noValue
	if e.Requests > 0 {
		size = formatSize(e.AvgSize())
	}
	cells := []string{formatCount(e.Requests, 7), fails}
	cells = append(cells, durationCells(e, e.Median(), e.Percentile(0.95), e.Percentile(0.99), e.Avg(), e.Min, e.Max)...)
	return append(cells, size, formatRate(rps), formatRate(fps))
}

// durationCells formats response times, or dashes if e has no timed request.
func durationCells(e *stats.Entry, ds ...time.Duration) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = noValue
		if e.Timed() > 0 {
			out[i] = formatDuration(d)
		}
	}
	return out
}

// writeUsers writes "users: N (Kind: n, ...)", wrapped to Width.
func writeUsers(t *table, s *stats.Snapshot) {
	head := "users: " + strconv.Itoa(s.Users)
	kinds := userKinds(s.UserKinds)
	if len(kinds) == 0 {
		t.line(head)
		return
	}
	kinds[len(kinds)-1] += ")"
	t.wrapList(head+" (", kinds)
}

// percentileColumns are the number line of the percentile table.
func percentileColumns() []column {
	cols := make([]column, 0, len(stats.Percentiles)+1)
	for _, q := range stats.Percentiles {
		l := percentileLabel(q)
		cols = append(cols, column{l, max(6, len(l)+1)})
	}
	return append(cols, column{"# reqs", 8})
}

// WritePercentiles writes the "Response time percentiles" table of s to w:
// for each entry, and then the Aggregated one, the whole run's response time
// at each of stats.Percentiles and the number of requests.
func WritePercentiles(w io.Writer, s *stats.Snapshot) {
	Console{}.writePercentiles(w, s)
}

func (c Console) writePercentiles(w io.Writer, s *stats.Snapshot) {
	t := newTable(percentileColumns(), c.Width)
	t.title("Response time percentiles")
	t.entries(s, func(e *stats.Entry) []string {
		ds := make([]time.Duration, len(stats.Percentiles))
		for i, q := range stats.Percentiles {
			ds[i] = e.Percentile(q)
		}
		return append(durationCells(e, ds...), formatCount(e.Requests, 7))
	})
	t.flush(w)
}

// WriteSummary writes the final summary of a run: the request statistics
// table with whole-run rates, the percentiles, the percentiles corrected for
// coordinated omission when there are any, and the failures and exceptions
// if there were any, separated by blank lines.
func WriteSummary(w io.Writer, s *stats.Snapshot) {
	Console{}.WriteSummary(w, s)
}

// WriteSummary is the package's WriteSummary laid out for c: every entry is
// shown, whatever c.MaxRows says.
func (c Console) WriteSummary(w io.Writer, s *stats.Snapshot) {
	c.writeTable(w, s, true, sortedEntries(s), "")
	_, _ = io.WriteString(w, "\n")
	c.writePercentiles(w, s)
	if total(s).HasCorrected() {
		_, _ = io.WriteString(w, "\n")
		c.writeCorrected(w, s)
	}
	if len(s.Errors) > 0 {
		_, _ = io.WriteString(w, "\n")
		WriteFailures(w, s)
	}
	if total(s).Interrupted > 0 {
		_, _ = io.WriteString(w, "\n")
		WriteInterrupted(w, s)
	}
	if len(s.Exceptions) > 0 {
		_, _ = io.WriteString(w, "\n")
		WriteExceptions(w, s)
	}
}
