package report_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// running is the progress of a test 65 s into a 5-minute run.
var running = report.Progress{State: "running", Elapsed: 65*time.Second + 400*time.Millisecond, RunTime: 5 * time.Minute}

// many is a snapshot with n request names, /page/00 the least busy.
func many(n int) *stats.Snapshot {
	specs := make([]spec, n)
	for i := range specs {
		specs[i] = spec{method: "GET", name: fmt.Sprintf("/page/%02d", i), samples: []sample{{ms(5), int64(10 * (i + 1))}}}
	}
	return snapshot(time.Minute, map[string]int{"Browser": n}, specs...)
}

func TestConsoleWidthGolden(t *testing.T) {
	tests := []struct {
		name    string
		console report.Console
		snap    *stats.Snapshot
		summary bool
	}{
		{"live_80", report.Console{Width: 80, MaxRows: 40}, realistic(), false},
		{"live_160", report.Console{Width: 160, MaxRows: 40}, realistic(), false},
		{"live_100", report.Console{Width: 100, MaxRows: 40}, realistic(), false},
		{"live_top", report.Console{Width: 160, MaxRows: 5}, many(8), false},
		{"summary_160", report.Console{Width: 160, MaxRows: 5}, realistic(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if tt.summary {
				tt.console.WriteSummary(&b, tt.snap)
			} else {
				tt.console.WriteLive(&b, tt.snap, running)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestConsoleLayout(t *testing.T) {
	tests := []struct {
		width    int
		lines    int // lines of the live table of realistic()
		widthMax int // the widest line
	}{
		{0, 1 + 3 + 2*9 + 1 + 2 + 1, 80},
		{80, 1 + 3 + 2*9 + 1 + 2 + 1, 80},
		{160, 1 + 2 + 9 + 1 + 1 + 1, 160},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			var b bytes.Buffer
			report.Console{Width: tt.width}.WriteLive(&b, realistic(), running)
			ls := lines(b.Bytes())
			if len(ls) != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", len(ls), tt.lines, b.String())
			}
			for i, l := range ls {
				if n := utf8.RuneCountInString(l); n > tt.widthMax {
					t.Errorf("line %d is %d wide, more than %d: %q", i+1, n, tt.widthMax, l)
				}
			}
		})
	}
}

func TestConsoleWideFitsExtremeNames(t *testing.T) {
	for _, width := range []int{81, 100, 112, 120, 200} {
		var b bytes.Buffer
		c := report.Console{Width: width}
		c.WriteLive(&b, extreme(), running)
		c.WriteSummary(&b, extreme())
		for i, l := range lines(b.Bytes()) {
			if n := utf8.RuneCountInString(l); n > width {
				t.Errorf("width %d: line %d is %d wide: %q", width, i+1, n, l)
			}
		}
	}
}

func TestLiveShowsTheBusiest(t *testing.T) {
	var b bytes.Buffer
	report.Console{Width: 80, MaxRows: 40}.WriteLive(&b, many(45), running)
	out := b.String()
	for i := range 45 {
		name := fmt.Sprintf("/page/%02d", i)
		if shown := strings.Contains(out, name); shown != (i >= 5) {
			t.Errorf("%s shown=%v, want the 40 busiest (/page/05 to /page/44)", name, shown)
		}
	}
	if !strings.Contains(out, "... 5 more rows") {
		t.Errorf("no line says 5 more rows:\n%s", out)
	}
	b.Reset()
	report.Console{Width: 80, MaxRows: 40}.WriteSummary(&b, many(45))
	if !strings.Contains(b.String(), "/page/00") || strings.Contains(b.String(), "more rows") {
		t.Errorf("the summary does not show every row:\n%s", b.String())
	}
}

func TestProgressHeading(t *testing.T) {
	tests := []struct {
		p    report.Progress
		want string
	}{
		{running, "running | elapsed 0:01:05 | remaining 0:03:55"},
		{report.Progress{State: "spawning", Elapsed: 3*time.Hour + 2*time.Second}, "spawning | elapsed 3:00:02"},
		{report.Progress{State: "stopping", Elapsed: 11 * time.Second, RunTime: 10 * time.Second}, "stopping | elapsed 0:00:11 | remaining 0:00:00"},
	}
	for _, tt := range tests {
		if got := tt.p.Heading(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}

func ExampleConsole_WriteLive() {
	s := snapshot(10*time.Second, map[string]int{"Browser": 2},
		spec{method: "GET", name: "/", samples: []sample{{ms(4), 90}, {ms(30), 10}}, fails: 5, size: 512})
	c := report.Console{Width: 120, MaxRows: 40}
	c.WriteLive(os.Stdout, s, report.Progress{State: "running", Elapsed: 10 * time.Second, RunTime: time.Minute})
	// Output:
	// running | elapsed 0:00:10 | remaining 0:00:50
	// Type    Name        # reqs       # fails   Med   95%   99%   Avg   Min   Max Avg size  req/s fail/s
	// ---------------------------------------------------------------------------------------------------
	// GET     /              100       5(5.0%) 4.0ms  30ms  30ms 6.6ms 4.0ms  30ms     512B  10.00   0.50
	// ---------------------------------------------------------------------------------------------------
	//         Aggregated     100       5(5.0%) 4.0ms  30ms  30ms 6.6ms 4.0ms  30ms     512B  10.00   0.50
	// users: 2 (Browser: 2)
}
