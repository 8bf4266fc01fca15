package report_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

func TestConsoleGolden(t *testing.T) {
	tests := []struct {
		name  string
		snap  *stats.Snapshot
		write func(io.Writer, *stats.Snapshot)
	}{
		{"table", realistic(), func(w io.Writer, s *stats.Snapshot) { report.WriteTable(w, s, false) }},
		{"table_final", realistic(), func(w io.Writer, s *stats.Snapshot) { report.WriteTable(w, s, true) }},
		{"table_idle", idle(), func(w io.Writer, s *stats.Snapshot) { report.WriteTable(w, s, false) }},
		{"percentiles", realistic(), report.WritePercentiles},
		{"failures", realistic(), report.WriteFailures},
		{"exceptions", realistic(), report.WriteExceptions},
		{"summary", realistic(), report.WriteSummary},
		{"summary_idle", idle(), report.WriteSummary},
		{"interrupted", interrupted(), report.WriteInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			tt.write(&b, tt.snap)
			golden(t, tt.name, b.Bytes())
		})
	}
}

// extreme is a snapshot built to overflow every column: huge names and types,
// huge counts and times, many kinds of user.
func extreme() *stats.Snapshot {
	kinds := map[string]int{}
	for i := range 12 {
		kinds[fmt.Sprintf("VeryDescriptiveUserKindNumber%02d", i)] = 100_000 + i
	}
	kinds[strings.Repeat("K", 100)] = 1
	return snapshot(3*time.Hour, kinds,
		spec{method: strings.Repeat("CUSTOMVERB", 5), name: "/" + strings.Repeat("segment/", 30),
			samples: []sample{{2 * time.Hour, 1}, {999_499 * time.Microsecond, 1 << 40}}, fails: 1 << 39, size: 1 << 50},
		spec{method: "GET", name: "/x\n\ty\x1b[31mred", samples: []sample{{9_999 * time.Microsecond, 999_999_999}},
			fails: 999_999_998, size: 999},
	)
}

func TestTableFitsWidth(t *testing.T) {
	tests := []struct {
		name string
		snap *stats.Snapshot
	}{
		{"realistic", realistic()},
		{"idle", idle()},
		{"extreme", extreme()},
	}
	for _, tt := range tests {
		for _, final := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/final=%v", tt.name, final), func(t *testing.T) {
				var b bytes.Buffer
				report.WriteTable(&b, tt.snap, final)
				report.WritePercentiles(&b, tt.snap)
				assertWidth(t, b.Bytes())
			})
		}
	}
}

func assertWidth(t *testing.T, out []byte) {
	t.Helper()
	for i, l := range lines(out) {
		if n := utf8.RuneCountInString(l); n > report.Width {
			t.Errorf("line %d is %d characters wide, more than %d:\n%s", i+1, n, report.Width, l)
		}
		if strings.ContainsAny(l, "\t\x1b\r") {
			t.Errorf("line %d has a control character: %q", i+1, l)
		}
	}
}

func TestTableShowsWholeNames(t *testing.T) {
	s := realistic()
	if len(longName) != 60 {
		t.Fatalf("longName has %d characters, want 60", len(longName))
	}
	var b bytes.Buffer
	report.WriteTable(&b, s, false)
	for _, e := range s.Entries {
		if !strings.Contains(b.String(), e.Name) {
			t.Errorf("the table does not show the name %q in full", e.Name)
		}
	}
}

func TestTableRates(t *testing.T) {
	// 629 requests on "/" between t0+0.2s and t0+42.4s: the whole-run rate
	// is 629/42.2 = 14.91/s; the current rate is the last 10 full seconds.
	s := realistic()
	e := s.Entry("GET", "/")
	tests := []struct {
		final bool
		want  string
	}{
		{false, fmt.Sprintf("%.2f", e.CurrentRPS(s.Time))},
		{true, fmt.Sprintf("%.2f", e.TotalRPS())},
	}
	if tests[0].want == tests[1].want {
		t.Fatalf("fixture: current and total rates are both %s", tests[0].want)
	}
	for _, tt := range tests {
		var b bytes.Buffer
		report.WriteTable(&b, s, tt.final)
		ls := lines(b.Bytes())
		row := ls[indexOf(ls, "GET     /")+1]
		if f := strings.Fields(row); f[len(f)-2] != tt.want {
			t.Errorf("final=%v: req/s of GET / is %s, want %s (row %q)", tt.final, f[len(f)-2], tt.want, row)
		}
	}
}

func indexOf(ls []string, s string) int {
	for i, l := range ls {
		if l == s {
			return i
		}
	}
	return -1
}

const interruptedTitle = "Interrupted: in flight when the test ended (not failures)"

// interrupted is realistic with requests cut short by the end of the test.
func interrupted() *stats.Snapshot {
	s := realistic()
	s.Entry("GET", "/slow").Interrupted = 7
	s.Entry("POST", longName).Interrupted = 3
	s.Total.Interrupted = 10
	return s
}

func TestSummarySections(t *testing.T) {
	tests := []struct {
		name string
		snap *stats.Snapshot
		want []string
		not  []string
	}{
		{"realistic", realistic(), []string{"Response time percentiles", "Failures", "Exceptions"}, nil},
		{"idle", idle(), []string{"Response time percentiles"}, []string{"Failures", "Exceptions", interruptedTitle}},
		{"interrupted", interrupted(), []string{interruptedTitle}, nil},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		report.WriteSummary(&b, tt.snap)
		ls := lines(b.Bytes())
		for _, w := range tt.want {
			if indexOf(ls, w) < 0 {
				t.Errorf("%s: summary has no %q section", tt.name, w)
			}
		}
		for _, w := range tt.not {
			if indexOf(ls, w) >= 0 {
				t.Errorf("%s: summary has a %q section with nothing in it", tt.name, w)
			}
		}
	}
}

func ExampleWriteTable() {
	s := snapshot(10*time.Second, map[string]int{"Browser": 2},
		spec{method: "GET", name: "/", samples: []sample{{ms(4), 90}, {ms(30), 10}}, fails: 5, size: 512})
	report.WriteTable(os.Stdout, s, true)
	// Output:
	// Type    Name
	//  # reqs       # fails   Med   95%   99%   Avg   Min   Max Avg size  req/s fail/s
	// --------------------------------------------------------------------------------
	// GET     /
	//     100       5(5.0%) 4.0ms  30ms  30ms 6.6ms 4.0ms  30ms     512B  10.53   0.53
	// --------------------------------------------------------------------------------
	//         Aggregated
	//     100       5(5.0%) 4.0ms  30ms  30ms 6.6ms 4.0ms  30ms     512B  10.53   0.53
	// users: 2 (Browser: 2)
}
