package web

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// fixtureResults are three thresholds: one holds, one is breached, one has
// nothing to measure yet.
var fixtureResults = []ThresholdResult{
	{Threshold: "p95<3s", Actual: "2.4s", Pass: true},
	{Threshold: "GET /slow:p99<500ms", Actual: "2.5s"},
	{Threshold: "GET /later:fail_ratio<0.01", Pending: true, Error: "gust: threshold filter matched no request: GET /later"},
}

// modelSnapshot is the fixture run as an arrival rate that fell behind,
// with corrected response times for /slow (and so for the total).
func modelSnapshot() *stats.Snapshot {
	snap := fixtureSnapshot()
	snap.Arrival = &stats.Arrival{Target: "500/s", Requested: 500, Achieved: 431.25, Due: 30000, Started: 25875,
		Dropped: 4000, Late: 125, Lag: 1500 * time.Microsecond, MaxLag: 2 * time.Second, Users: 100, MaxUsers: 100}
	for _, e := range []*stats.Entry{snap.Entry("GET", "/slow"), snap.Total} {
		e.Corrected = stats.NewHistogram()
		for _, d := range spread(10, time.Second, 4*time.Second) {
			_ = e.Corrected.RecordValue(d.Microseconds())
		}
		e.CorrectedMax = 4 * time.Second
	}
	return snap
}

func newModelFake() *fakeController {
	f := newFake(modelSnapshot())
	f.model, f.target, f.results, f.aborted, f.state = ModelArrival, "500/s", fixtureResults, true, StateRunning
	return f
}

func TestStatsRequestsModelsGolden(t *testing.T) {
	s := newTestServer(t, newModelFake(), Options{})
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, get(s.Handler(), "/stats/requests").Body.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	golden(t, "stats_requests_models.golden.json", pretty.Bytes())
}

func TestStatsRequestsModels(t *testing.T) {
	s := newTestServer(t, newModelFake(), Options{})
	var body statsBody
	decode(t, get(s.Handler(), "/stats/requests"), &body)
	if body.LoadModel != ModelArrival || body.LoadTarget != "500/s" {
		t.Errorf("load model %q %q", body.LoadModel, body.LoadTarget)
	}
	want := arrivalBody{JSONArrival: report.JSONArrival{Target: "500/s", RequestedRate: 500, AchievedRate: 431.25, Due: 30000,
		Started: 25875, Dropped: 4000, Late: 125, MaxLag: 2000, Users: 100, MaxUsers: 100}, Lag: 1.5, Behind: true}
	if body.Arrival == nil || *body.Arrival != want {
		t.Errorf("arrival %+v, want %+v", body.Arrival, want)
	}
	if th := body.Thresholds; th == nil || th.Passed || !th.Aborted || !slices.Equal(th.Results, fixtureResults) {
		t.Errorf("thresholds %+v", th)
	}
	for _, r := range body.Stats {
		has := r.CorrectedP95 != nil && r.CorrectedP99 != nil
		if has != (r.Name == "/slow" || r.Name == stats.TotalName) {
			t.Errorf("%s %s: corrected percentiles %v, %v", r.Method, r.Name, r.CorrectedP95, r.CorrectedP99)
		}
		if has && (*r.CorrectedP95 < 3500 || *r.CorrectedP99 > 4000 || *r.CorrectedP95 <= r.P95) {
			t.Errorf("%s: corrected p95 %v, p99 %v; uncorrected p95 %v", r.Name, *r.CorrectedP95, *r.CorrectedP99, r.P95)
		}
	}
}

// TestStatsRequestsModelsKeepLocustKeys checks that the corrected
// percentiles are only added to Locust's keys, and that a test of users
// carries no arrival or thresholds object.
func TestStatsRequestsModelsKeepLocustKeys(t *testing.T) {
	corrected := []string{"corrected_response_time_percentile_0.95", "corrected_response_time_percentile_0.99"}
	for _, tc := range []struct {
		name   string
		ctl    *fakeController
		absent []string
	}{
		{"arrival rate", newModelFake(), nil},
		{"users", newFake(fixtureSnapshot()), []string{"arrival", "thresholds", "load_target"}},
	} {
		s := newTestServer(t, tc.ctl, Options{})
		var body map[string]any
		decode(t, get(s.Handler(), "/stats/requests"), &body)
		for _, r := range body["stats"].([]any) {
			row := r.(map[string]any)
			keys := slices.DeleteFunc(slices.Sorted(maps.Keys(row)), func(k string) bool { return slices.Contains(corrected, k) })
			if !slices.Equal(keys, locustEntryKeys) {
				t.Errorf("%s: entry keys %v, want Locust's %v", tc.name, keys, locustEntryKeys)
			}
		}
		for _, k := range tc.absent {
			if _, ok := body[k]; ok {
				t.Errorf("%s: key %q present", tc.name, k)
			}
		}
		if body["load_model"] == "" {
			t.Errorf("%s: no load_model", tc.name)
		}
	}
}

func TestSwarmUnderALoadModel(t *testing.T) {
	for _, tc := range []struct {
		model string
		form  url.Values
		want  StartRequest
		code  int
	}{
		{ModelStages, url.Values{"run_time": {"5m"}}, StartRequest{RunTime: 5 * time.Minute}, http.StatusOK},
		{ModelShape, url.Values{}, StartRequest{}, http.StatusOK},
		{ModelArrival, url.Values{"user_count": {"5"}}, StartRequest{Users: 5}, http.StatusOK},
		{ModelArrival, url.Values{"user_count": {"ten"}}, StartRequest{}, http.StatusBadRequest},
		{ModelStages, url.Values{"spawn_rate": {"0"}}, StartRequest{}, http.StatusBadRequest},
		{ModelUsers, url.Values{"run_time": {"5m"}}, StartRequest{}, http.StatusBadRequest},
	} {
		f := newFake(nil)
		f.model = tc.model
		s := newTestServer(t, f, Options{})
		w := postForm(s.Handler(), tc.form, nil)
		if w.Code != tc.code {
			t.Errorf("%s %v: status %d, want %d: %s", tc.model, tc.form, w.Code, tc.code, w.Body)
			continue
		}
		starts, _, _ := f.counts()
		if tc.code == http.StatusOK && (starts != 1 || !reflect.DeepEqual(f.starts[0], tc.want)) {
			t.Errorf("%s %v: Start calls %+v, want [%+v]", tc.model, tc.form, f.starts, tc.want)
		}
		if tc.code != http.StatusOK && starts != 0 {
			t.Errorf("%s %v: a bad form started a test", tc.model, tc.form)
		}
	}
}

func TestIndexEmbedsTheModel(t *testing.T) {
	s := newTestServer(t, newModelFake(), Options{})
	_, rest, _ := strings.Cut(get(s.Handler(), "/").Body.String(), `<script type="application/json" id="gust-args">`)
	raw, _, _ := strings.Cut(rest, "</script>")
	var args pageArgs
	if err := json.Unmarshal([]byte(raw), &args); err != nil || args.LoadModel != ModelArrival || args.LoadTarget != "500/s" {
		t.Errorf("embedded args %+v (%v)", args, err)
	}
}

func TestThresholdStatus(t *testing.T) {
	for _, tc := range []struct {
		r          ThresholdResult
		live, dead string
	}{
		{ThresholdResult{Pass: true}, "pass", "pass"},
		{ThresholdResult{}, "fail", "fail"},
		{ThresholdResult{Pending: true, Error: "gust: threshold filter matched no request"}, "waiting", "error"},
		{ThresholdResult{Error: "gust: unknown metric"}, "error", "error"},
	} {
		if live, dead := tc.r.status(true), tc.r.status(false); live != tc.live || dead != tc.dead {
			t.Errorf("%+v: %q live and %q ended, want %q and %q", tc.r, live, dead, tc.live, tc.dead)
		}
	}
}

func TestModelLabel(t *testing.T) {
	for _, tc := range []struct{ model, target, want string }{
		{ModelUsers, "", ""},
		{"", "", ""},
		{ModelArrival, "500/s", "arrival 500/s"},
		{ModelArrival, "30s:100,1m:500", "arrival stages"},
		{ModelStages, "1m:100:10,5m:100", "stages"},
		{ModelShape, "", "shape"},
	} {
		if got := modelLabel(tc.model, tc.target); got != tc.want {
			t.Errorf("modelLabel(%q, %q) = %q, want %q", tc.model, tc.target, got, tc.want)
		}
	}
}
