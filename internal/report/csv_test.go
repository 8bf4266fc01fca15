package report_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

func TestCSVGolden(t *testing.T) {
	history := func(full bool) func(io.Writer, *stats.Snapshot) error {
		return func(w io.Writer, s *stats.Snapshot) error {
			if err := report.WriteHistoryHeader(w); err != nil {
				return err
			}
			return report.WriteHistoryRows(w, s, full)
		}
	}
	tests := []struct {
		name  string
		snap  *stats.Snapshot
		write func(io.Writer, *stats.Snapshot) error
	}{
		{"stats_csv", realistic(), report.WriteStatsCSV},
		{"stats_csv_idle", idle(), report.WriteStatsCSV},
		{"history_csv", realistic(), history(false)},
		{"history_csv_full", realistic(), history(true)},
		{"history_csv_idle", idle(), history(true)},
		{"failures_csv", realistic(), report.WriteFailuresCSV},
		{"exceptions_csv", realistic(), report.WriteExceptionsCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b, tt.snap); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestCSVHeadersMatchLocust compares gust's headers with the first lines of
// files written by Locust 2.12.1 (copied into testdata).
func TestCSVHeadersMatchLocust(t *testing.T) {
	s := realistic()
	tests := []struct {
		file  string
		write func(io.Writer, *stats.Snapshot) error
		extra []string // columns that Locust added after 2.12.1
	}{
		{"stats", report.WriteStatsCSV, nil},
		{"stats_history", func(w io.Writer, _ *stats.Snapshot) error { return report.WriteHistoryHeader(w) }, nil},
		{"failures", report.WriteFailuresCSV, []string{"First Seen", "Last Seen"}},
		{"exceptions", report.WriteExceptionsCSV, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "locust-2.12.1_"+tt.file+"_header.csv"))
			if err != nil {
				t.Fatal(err)
			}
			want := append(parseCSV(t, raw)[0], tt.extra...)
			var b bytes.Buffer
			if err := tt.write(&b, s); err != nil {
				t.Fatal(err)
			}
			if got := parseCSV(t, b.Bytes())[0]; !slices.Equal(got, want) {
				t.Errorf("header\n got %q\nwant %q", got, want)
			}
			if tt.extra == nil && !bytes.HasPrefix(b.Bytes(), raw) {
				t.Errorf("the header line differs byte for byte from Locust's %q", raw)
			}
		})
	}
}

func parseCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v\n%s", err, b)
	}
	return recs
}

// column returns the cell of the named column in each row after the header.
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	i := slices.Index(recs[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[i])
	}
	return out
}

func TestStatsCSVCells(t *testing.T) {
	s := realistic()
	var b bytes.Buffer
	if err := report.WriteStatsCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, b.Bytes())
	names := column(t, recs, "Name")
	if len(names) != len(s.Entries)+1 || names[len(names)-1] != "Aggregated" {
		t.Fatalf("rows %q: want one per entry, then Aggregated", names)
	}
	if types := column(t, recs, "Type"); types[len(types)-1] != "" {
		t.Errorf("Aggregated row has Type %q, want empty", types[len(types)-1])
	}
	slow := s.Entry("GET", "/slow")
	row := slices.Index(names, "/slow") + 1
	tests := []struct {
		col, want string
	}{
		{"Request Count", "90"},
		{"Median Response Time", strconv.FormatFloat(float64(slow.Median().Microseconds())/1000, 'f', -1, 64)},
		{"Min Response Time", "153.5"},
		{"Max Response Time", strconv.FormatFloat(stats.Millis(slow.Max), 'f', -1, 64)},
		{"Requests/s", strconv.FormatFloat(slow.TotalRPS(), 'f', -1, 64)},
		{"Failures/s", "0.0"}, // a float, as Locust writes it
		{"Average Content Size", "1234567.0"},
		{"100%", strconv.FormatFloat(stats.Millis(slow.Max), 'f', -1, 64)}, // the Max, not above it
	}
	for _, tt := range tests {
		if got := column(t, recs, tt.col)[row-1]; got != tt.want {
			t.Errorf("/slow %s = %q, want %q", tt.col, got, tt.want)
		}
	}
	ws := slices.Index(names, "connect")
	if got := column(t, recs, "95%")[ws]; got != "N/A" {
		t.Errorf("95%% of an entry without timed requests = %q, want N/A", got)
	}
}

func TestHistoryRows(t *testing.T) {
	s := realistic()
	tests := []struct {
		full  bool
		names []string
	}{
		{false, []string{"Aggregated"}},
		{true, append(entryNames(s), "Aggregated")},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := report.WriteHistoryRows(&b, s, tt.full); err != nil {
			t.Fatal(err)
		}
		recs := append([][]string{report.HistoryHeader()}, parseCSV(t, b.Bytes())...)
		if got := column(t, recs, "Name"); !slices.Equal(got, tt.names) {
			t.Errorf("full=%v: rows %q, want %q", tt.full, got, tt.names)
		}
		for _, ts := range column(t, recs, "Timestamp") {
			if ts != strconv.FormatInt(s.Time.Unix(), 10) {
				t.Errorf("full=%v: Timestamp %q, want %d", tt.full, ts, s.Time.Unix())
			}
		}
	}
}

func entryNames(s *stats.Snapshot) []string {
	var out []string
	for _, e := range s.Entries {
		out = append(out, e.Name)
	}
	return out
}

func TestCSVQuotesAndSeen(t *testing.T) {
	s := realistic()
	var b bytes.Buffer
	if err := report.WriteFailuresCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, b.Bytes())
	if got, want := column(t, recs, "Error")[2], s.Errors[2].Error; got != want {
		t.Errorf("error with quotes and a newline read back as %q, want %q", got, want)
	}
	if got, want := column(t, recs, "First Seen")[0], s.Errors[0].FirstSeen.Format(time.RFC3339); got != want {
		t.Errorf("First Seen = %q, want %q", got, want)
	}
}
