package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

func TestStatsRequestsGolden(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	w := get(s.Handler(), "/stats/requests")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, w.Body.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	golden(t, "stats_requests.golden.json", pretty.Bytes())
}

// locustEntryKeys are the keys of an entry of Locust's /stats/requests.
var locustEntryKeys = []string{
	"avg_content_length", "avg_response_time", "current_fail_per_sec", "current_rps", "max_response_time",
	"median_response_time", "method", "min_response_time", "name", "num_failures", "num_requests",
	"response_time_percentile_0.95", "response_time_percentile_0.99", "total_fail_per_sec", "total_rps",
}

func TestStatsRequestsShape(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	var body map[string]any
	decode(t, get(s.Handler(), "/stats/requests"), &body)
	for _, k := range []string{"stats", "errors", "current_rps", "current_fail_per_sec", "total_rps",
		"total_fail_per_sec", "fail_ratio", "current_response_time_percentiles", "state", "user_count"} {
		if _, ok := body[k]; !ok {
			t.Errorf("top-level key %q missing", k)
		}
	}
	rows := body["stats"].([]any)
	if len(rows) != 4 {
		t.Fatalf("%d stats rows, want 3 entries and the total", len(rows))
	}
	for _, r := range rows {
		if keys := slices.Sorted(maps.Keys(r.(map[string]any))); !slices.Equal(keys, locustEntryKeys) {
			t.Errorf("entry keys %v, want %v", keys, locustEntryKeys)
		}
	}
	total := rows[3].(map[string]any)
	if total["name"] != "Aggregated" || total["method"] != "" || total["num_requests"] != 130.0 {
		t.Errorf("total row %v", total)
	}
	cur := body["current_response_time_percentiles"].(map[string]any)
	if _, ok := cur["response_time_percentile_0.95"]; !ok {
		t.Errorf("current percentiles %v lack response_time_percentile_0.95", cur)
	}
	errs := body["errors"].([]any)
	if e := errs[0].(map[string]any); e["error"] != "HTTP 503 Service Unavailable" || e["occurrences"] != 5.0 {
		t.Errorf("first error %v", e)
	}
	if _, ok := body["workers"]; ok {
		t.Error("workers listed outside distributed mode")
	}
}

func TestStatsRequestsEmpty(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	var body statsBody
	decode(t, get(s.Handler(), "/stats/requests"), &body)
	if len(body.Stats) != 1 || body.Stats[0].Name != stats.TotalName || body.State != StateReady {
		t.Errorf("before the first snapshot: %+v", body)
	}
}

func TestStatsRequestsSince(t *testing.T) {
	snap := fixtureSnapshot()
	s := newTestServer(t, newFake(snap), Options{})
	since := snap.History[49].Time.Unix()
	var body statsBody
	decode(t, get(s.Handler(), "/stats/requests?since="+itoa(since)), &body)
	if body.History == nil || len(body.History.Time) != 10 || body.History.Time[0] != since+1 {
		t.Fatalf("history after %d: %+v", since, body.History)
	}
	if w := get(s.Handler(), "/stats/requests?since=yesterday"); w.Code != http.StatusBadRequest {
		t.Errorf("bad since: status %d, want 400", w.Code)
	}
}

func TestStatsRequestsWorkersAndSaturation(t *testing.T) {
	f := newFake(fixtureSnapshot())
	f.saturated = true
	f.workers = []Worker{{ID: "w1", State: "running", Users: 5, CPU: 12.5, Memory: 1 << 20}}
	s := newTestServer(t, f, Options{})
	var body statsBody
	decode(t, get(s.Handler(), "/stats/requests"), &body)
	if !body.Saturated || body.SaturationDetail == "" || body.WorkerCount != 1 || body.Workers[0].ID != "w1" {
		t.Errorf("saturation and workers: %+v", body)
	}
}

func TestBusiestKeepsTopEntries(t *testing.T) {
	var es []*stats.Entry
	for i := range 600 {
		es = append(es, &stats.Entry{Key: stats.Key{Method: "GET", Name: "/" + itoa(int64(1000+i))}, Requests: int64(i)})
	}
	top := busiest(es, maxRows)
	if len(top) != maxRows || top[0].Name != "/1100" || top[len(top)-1].Name != "/1599" {
		t.Errorf("busiest: %d entries from %s to %s", len(top), top[0].Name, top[len(top)-1].Name)
	}
}

func TestCSVEndpoints(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	for _, tc := range []struct {
		path   string
		header []string
		kind   string
	}{
		{"/stats/requests/csv", report.StatsHeader(), "requests"},
		{"/stats/failures/csv", report.FailuresHeader(), "failures"},
		{"/exceptions/csv", report.ExceptionsHeader(), "exceptions"},
	} {
		w := get(s.Handler(), tc.path)
		first, _, _ := strings.Cut(w.Body.String(), "\n")
		if w.Code != http.StatusOK || strings.TrimSpace(first) != strings.Join(tc.header, ",") {
			t.Errorf("%s: status %d, first line %q", tc.path, w.Code, first)
		}
		disp := w.Header().Get("Content-Disposition")
		if !strings.HasPrefix(disp, `attachment; filename="gust_`) || !strings.Contains(disp, "_127.0.0.1_8080_"+tc.kind+".csv") {
			t.Errorf("%s: Content-Disposition %q", tc.path, disp)
		}
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
			t.Errorf("%s: Content-Type %q", tc.path, w.Header().Get("Content-Type"))
		}
	}
}

func TestExceptionsJSON(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	var body struct {
		Exceptions []map[string]any `json:"exceptions"`
	}
	decode(t, get(s.Handler(), "/exceptions"), &body)
	if len(body.Exceptions) != 1 {
		t.Fatalf("exceptions: %+v", body)
	}
	x := body.Exceptions[0]
	if x["count"] != 3.0 || x["nodes"] != "local" || !strings.Contains(x["traceback"].(string), "main.go:42") ||
		!strings.HasPrefix(x["msg"].(string), "panic:") {
		t.Errorf("exception %v", x)
	}
}

func TestTasksAndWorkerCount(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	var tasks TaskRatios
	decode(t, get(s.Handler(), "/tasks"), &tasks)
	if tasks.PerClass["WebUser"].Tasks["browse"].Ratio != 0.8 || tasks.Total["APIUser"].Ratio != 0.25 {
		t.Errorf("tasks %+v", tasks)
	}
	var wc map[string]int
	decode(t, get(s.Handler(), "/worker-count"), &wc)
	if n, ok := wc["worker_count"]; !ok || n != 0 {
		t.Errorf("worker count %v", wc)
	}
}

func TestHistoryEndpoint(t *testing.T) {
	snap := fixtureSnapshot()
	f := newFake(snap)
	f.state = StateRunning
	s := newTestServer(t, f, Options{})
	s.sample()
	var all, one, none columns
	decode(t, get(s.Handler(), "/stats/history"), &all)
	decode(t, get(s.Handler(), "/stats/history?method=GET&name=/fast"), &one)
	decode(t, get(s.Handler(), "/stats/history?method=GET&name=/nowhere"), &none)
	if len(all.Time) != 60 || len(all.Users) != 60 {
		t.Errorf("aggregated history: %d points", len(all.Time))
	}
	if len(one.Time) != 1 || one.Time[0] != fixtureTime.Unix() || one.P50[0] <= 0 {
		t.Errorf("per-endpoint history: %+v", one)
	}
	if len(none.Time) != 0 || none.Time == nil {
		t.Errorf("unknown endpoint: %+v", none)
	}
}

func TestIndexEmbedsStateAndHistory(t *testing.T) {
	f := newFake(fixtureSnapshot())
	s := newTestServer(t, f, Options{Title: "shop test", Defaults: StartRequest{Users: 50, SpawnRate: 5, RunTime: 3725 * time.Second}})
	w := get(s.Handler(), "/")
	page := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(page, "<title>shop test</title>") {
		t.Fatalf("status %d, page starts %.200q", w.Code, page)
	}
	_, rest, _ := strings.Cut(page, `<script type="application/json" id="gust-args">`)
	raw, _, _ := strings.Cut(rest, "</script>")
	var args pageArgs
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatalf("embedded args: %v in %.200q", err, raw)
	}
	if args.State != StateReady || args.NumUsers != 50 || args.RunTime != "1h2m5s" || len(args.History.Time) != 60 ||
		args.Host != "http://127.0.0.1:8080" {
		t.Errorf("embedded args %+v", args)
	}
	for _, csp := range []string{"default-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(w.Header().Get("Content-Security-Policy"), csp) {
			t.Errorf("CSP %q lacks %q", w.Header().Get("Content-Security-Policy"), csp)
		}
	}
}

func TestAssets(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	page := get(s.Handler(), "/").Body.String()
	for _, name := range []string{"app.js", "app.css", "charts.js", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css"} {
		url := "/" + assetURL(name) // relative to the page at /
		if !strings.Contains(page, `"`+url[1:]+`"`) {
			t.Errorf("page does not reference %s", url[1:])
		}
		w := get(s.Handler(), url)
		if w.Code != http.StatusOK || w.Body.Len() == 0 || w.Header().Get("ETag") == "" {
			t.Errorf("%s: status %d, %d bytes, ETag %q", name, w.Code, w.Body.Len(), w.Header().Get("ETag"))
		}
		again := do(s.Handler(), http.MethodGet, url, nil, http.Header{"If-None-Match": {w.Header().Get("ETag")}})
		if again.Code != http.StatusNotModified {
			t.Errorf("%s revalidated: status %d, want 304", name, again.Code)
		}
	}
	for _, path := range []string{"/assets/index.tmpl", "/assets/nothing.js", "/nothing"} {
		if w := get(s.Handler(), path); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, w.Code)
		}
	}
}

// TestPageWeight keeps what a browser loads for the UI under 200 KB,
// uncompressed, with an empty history.
func TestPageWeight(t *testing.T) {
	s := newTestServer(t, newFake(nil), Options{})
	total := get(s.Handler(), "/").Body.Len()
	for _, name := range []string{"app.js", "app.css", "charts.js", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css"} {
		total += len(asset(name))
	}
	if total > 200_000 {
		t.Errorf("the page weighs %d bytes, over 200 KB", total)
	}
}

func TestGzip(t *testing.T) {
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	plain := get(s.Handler(), "/stats/requests").Body.Bytes()
	w := do(s.Handler(), http.MethodGet, "/stats/requests", nil, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", w.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, plain) {
		t.Errorf("gunzipped body differs (err %v)", err)
	}
	refused := do(s.Handler(), http.MethodGet, "/stats/requests", nil, http.Header{"Accept-Encoding": {"gzip;q=0"}})
	if refused.Header().Get("Content-Encoding") != "" {
		t.Error("compressed although the client refused gzip")
	}
}

func decode(t *testing.T, w interface{ Result() *http.Response }, v any) {
	t.Helper()
	res := w.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("decoding: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestRowCache(t *testing.T) {
	var c rowCache
	a, b := fixtureSnapshot(), fixtureSnapshot()
	first := c.get(a, a.Entries)
	if again := c.get(a, a.Entries); &again[0] != &first[0] {
		t.Error("the rows of the same snapshot were computed twice")
	}
	b.Total.Requests = 999
	if other := c.get(b, b.Entries); other[len(other)-1].NumRequests != 999 {
		t.Errorf("a new snapshot got the old rows: total %d", other[len(other)-1].NumRequests)
	}
}

func TestStatsRequestsShowInterrupted(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Entries[0].Interrupted, snap.Total.Interrupted = 2, 2
	s := newTestServer(t, newFake(snap), Options{})
	var body statsBody
	decode(t, get(s.Handler(), "/stats/requests"), &body)
	got := map[string]int64{}
	for _, r := range body.Stats {
		got[r.Name] = r.Interrupted
	}
	if got[snap.Entries[0].Name] != 2 || got[stats.TotalName] != 2 {
		t.Errorf("interrupted per row %v, want 2 for %s and the total", got, snap.Entries[0].Name)
	}
}
