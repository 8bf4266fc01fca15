package report_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// at is a small snapshot at elapsed after t0, with n requests on each of two
// entries, so that every update differs.
func at(elapsed time.Duration, n int64) *stats.Snapshot {
	s := snapshot(elapsed, map[string]int{"U": 2},
		spec{method: "GET", name: "/a", samples: spread(ms(1), ms(20), n), fails: n / 10, size: 100},
		spec{method: "POST", name: "/b", samples: spread(ms(5), ms(80), n), size: 20})
	s.Errors = []*stats.Error{{Method: "GET", Name: "/a", Error: "boom", Occurrences: n / 10,
		FirstSeen: t0, LastSeen: s.Time}}
	s.Exceptions = []*stats.Exception{{Count: n, Message: "oops", Traceback: "trace", Nodes: []string{"local"}}}
	return s
}

func TestCSVFiles(t *testing.T) {
	tests := []struct {
		name    string
		full    bool
		updates []time.Duration
		final   time.Duration
		rows    int // history rows, header excluded
	}{
		{"final in a new second", false, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, 4 * time.Second, 4},
		{"final in the last second", false, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, 3500 * time.Millisecond, 3},
		{"full history", true, []time.Duration{time.Second, 2 * time.Second}, 3 * time.Second, 9},
		{"no update", false, nil, time.Second, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := filepath.Join(t.TempDir(), "missing", "dir", "run")
			c, err := report.NewCSVFiles(prefix, tt.full)
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range tt.updates {
				if err := c.Update(at(d, int64(100*(i+1)))); err != nil {
					t.Fatal(err)
				}
			}
			final := at(tt.final, 1000)
			if err := c.Close(final); err != nil {
				t.Fatal(err)
			}
			checkFinalFiles(t, prefix, final, tt.full)
			hist := parseCSV(t, readFile(t, prefix+"_stats_history.csv"))
			if n := len(hist) - 1; n != tt.rows {
				t.Errorf("history has %d rows, want %d", n, tt.rows)
			}
			if strings.Count(string(readFile(t, prefix+"_stats_history.csv")), "Timestamp") != 1 {
				t.Errorf("history has more than one header")
			}
		})
	}
}

// checkFinalFiles checks that each file holds exactly what the writers make
// of the final snapshot (the history: at its end).
func checkFinalFiles(t *testing.T, prefix string, final *stats.Snapshot, full bool) {
	t.Helper()
	for suffix, write := range map[string]func(*bytes.Buffer) error{
		"_stats.csv":      func(b *bytes.Buffer) error { return report.WriteStatsCSV(b, final) },
		"_failures.csv":   func(b *bytes.Buffer) error { return report.WriteFailuresCSV(b, final) },
		"_exceptions.csv": func(b *bytes.Buffer) error { return report.WriteExceptionsCSV(b, final) },
		"_stats_history.csv": func(b *bytes.Buffer) error {
			return report.WriteHistoryRows(b, final, full)
		},
	} {
		var want bytes.Buffer
		if err := write(&want); err != nil {
			t.Fatal(err)
		}
		got := readFile(t, prefix+suffix)
		if suffix == "_stats_history.csv" {
			got = got[max(len(got)-want.Len(), 0):]
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s after Close:\n%s\nwant (the final snapshot):\n%s", suffix, got, want.Bytes())
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSVFilesShrink(t *testing.T) {
	// A rewrite with less content must not leave the end of the old one.
	prefix := filepath.Join(t.TempDir(), "run")
	c, err := report.NewCSVFiles(prefix, false)
	if err != nil {
		t.Fatal(err)
	}
	big := at(time.Second, 100)
	big.Errors = append(big.Errors, &stats.Error{Method: "GET", Name: "/c", Error: strings.Repeat("x", 500), Occurrences: 1})
	if err := c.Update(big); err != nil {
		t.Fatal(err)
	}
	final := idle()
	if err := c.Close(final); err != nil {
		t.Fatal(err)
	}
	checkFinalFiles(t, prefix, final, false)
}

func TestCSVFilesErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"", filepath.Join(blocker, "run")} {
		if _, err := report.NewCSVFiles(prefix, false); err == nil || !strings.Contains(err.Error(), "gust: --csv") {
			t.Errorf("NewCSVFiles(%q) = %v, want an error naming --csv", prefix, err)
		}
	}
	c, err := report.NewCSVFiles(filepath.Join(dir, "run"), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Update(idle()); !errors.Is(err, report.ErrCSVClosed) {
		t.Errorf("Update after Close = %v, want ErrCSVClosed", err)
	}
	if err := c.Close(idle()); !errors.Is(err, report.ErrCSVClosed) {
		t.Errorf("second Close = %v, want ErrCSVClosed", err)
	}
}

func TestCSVFilesHeadersBeforeUpdate(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "run")
	c, err := report.NewCSVFiles(prefix, true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(nil)
	tests := []struct {
		suffix string
		header []string
	}{
		{"_stats.csv", report.StatsHeader()},
		{"_stats_history.csv", report.HistoryHeader()},
		{"_failures.csv", report.FailuresHeader()},
		{"_exceptions.csv", report.ExceptionsHeader()},
	}
	for _, tt := range tests {
		recs := parseCSV(t, readFile(t, prefix+tt.suffix))
		if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(tt.header, ",") {
			t.Errorf("%s starts with %q, want the header %q", tt.suffix, recs, tt.header)
		}
	}
}
