package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/compare"
	demosrv "github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// runFile writes the --json report of a run against a target that answers
// GET /delay in delayMS milliseconds plus an exponential overhead (mean
// 0.4 ms), and GET /other in 2 ms plus the overhead, n requests each, from
// a fixed seed; extra names an endpoint only this run has.
func runFile(t *testing.T, seed uint64, delayMS float64, n int, extra string) string {
	t.Helper()
	start := time.Unix(1_767_000_000, 0)
	rec := stats.NewRecorder()
	rec.Reset(start)
	r := rand.New(rand.NewPCG(seed, 11))
	for i := range n {
		end := start.Add(time.Duration(i) * 10 * time.Millisecond)
		for _, ep := range []struct {
			name string
			ms   float64
		}{{"/delay", delayMS}, {"/other", 2}, {extra, 1}} {
			if ep.name != "" {
				d := time.Duration((ep.ms + 0.4*r.ExpFloat64()) * float64(time.Millisecond))
				rec.Record(i, stats.Sample{Method: "GET", Name: ep.name, Duration: d, End: end})
			}
		}
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rec.Tick(start.Add(time.Duration(n)*10*time.Millisecond), 10, nil)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "run.json")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func compareRun(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runCompare(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCompareSlower(t *testing.T) {
	base, cur := runFile(t, 1, 5, 3000, ""), runFile(t, 2, 6, 3000, "")
	code, out, errOut := compareRun(base, cur)
	if code != 3 {
		t.Fatalf("5 ms against 6 ms: exit %d, want 3\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"GET /delay", "slower (+", "GET /other", "Aggregated", "REGRESSED: GET /delay"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := compareRun(cur, base); code != 0 || !strings.Contains(out, "faster") {
		t.Errorf("6 ms against 5 ms: exit %d, want 0 and faster\n%s", code, out)
	}
}

// TestCompareSameDistribution compares 20 pairs of runs of one target:
// at least 19 must pass. Every run comes from a fixed seed, so the test
// gives the same answer every time.
func TestCompareSameDistribution(t *testing.T) {
	passed := 0
	for i := range uint64(20) {
		base, cur := runFile(t, 100+2*i, 5, 1000, ""), runFile(t, 101+2*i, 5, 1000, "")
		code, out, errOut := compareRun("--metric", "p99", base, cur)
		switch code {
		case 0:
			passed++
		case 3:
		default:
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
	}
	if passed < 19 {
		t.Errorf("%d of 20 comparisons of one distribution passed, want at least 19", passed)
	}
}

// TestCompareNoResponses: a current run that completed no request (a hung
// target) against a baseline that had some exits 3, with n/a times.
func TestCompareNoResponses(t *testing.T) {
	base, hung := runFile(t, 1, 5, 1000, ""), runFile(t, 2, 5, 0, "")
	code, out, errOut := compareRun(base, hung)
	if code != 3 || !strings.Contains(out, "Aggregated (no responses)") || !strings.Contains(out, "ms -> n/a") ||
		strings.Contains(out, "-100") {
		t.Errorf("exit %d, want 3, no responses and n/a\n%s%s", code, out, errOut)
	}
}

func TestCompareOutputs(t *testing.T) {
	dir := t.TempDir()
	base, cur := runFile(t, 1, 5, 3000, "/gone"), runFile(t, 2, 6, 3000, "/new")
	html, junit := filepath.Join(dir, "c.html"), filepath.Join(dir, "c.xml")
	code, out, errOut := compareRun("--json", "--html", html, "--junit", junit, "--tolerance", "10%", base, cur)
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, errOut)
	}
	var res compare.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json printed no JSON: %v\n%s", err, out)
	}
	if !res.Regressed || res.Tolerance != 0.1 || len(res.OnlyBase) != 1 || res.OnlyBase[0] != "GET /gone" ||
		len(res.OnlyCurrent) != 1 || res.OnlyCurrent[0] != "GET /new" {
		t.Errorf("JSON: %+v", res)
	}
	if !strings.Contains(errOut, "only in the baseline (not compared): GET /gone") {
		t.Errorf("with --json the table goes to stderr, listing endpoints apart:\n%s", errOut)
	}
	page, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(page), "<td>GET /delay</td>") {
		t.Errorf("HTML: %v\n%s", err, page)
	}
	checkJUnit(t, junit, map[string]bool{"GET /delay": true, "GET /other": false, "Aggregated": true})
}

// checkJUnit parses the JUnit file and checks which cases failed.
func checkJUnit(t *testing.T, path string, failed map[string]bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Suites) != 1 {
		t.Fatalf("JUnit: %v\n%s", err, b)
	}
	seen := map[string]bool{}
	for _, c := range doc.Suites[0].Cases {
		seen[c.Name] = c.Failure != nil
	}
	if len(seen) != len(failed) {
		t.Errorf("JUnit cases %v, want %v", seen, failed)
	}
	for name, want := range failed {
		if got, ok := seen[name]; !ok || got != want {
			t.Errorf("JUnit case %q: failed %v (present %v), want %v", name, got, ok, want)
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	dir := t.TempDir()
	good := runFile(t, 1, 5, 100, "")
	old := filepath.Join(dir, "old.json")
	// The shape of a --json report written before histograms were added.
	oldJSON := `{"duration_s": 10, "stats": [{"name": "/", "method": "GET", "num_requests": 5, "num_failures": 0,
		"num_none_requests": 0}], "total": {"name": "Aggregated", "method": "", "num_requests": 5}}`
	if err := os.WriteFile(old, []byte(oldJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	notJSON := filepath.Join(dir, "x.json")
	os.WriteFile(notJSON, []byte("name,count\n"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{good, old}, "re-run the test with this version of gust"},
		{[]string{old, good}, "old.json has no response-time histogram"},
		{[]string{good, filepath.Join(dir, "missing.json")}, "missing.json"},
		{[]string{good, notJSON}, "is not a gust --json report"},
		{[]string{good}, "want two files"},
		{[]string{"--tolerance", "lots", good, good}, "--tolerance"},
		{[]string{"--metric", "p100", good, good}, "--metric"},
		{[]string{"--nope", good, good}, "--nope"},
	}
	for _, tt := range tests {
		code, _, errOut := compareRun(tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestCompareHelp(t *testing.T) {
	code, out, _ := compareRun("--help")
	for _, want := range []string{"--metric", "--tolerance", "--json", "--html", "--junit", "Exit status"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("gust compare --help: exit %d, lacks %q", code, want)
		}
	}
}

// TestRunJUnit: a run's --junit file has a case per threshold; the one
// that cannot be measured is an error, and the run exits 3.
func TestRunJUnit(t *testing.T) {
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	junit := filepath.Join(t.TempDir(), "thresholds.xml")
	cmd, _, stderr := startGust(t, "--headless", "-u", "1", "-r", "10", "-t", "1s", "--junit", junit,
		"--threshold", "requests>0", "--threshold", "GET /never:p99<1s", target.URL+"/fast")
	if code := exitCode(t, cmd, time.Minute); code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Errors int `xml:"errors,attr"`
		Suites []struct {
			Cases []struct {
				Name  string    `xml:"name,attr"`
				Error *struct{} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 2 {
		t.Fatalf("JUnit: %v\n%s", err, b)
	}
	c := doc.Suites[0].Cases
	if doc.Tests != 2 || doc.Errors != 1 || c[0].Name != "requests>0" || c[0].Error != nil || c[1].Error == nil {
		t.Errorf("JUnit cases: %s", b)
	}
}

// TestCompareRealRuns runs gust twice and compares the two --json files
// with the gust binary: the histograms of real runs decode and every
// endpoint is compared (whether the machine made one run slower is not
// asserted: that is timing).
func TestCompareRealRuns(t *testing.T) {
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	var files []string
	for i := range 2 {
		cmd, out, stderr := startGust(t, "--headless", "-u", "2", "-r", "10", "-t", "1s", "--json", target.URL+"/fast", target.URL+"/delay/2")
		if code := exitCode(t, cmd, time.Minute); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i, code, stderr)
		}
		path := filepath.Join(t.TempDir(), "run.json")
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	cmd, out, stderr := startGust(t, "compare", "--json", files[0], files[1])
	code := exitCode(t, cmd, time.Minute)
	var res compare.Result
	if err := json.Unmarshal([]byte(out.String()), &res); err != nil || (code != 0 && code != 3) {
		t.Fatalf("gust compare: exit %d, %v\n%s", code, err, stderr)
	}
	requests := 0 // the rows of requests, not the CONNECT rows of the connections' set-up
	for _, r := range res.Rows {
		if !strings.HasPrefix(r.Endpoint, "CONNECT ") {
			requests++
		}
	}
	if requests != 2 || res.Total.Verdict == compare.NoData || res.Rows[0].Baseline.Requests == 0 {
		t.Errorf("compared %+v", res)
	}
}
