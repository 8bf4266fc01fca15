package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// CSV in Locust's columns (the same headers, cells in the same units), so that
// scripts written for Locust's --csv files read gust's unchanged. Lines end in
// CRLF, as Python's csv module writes them.

// notAvailable is the cell of a percentile that has no sample, as in Locust.
const notAvailable = "N/A"

// seenLayout is how First Seen and Last Seen are written (UTC), as in Locust.
const seenLayout = "2006-01-02T15:04:05Z"

// StatsHeader returns the header of the _stats.csv file.
func StatsHeader() []string {
	h := []string{"Type", "Name", "Request Count", "Failure Count",
		"Median Response Time", "Average Response Time", "Min Response Time",
		"Max Response Time", "Average Content Size", "Requests/s", "Failures/s"}
	return append(h, percentileLabels()...)
}

// HistoryHeader returns the header of the _stats_history.csv file.
func HistoryHeader() []string {
	h := []string{"Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s"}
	h = append(h, percentileLabels()...)
	return append(h, "Total Request Count", "Total Failure Count",
		"Total Median Response Time", "Total Average Response Time",
		"Total Min Response Time", "Total Max Response Time",
		"Total Average Content Size")
}

// FailuresHeader returns the header of the _failures.csv file: Locust's
// current one, with First Seen and Last Seen (Locust 2.12.1 had only the
// first four columns).
func FailuresHeader() []string {
	return []string{"Method", "Name", "Error", "Occurrences", "First Seen", "Last Seen"}
}

// ExceptionsHeader returns the header of the _exceptions.csv file.
func ExceptionsHeader() []string {
	return []string{"Count", "Message", "Traceback", "Nodes"}
}

func percentileLabels() []string {
	out := make([]string, len(stats.Percentiles))
	for i, q := range stats.Percentiles {
		out[i] = percentileLabel(q)
	}
	return out
}

// WriteStatsCSV writes the _stats.csv content of s: the header, a row per
// entry sorted by name then method, and the Aggregated row last. Requests/s
// and Failures/s are whole-run averages; times are in milliseconds.
func WriteStatsCSV(w io.Writer, s *stats.Snapshot) error {
	return writeCSV(w, StatsHeader(), func(cw *csv.Writer) {
		for _, e := range sortedEntries(s) {
			_ = cw.Write(statsRow(e.Method, e))
		}
		_ = cw.Write(statsRow("", total(s)))
	})
}

func statsRow(typ string, e *stats.Entry) []string {
	row := []string{typ, e.Name, integer(e.Requests), integer(e.Failures), medianCell(e)}
	row = append(row, averageCells(e)...)
	row = append(row, pyFloat(e.TotalRPS()), pyFloat(e.TotalFailPerSec()))
	return append(row, percentileCells(e, false)...)
}

// averageCells are the average, min and max response times and the
// average size, in Locust's forms: floats ("110.0"), and 0 for a min, max
// or size that has no request to come from.
func averageCells(e *stats.Entry) []string {
	minMax := []string{"0", "0"}
	if e.Timed() > 0 {
		minMax = []string{pyFloat(stats.Millis(e.Min)), pyFloat(stats.Millis(e.Max))}
	}
	size := "0"
	if e.Requests > 0 {
		size = pyFloat(e.AvgSize())
	}
	return []string{pyFloat(avgMillis(e)), minMax[0], minMax[1], size}
}

// WriteHistoryHeader writes the header line of the _stats_history.csv file.
func WriteHistoryHeader(w io.Writer) error {
	return writeCSV(w, HistoryHeader(), func(*csv.Writer) {})
}

// WriteHistoryRows writes the history rows of one snapshot, without header.
// Without full history that is the Aggregated row, with whole-run
// percentiles; with full history it is a row per entry and then the
// Aggregated one, with the percentiles of the recent window, as Locust's
// --csv-full-history does. Requests/s and Failures/s are current rates.
func WriteHistoryRows(w io.Writer, s *stats.Snapshot, full bool) error {
	return writeCSV(w, nil, func(cw *csv.Writer) {
		if full {
			for _, e := range sortedEntries(s) {
				_ = cw.Write(historyRow(s, e.Method, e, true))
			}
		}
		_ = cw.Write(historyRow(s, "", total(s), full))
	})
}

func historyRow(s *stats.Snapshot, typ string, e *stats.Entry, current bool) []string {
	row := []string{integer(s.Time.Unix()), strconv.Itoa(s.Users), typ, e.Name,
		fixed(e.CurrentRPS(s.Time), 6), fixed(e.CurrentFailPerSec(s.Time), 6)}
	row = append(row, percentileCells(e, current)...)
	row = append(row, integer(e.Requests), integer(e.Failures), medianCell(e))
	return append(row, averageCells(e)...)
}

// WriteFailuresCSV writes the _failures.csv content of s, in the snapshot's
// order (most occurrences first).
func WriteFailuresCSV(w io.Writer, s *stats.Snapshot) error {
	return writeCSV(w, FailuresHeader(), func(cw *csv.Writer) {
		for _, e := range s.Errors {
			_ = cw.Write([]string{e.Method, e.Name, e.Error, integer(e.Occurrences),
				seen(e.FirstSeen), seen(e.LastSeen)})
		}
	})
}

// WriteExceptionsCSV writes the _exceptions.csv content of s, in the
// snapshot's order (most frequent first), nodes joined with ", ".
func WriteExceptionsCSV(w io.Writer, s *stats.Snapshot) error {
	return writeCSV(w, ExceptionsHeader(), func(cw *csv.Writer) {
		for _, e := range s.Exceptions {
			_ = cw.Write([]string{integer(e.Count), e.Message, e.Traceback,
				strings.Join(e.Nodes, ", ")})
		}
	})
}

// writeCSV writes header (if any) and the rows that rows writes, and returns
// the first error met.
func writeCSV(w io.Writer, header []string, rows func(*csv.Writer)) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if header != nil {
		_ = cw.Write(header)
	}
	rows(cw)
	cw.Flush()
	return cw.Error()
}

// medianCell is the exact median in milliseconds, or N/A.
func medianCell(e *stats.Entry) string {
	if e.Timed() <= 0 {
		return notAvailable
	}
	return exactMillis(e.Median())
}

// percentileCells are the cells of stats.Percentiles, over the whole run or
// (current) over the recent window; N/A where there is no sample.
func percentileCells(e *stats.Entry, current bool) []string {
	out := make([]string, len(stats.Percentiles))
	empty := e.Timed() <= 0 || (current && e.Window != nil && e.Window.TotalCount() == 0)
	for i, q := range stats.Percentiles {
		switch {
		case empty:
			out[i] = notAvailable
		case current:
			out[i] = exactMillis(e.CurrentPercentile(q))
		default:
			out[i] = exactMillis(e.Percentile(q))
		}
	}
	return out
}

func integer(n int64) string { return strconv.FormatInt(n, 10) }

// pyFloat is the shortest decimal form of v that reads back as v, with a
// ".0" when it is whole, as Python writes a float and so Locust's CSV
// files: "110.0", "0.0", "5.0982349781868805".
func pyFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".NI") { // not NaN, Inf
		s += ".0"
	}
	return s
}

// seen formats a First Seen or Last Seen time, empty when unknown.
func seen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(seenLayout)
}
