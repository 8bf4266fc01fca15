package web

import (
	"bytes"
	"strings"
	"testing"
)

func TestHTMLReportModels(t *testing.T) {
	for _, tc := range []struct {
		name    string
		meta    ReportMeta
		want    []string
		wantNot []string
	}{
		{"ended", ReportMeta{Model: ModelArrival, Target: "500/s", Thresholds: fixtureResults, Aborted: true}, []string{
			"<dt>Load model</dt><dd>arrival-rate 500/s</dd>",
			"<h2>Thresholds</h2>", `<p class="verdict fail">2 of 3 thresholds failed; a breach stopped the test early (--threshold-abort).</p>`,
			`<td class="l pass">pass</td><td class="l">p95&lt;3s</td><td>2.4s</td>`,
			`<td class="l fail">FAIL</td><td class="l">GET /slow:p99&lt;500ms</td><td>2.5s</td>`,
			`<td class="l fail">ERROR</td><td class="l">GET /later:fail_ratio&lt;0.01</td><td></td><td class="msg">gust: threshold filter matched no request: GET /later</td>`,
			"<h2>Arrival rate</h2>", "<span>Requested</span><b>500.0/s</b>", "<span>Achieved</span><b>431.2/s</b>",
			"<span>Dropped</span><b>4000</b>", "<span>Late</span><b>125</b>", "<span>Max lag</span><b>2000 ms</b>",
			"<span>Users in the pool</span><b>100 of 100</b>", "4000 iterations were dropped and 125 started late",
			"<h2>Corrected response time percentiles (ms)</h2>",
			`<tr><td>GET</td><td class="name">/slow</td><td>2335</td>`,
			`<tfoot><tr><td></td><td class="name">Aggregated</td><td>2335</td>`,
		}, []string{`<td class="name">/fast</td><td>2335</td>`}},
		{"live", ReportMeta{Model: ModelStages, Target: "1m:100:10,5m:100", Thresholds: fixtureResults[:1:1], Live: true}, []string{
			"<dd>stages 1m:100:10,5m:100</dd>", `<p class="verdict pass">The threshold passes.</p>`,
		}, []string{"--threshold-abort"}},
		{"live, waiting", ReportMeta{Thresholds: fixtureResults[2:], Live: true}, []string{
			`<p class="verdict waiting">The threshold waits for data.</p>`, `<td class="l waiting">waiting</td>`,
		}, []string{"Load model"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteHTMLReport(&b, modelSnapshot(), tc.meta); err != nil {
				t.Fatal(err)
			}
			for _, want := range tc.want {
				if !strings.Contains(b.String(), want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			for _, not := range tc.wantNot {
				if strings.Contains(b.String(), not) {
					t.Errorf("the report has %q", not)
				}
			}
		})
	}
}

// TestHTMLReportWithoutModels checks that a plain test of users has none
// of the sections the load models add.
func TestVerdictText(t *testing.T) {
	for _, tc := range []struct {
		class string
		k, n  int
		want  string
	}{
		{"fail", 2, 3, "2 of 3 thresholds failed"},
		{"fail", 1, 1, "The threshold failed"},
		{"waiting", 1, 4, "1 of 4 thresholds wait for data"},
		{"waiting", 1, 1, "The threshold waits for data"},
		{"pass", 3, 3, "All 3 thresholds pass"},
		{"pass", 1, 1, "The threshold passes"},
	} {
		if got := verdictText(tc.class, tc.k, tc.n); got != tc.want {
			t.Errorf("verdictText(%q, %d, %d) = %q, want %q", tc.class, tc.k, tc.n, got, tc.want)
		}
	}
}

func TestHTMLReportWithoutModels(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTMLReport(&b, fixtureSnapshot(), ReportMeta{Model: ModelUsers}); err != nil {
		t.Fatal(err)
	}
	for _, not := range []string{"Load model", "<h2>Thresholds</h2>", "<h2>Arrival rate</h2>", "Corrected"} {
		if strings.Contains(b.String(), not) {
			t.Errorf("the report of a test of users has %q", not)
		}
	}
}

func TestReportEndpointShowsTheModel(t *testing.T) {
	f := newModelFake()
	s := newTestServer(t, f, Options{})
	page := get(s.Handler(), "/stats/report").Body.String()
	for _, want := range []string{"arrival-rate 500/s", "<td class=\"l waiting\">waiting</td>", "<h2>Arrival rate</h2>",
		"Corrected response time percentiles"} {
		if !strings.Contains(page, want) {
			t.Errorf("the live report lacks %q", want)
		}
	}
	f.Stop()
	if page := get(s.Handler(), "/stats/report").Body.String(); strings.Contains(page, `class="l waiting"`) {
		t.Error("the report of a stopped test still shows a threshold waiting")
	}
}
