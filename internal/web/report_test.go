package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
)

// external matches anything in a page that would load from the network.
var external = regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//|<link\b|@import|url\(\s*["']?(https?:)?//`)

func TestWriteHTMLReport(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Entries = append(snap.Entries, makeEntry("GET", `<img src=x onerror=alert(1)>`, snap.Start, spread(2, time.Millisecond, 2*time.Millisecond), 0, 1))
	tasks := newFake(nil).Tasks()
	var b bytes.Buffer
	err := WriteHTMLReport(&b, snap, ReportMeta{Title: "shop", Host: "http://127.0.0.1:8080", Version: "v0.1.0", Tasks: &tasks})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if m := external.FindString(page); m != "" {
		t.Errorf("the report is not self-contained: it has %q", m)
	}
	for _, want := range []string{
		"<title>shop report: http://127.0.0.1:8080</title>",
		"2026-01-02 15:03:05 UTC to 2026-01-02 15:04:05 UTC (1m0s)",
		`<td class="name">/api/items</td>`, "<th>99.9%</th>", "<th>99.99%</th>",
		"HTTP 503 Service Unavailable", "main.go:42", "<b>75.0%</b> WebUser", "<b>60.0%</b> browse",
		"&lt;img src=x onerror=alert(1)&gt;", "uPlot", "GustCharts",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(page, "<img src=x") {
		t.Error("an endpoint name went into the report unescaped")
	}
	checkEmbeddedHistory(t, page, 60)
}

// checkEmbeddedHistory decodes the history JSON the charts are drawn from.
func checkEmbeddedHistory(t *testing.T, page string, n int) {
	t.Helper()
	_, rest, ok := strings.Cut(page, `<script type="application/json" id="history">`)
	raw, _, _ := strings.Cut(rest, "</script>")
	var h columns
	if err := json.Unmarshal([]byte(raw), &h); !ok || err != nil || len(h.Time) != n || len(h.P99) != n {
		t.Errorf("embedded history: %v, %d points, want %d", err, len(h.Time), n)
	}
}

func TestWriteHTMLReportEmpty(t *testing.T) {
	if err := WriteHTMLReport(&bytes.Buffer{}, nil, ReportMeta{}); err == nil || !strings.HasPrefix(err.Error(), "gust: ") {
		t.Errorf("nil snapshot: %v", err)
	}
	now := time.Now()
	snap := &stats.Snapshot{Time: now, Start: now, Total: &stats.Entry{Key: stats.Key{Name: stats.TotalName}}}
	var b bytes.Buffer
	if err := WriteHTMLReport(&b, snap, ReportMeta{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No failures.", "No exceptions.", "<title>gust report</title>", "N/A"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
}

func TestReportEndpoint(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{Title: "shop"})
	w := get(s.Handler(), "/stats/report")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Request statistics") {
		t.Fatalf("status %d", w.Code)
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") {
		t.Errorf("report CSP %q", csp)
	}
	if d := w.Header().Get("Content-Disposition"); d != "" {
		t.Errorf("Content-Disposition %q without download=1", d)
	}
	w = get(s.Handler(), "/stats/report?download=1&theme=dark")
	if d := w.Header().Get("Content-Disposition"); !strings.HasSuffix(d, `_report.html"`) || !strings.HasPrefix(d, "attachment;") {
		t.Errorf("Content-Disposition %q", d)
	}
	if !strings.Contains(w.Body.String(), `<html lang="en" data-theme="dark">`) {
		t.Error("theme=dark not applied")
	}
	if w := get(s.Handler(), "/stats/report?theme=pink"); w.Code != http.StatusBadRequest {
		t.Errorf("theme=pink: status %d, want 400", w.Code)
	}
}

func TestReportEndpointShowsTheGenerator(t *testing.T) {
	f := newFake(fixtureSnapshot())
	s := newTestServer(t, f, Options{})
	page := get(s.Handler(), "/stats/report").Body.String()
	for _, want := range []string{"<h2>Load generator</h2>", "<span>CPU, average</span><b>25%</b>",
		"<span>Saturated</span><b>0 s of 12 s</b>", `<p class="generator-note">gust kept up`} {
		if !strings.Contains(page, want) {
			t.Errorf("the report of a generator that kept up lacks %q", want)
		}
	}
	f.mu.Lock()
	f.saturated = true
	f.mu.Unlock()
	page = get(s.Handler(), "/stats/report").Body.String()
	for _, want := range []string{"<span>CPU, average</span><b>98%</b>", "<span>Scheduling delay p99</span><b>14 ms</b>",
		`<p class="generator-note saturated">gust was its own bottleneck for 9 s`} {
		if !strings.Contains(page, want) {
			t.Errorf("the report of a saturated generator lacks %q", want)
		}
	}
}

func TestGeneratorSectionNeedsReadings(t *testing.T) {
	for _, s := range []*monitor.Summary{nil, {Cores: 2}} {
		if v := generatorOf(s); v != nil {
			t.Errorf("generatorOf(%+v) = %+v, want no section", s, v)
		}
	}
}

func TestGeneratorNoteSaysWhoWasSaturated(t *testing.T) {
	for _, tc := range []struct {
		s    monitor.Summary
		want string
	}{
		{monitor.Summary{Seconds: 9}, "gust kept up with its users"},
		{monitor.Summary{Seconds: 9, SaturatedSeconds: 3}, "gust was its own bottleneck for 3 s"},
		{monitor.Summary{Seconds: 9, Distributed: true}, "The master and its workers kept up"},
		{monitor.Summary{Seconds: 9, Distributed: true, WorkersSaturatedSeconds: 5, SaturatedSeconds: 1},
			"A worker was its own bottleneck for 5 s"},
	} {
		v := generatorOf(&tc.s)
		if !strings.HasPrefix(v.Note, tc.want) || v.Saturated != (tc.s.SaturatedSeconds+tc.s.WorkersSaturatedSeconds > 0) {
			t.Errorf("%+v: note %q (saturated %v), want %q", tc.s, v.Note, v.Saturated, tc.want)
		}
	}
}

func TestReportListsTheWorkers(t *testing.T) {
	var b bytes.Buffer
	ws := []Worker{{ID: "host1_ab", State: "running", Users: 40, CPU: 97.25, Memory: 64 << 20, Saturation: "CPU at 97%"},
		{ID: "host2_cd", State: "missing", Users: 0, CPU: 12}}
	if err := WriteHTMLReport(&b, fixtureSnapshot(), ReportMeta{Workers: ws}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Workers</h2>",
		`<tr><td class="name">host1_ab</td><td>running</td><td>40</td><td>97.2</td><td>64.0</td>` + "\n" + `<td class="l fail">CPU at 97%</td></tr>`,
		`<tr><td class="name">host2_cd</td><td>missing</td><td>0</td><td>12.0</td><td>0.0</td>` + "\n" + `<td class="l"></td></tr>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	b.Reset()
	if err := WriteHTMLReport(&b, fixtureSnapshot(), ReportMeta{}); err != nil || strings.Contains(b.String(), "<h2>Workers</h2>") {
		t.Errorf("a report without workers has a Workers section (%v)", err)
	}
}
