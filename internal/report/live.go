package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// Console lays out the tables gust prints for where they are printed: a
// terminal of some width, or a log.
type Console struct {
	// Width is the terminal's width in columns. At 80 or less, or 0 (not a
	// terminal: a log file, a pipe), every entry takes two lines that fit in
	// 80 columns; on a wider terminal each takes one line.
	Width int
	// MaxRows, when above 0, caps the entries of the live table: only the
	// MaxRows busiest are shown, and a line says how many more there are.
	// The summary (and the CSV and JSON files) keep every entry.
	MaxRows int
}

// Progress is where a running test stands, for the live table's heading.
type Progress struct {
	State   string        // the runner's state: spawning, running, stopping
	Elapsed time.Duration // since the test started
	RunTime time.Duration // the run time asked for; 0 when there is none
}

// Heading is the heading of the live table: the state, the time elapsed and,
// with a run time, the time remaining.
//
//	running | elapsed 0:01:05 | remaining 0:03:55
func (p Progress) Heading() string {
	h := p.State + " | elapsed " + formatClock(p.Elapsed)
	if p.RunTime > 0 {
		h += " | remaining " + formatClock(max(p.RunTime-p.Elapsed, 0))
	}
	return h
}

// formatClock renders d as h:mm:ss, rounded to the second, so that elapsed
// and remaining add up to the run time.
func formatClock(d time.Duration) string {
	sec := int64(max(d, 0).Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
}

// WriteLive writes the table printed while a test runs: the heading of p,
// then the statistics table with the current rates (WriteTable), showing at
// most c.MaxRows entries, the busiest.
func (c Console) WriteLive(w io.Writer, s *stats.Snapshot, p Progress) {
	es, more := c.busiest(s)
	line := ""
	if more > 0 {
		line = fmt.Sprintf("... %d more rows, less busy (the summary, --csv and --json show them all)", more)
	}
	_, _ = io.WriteString(w, p.Heading()+"\n")
	c.writeTable(w, s, false, es, line)
}

// busiest returns the c.MaxRows entries of s with the most requests a second
// now (then the most requests), sorted as the table sorts them, and how many
// were left out.
func (c Console) busiest(s *stats.Snapshot) ([]*stats.Entry, int) {
	es := slices.Clone(s.Entries)
	stats.SortEntries(es)
	if c.MaxRows <= 0 || len(es) <= c.MaxRows {
		return es, 0
	}
	slices.SortStableFunc(es, func(a, b *stats.Entry) int {
		return cmp.Or(cmp.Compare(b.CurrentRPS(s.Time), a.CurrentRPS(s.Time)), cmp.Compare(b.Requests, a.Requests))
	})
	shown := es[:c.MaxRows]
	stats.SortEntries(shown)
	return shown, len(es) - c.MaxRows
}
