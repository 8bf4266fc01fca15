package web

import (
	"reflect"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gustload/gust/internal/stats"
)

// simThresholds are the pretend test's thresholds: two hold, one is
// breached.
var simThresholds = []ThresholdResult{
	{Threshold: "p95<500ms", Actual: "84.2ms", Pass: true},
	{Threshold: "GET /slow:p99<300ms", Actual: "1.02s"},
	{Threshold: "fail_ratio<0.05", Actual: "0.0061", Pass: true},
}

// simArrival makes the pretend test an arrival rate that falls a little
// behind, with response times corrected for coordinated omission: the
// same shape, inflated by the time the iterations waited.
func simArrival(snap *stats.Snapshot, target string) {
	secs := snap.Time.Sub(snap.Start).Seconds()
	due := int64(40 * secs)
	snap.Arrival = &stats.Arrival{Target: target, Requested: 40, Achieved: 40 * 0.97, Due: due, Started: due * 97 / 100,
		Dropped: due * 3 / 100, Late: due / 50, Lag: 3 * time.Millisecond, MaxLag: 850 * time.Millisecond,
		Users: snap.Users, MaxUsers: snap.Users}
	for _, e := range append(snap.Entries[:len(snap.Entries):len(snap.Entries)], snap.Total) {
		if e.Hist == nil || e.Requests == 0 {
			continue
		}
		e.Corrected = stats.NewHistogram()
		for k := range 50 {
			v := e.Hist.ValueAtQuantile(float64(k)*2 + 1)
			v = v*3/2 + int64(k*k)*200 // waiting adds most to the tail
			_ = e.Corrected.RecordValues(v, max(1, e.Requests/50))
			e.CorrectedMax = max(e.CorrectedMax, time.Duration(v)*time.Microsecond)
		}
	}
}

// checkThresholds opens the Thresholds tab of the pretend test, whose
// badge counts the breached threshold.
func (b *browserRun) checkThresholds() {
	b.t.Helper()
	if n := b.text("#n-thresholds"); n != "1" {
		b.t.Errorf("the Thresholds tab's badge says %q, want 1", n)
	}
	b.selectTab("thresholds")
	b.waitJS("threshold rows", `document.querySelectorAll("#thresholds-table tbody tr").length === 3`)
	row := b.text("#thresholds-table tbody tr:nth-child(2)")
	if !strings.Contains(row, "FAIL") || !strings.Contains(row, "GET /slow:p99<300ms") || !strings.Contains(row, "1.02s") {
		b.t.Errorf("the breached threshold's row reads %q", row)
	}
	if v := b.text("#t-verdict"); v != "1 of 3 thresholds failed." {
		b.t.Errorf("the verdict reads %q", v)
	}
	b.screenshot("web-thresholds.png")
}

// checkArrivalTest opens a pretend arrival-rate test that a threshold
// stopped: the header names the model and offers no edit, the Statistics
// tab shows the schedule and the corrected percentiles.
func (b *browserRun) checkArrivalTest() {
	b.t.Helper()
	sim := newSim()
	sim.fakeController.model, sim.fakeController.target = ModelArrival, "40/s"
	sim.results, sim.aborted = simThresholds, true
	if err := sim.Start(StartRequest{Users: 50, SpawnRate: 5}); err != nil {
		b.t.Fatal(err)
	}
	srv := newTestServer(b.t, sim, Options{Title: "shop demo", Version: "dev"})
	serveInBackground(b.t, srv)
	b.do("opening the arrival-rate test", chromedp.Navigate(srv.URL()))
	b.waitJS("the arrival panel", `!document.getElementById("arrival").hidden &&
		document.getElementById("a-requested").textContent === "40.0/s" &&
		document.querySelectorAll("#stats-table tbody tr").length === 12`)
	if m := b.text("#s-model"); m != "arrival 40/s" {
		b.t.Errorf("the header's load model reads %q", m)
	}
	if !eval[bool](b, `document.getElementById("b-edit").hidden`) {
		b.t.Error("an arrival-rate test offers to edit the users")
	}
	if !strings.Contains(b.text("#a-note"), "could not keep the schedule") || b.text("#a-dropped") == "0" {
		b.t.Errorf("the arrival panel does not say the schedule slipped: %q", b.text("#a-note"))
	}
	heads := eval[string](b, `Array.prototype.filter.call(document.querySelectorAll("#stats-table th"),
		function (th) { return !th.hidden; }).map(function (th) { return th.textContent; }).join("|")`)
	if !strings.Contains(heads, "99%ile (ms)|Corrected 95%ile (ms)|Corrected 99%ile (ms)|Average (ms)") {
		b.t.Errorf("the statistics table's columns are %s", heads)
	}
	cells := eval[int](b, `document.querySelector("#stats-table tfoot tr").children.length`)
	if cells != 15 {
		b.t.Errorf("the total row has %d cells, want 15 with the corrected percentiles", cells)
	}
	b.screenshot("web-arrival.png")
	if !eval[bool](b, `document.getElementById("aborted").hidden`) {
		b.t.Error("a running test says a threshold stopped it")
	}
	b.do("stopping", chromedp.Click(chromedp.CSS("#b-stop")))
	b.waitJS("the note that a threshold stopped the test", `!document.getElementById("aborted").hidden &&
		document.getElementById("s-state").textContent === "stopped"`)
}

// checkShapeStartForm opens a test driven by --stages: the start form asks
// for no users or ramp, and starts the test without them.
func (b *browserRun) checkShapeStartForm() {
	b.t.Helper()
	f := newFake(nil)
	f.model, f.target = ModelStages, "1m:100:10,5m:100,1m:0"
	srv := newTestServer(b.t, f, Options{})
	serveInBackground(b.t, srv)
	b.do("opening a test of stages", chromedp.Navigate(srv.URL()), chromedp.WaitVisible(chromedp.CSS("#start-form")))
	if !eval[bool](b, `document.getElementById("f-users").hidden && document.getElementById("f-rate").hidden`) {
		b.t.Error("the start form of a shape asks for users or a ramp")
	}
	if n := b.text("#f-model"); !strings.Contains(n, "1m:100:10,5m:100,1m:0") {
		b.t.Errorf("the start form's note reads %q", n)
	}
	b.do("starting the stages", chromedp.Click(chromedp.CSS("#b-start")))
	b.waitJS("the running state", `document.getElementById("s-state").textContent === "running"`)
	want := StartRequest{Host: "http://127.0.0.1:8080"}
	if got := f.startsCopy(); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		b.t.Errorf("the runner was asked %+v, want [%+v]", got, want)
	}
	if m := b.text("#s-model"); m != "stages" {
		b.t.Errorf("the header's load model reads %q", m)
	}
}
