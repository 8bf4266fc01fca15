package web

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"github.com/gustload/gust/internal/testenv"
)

var screenshots = flag.String("screenshots", "", "save the browser test's screenshots of each tab into this directory (docs/)")

// findChromium returns Debian's chromium (or another Chrome), or ends the
// test by testenv's rule: skipped, or failed with GUST_REQUIRE_INTEGRATION=1.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	testenv.Unavailable(t, "chromium is not installed (apt-get install chromium)")
	return ""
}

// newBrowser starts a headless chromium with its own profile and download
// directory; everything stops when the test ends.
func newBrowser(t *testing.T, execPath, downloads string) (context.Context, context.CancelFunc) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	cancel := func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		t.Fatalf("starting chromium: %v", err)
	}
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: new(false)})
	if err != nil {
		cancel()
		t.Fatalf("setting the download directory: %v", err)
	}
	return ctx, cancel
}

func TestBrowser(t *testing.T) {
	execPath := findChromium(t)
	sim := newSim()
	sim.results = simThresholds
	// Under a base path, as behind a reverse proxy: every request the page
	// makes must stay under it (the real-binary tests serve at the root).
	srv := newTestServer(t, sim, Options{Login: "admin:s3cret", HistoryInterval: time.Second, Title: "shop demo",
		Version: "dev", Defaults: StartRequest{Users: 20, SpawnRate: 5}, BasePath: "/gust",
		ClassPicker: true, Kinds: []string{"WebUser", "APIUser"}})
	serveInBackground(t, srv)
	downloads := t.TempDir()
	ctx, cancel := newBrowser(t, execPath, downloads)
	shots := *screenshots
	if shots == "" {
		shots = t.TempDir()
	}
	b := &browserRun{t: t, ctx: ctx, url: srv.URL(), shots: shots, downloads: downloads}
	t.Cleanup(func() { cancel(); b.wg.Wait() })

	b.answerLoginPrompts()
	b.checkLoginRequired()
	b.login("admin", "s3cret")
	b.startTest(sim)
	b.checkTabs()
	b.download("#dl-requests", "_requests.csv", "Type,Name,Request Count,")
	b.download("#dl-report", "_report.html", "Request statistics")
	b.checkSaturation(sim)
	b.editUsers(sim)
	b.stop(sim)
	b.checkReport()
	b.checkLargeTest()
	b.checkArrivalTest()
	b.checkShapeStartForm()
	b.checkURLModeStartForm()
}

// browserRun drives one page through the test, failing at the first
// broken step.
type browserRun struct {
	t         *testing.T
	ctx       context.Context
	url       string
	shots     string
	downloads string

	wg     sync.WaitGroup
	mu     sync.Mutex
	answer *fetch.AuthChallengeResponse // the answer to the next login prompt
}

func (b *browserRun) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// waitJS waits until a JavaScript expression is true.
func (b *browserRun) waitJS(what, expr string) {
	b.t.Helper()
	b.do("waiting for "+what, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second)))
}

// eval returns the value of a JavaScript expression.
func eval[T any](b *browserRun, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitText waits until the text of sel satisfies ok, failing the test with
// the last text read if it does not within 20 s.
func (b *browserRun) waitText(what, sel string, ok func(string) bool) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := b.text(sel)
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("waited 20s for %s: %s reads %q", what, sel, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (b *browserRun) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

func (b *browserRun) value(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("reading %s: %v", sel, err)
	}
	return v
}

func (b *browserRun) screenshot(name string) {
	b.t.Helper()
	b.do("settling", chromedp.Sleep(300*time.Millisecond))
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// answerLoginPrompts answers the browser's HTTP Basic prompts as a person
// would, with the answer login sets (cancel until then).
func (b *browserRun) answerLoginPrompts() {
	b.t.Helper()
	b.answer = &fetch.AuthChallengeResponse{Response: fetch.AuthChallengeResponseResponseCancelAuth}
	paused := chromedp.Events(b.ctx, fetch.RequestPaused)
	prompts := chromedp.Events(b.ctx, fetch.AuthRequired)
	if _, err := chromedp.Call(b.ctx, fetch.Enable, fetch.EnableParams{HandleAuthRequests: new(true)}); err != nil {
		b.t.Fatal(err)
	}
	b.wg.Go(func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(b.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
	})
	b.wg.Go(func() {
		for ev, err := range prompts {
			if err != nil {
				return
			}
			b.mu.Lock()
			answer := b.answer
			b.mu.Unlock()
			_, _ = chromedp.Call(b.ctx, fetch.ContinueWithAuth, fetch.ContinueWithAuthParams{RequestID: ev.RequestID, AuthChallengeResponse: answer})
		}
	})
}

func (b *browserRun) checkLoginRequired() {
	b.t.Helper()
	b.do("opening the UI without the login", chromedp.Navigate(b.url))
	// Chrome swaps the document once more after the cancelled prompt, so
	// read the page until it has settled.
	deadline := time.Now().Add(20 * time.Second)
	for {
		body, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err == nil && strings.Contains(body, "login required") {
			break
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("without the login the page shows %q (%v)", body, err)
		}
		b.do("settling", chromedp.Sleep(100*time.Millisecond))
	}
	if n := eval[int](b, `document.querySelectorAll("#start-form, script").length`); n != 0 {
		b.t.Errorf("without the login the page still has %d forms or scripts", n)
	}
}

func (b *browserRun) login(user, pass string) {
	b.t.Helper()
	b.mu.Lock()
	b.answer = &fetch.AuthChallengeResponse{Response: fetch.AuthChallengeResponseResponseProvideCredentials, Username: user, Password: pass}
	b.mu.Unlock()
	b.do("logging in", chromedp.Navigate(b.url), chromedp.WaitVisible(chromedp.CSS("#start-form")))
}

func (b *browserRun) startTest(sim *simController) {
	b.t.Helper()
	if v := b.value(`#start-form [name="user_count"]`); v != "20" {
		b.t.Errorf("the start form shows %q users, want the default 20", v)
	}
	b.do("filling the start form",
		chromedp.SetValue(chromedp.CSS(`#start-form [name="user_count"]`), "50"),
		chromedp.SetValue(chromedp.CSS(`#start-form [name="spawn_rate"]`), "2"),
		chromedp.SetValue(chromedp.CSS(`#start-form [name="host"]`), "http://127.0.0.1:8080"),
		chromedp.SetValue(chromedp.CSS(`#start-form [name="run_time"]`), "30m"),
		chromedp.Click(chromedp.CSS(`#start-form [name="user_classes"][value="APIUser"]`))) // the class picker
	b.screenshot("web-start.png")
	b.do("starting", chromedp.Click(chromedp.CSS("#b-start")))
	b.waitJS("statistics rows", `document.querySelectorAll("#stats-table tbody tr").length === 12 &&
		document.querySelector("#stats-table tfoot td:nth-child(2)").textContent === "Aggregated"`)
	want := StartRequest{Users: 50, SpawnRate: 2, Host: "http://127.0.0.1:8080", RunTime: 30 * time.Minute,
		Kinds: []string{"WebUser"}}
	if got := sim.startsCopy(); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		b.t.Fatalf("the runner was asked %+v, want [%+v]", got, want)
	}
	if s := b.text("#s-state"); s != StateRunning {
		b.t.Errorf("header state %q", s)
	}
}

func (b *browserRun) checkTabs() {
	b.t.Helper()
	b.screenshot("web-statistics.png")
	b.do("sorting by requests", chromedp.Click(chromedp.CSS(`th[data-key="num_requests"]`)))
	if first := b.text("#stats-table tbody tr td:nth-child(2)"); first != "/" {
		b.t.Errorf("sorted by requests, the first row is %q, want /", first)
	}
	b.selectTab("charts")
	b.waitJS("drawn charts", chartsDrawn)
	b.screenshot("web-charts.png")
	b.checkTimeAxis()
	b.do("choosing an endpoint", chromedp.SetValue(chromedp.CSS("#endpoint"), `["GET","/api/items"]`),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("endpoint").dispatchEvent(new Event("change"))`))
	b.waitJS("per-endpoint chart", `Number(document.getElementById("chart-caption").dataset.points) > 0 &&
		document.getElementById("chart-caption").textContent.includes("/api/items")`)
	b.selectTab("failures")
	b.waitJS("failure rows", `document.querySelectorAll("#failures-table tbody tr").length >= 4`)
	b.screenshot("web-failures.png")
	b.selectTab("exceptions")
	b.waitJS("exception rows", `document.querySelectorAll("#exceptions-table tbody tr").length === 1`)
	b.do("unfolding a stack", chromedp.Click(chromedp.CSS("#exceptions-table summary")))
	b.screenshot("web-exceptions.png")
	b.selectTab("ratio")
	b.waitJS("task ratios", `document.getElementById("ratio-total").textContent.includes("browse")`)
	b.screenshot("web-ratio.png")
	b.checkThresholds()
	b.selectTab("download")
	b.screenshot("web-download.png")
	if !eval[bool](b, `document.querySelector('[data-tab="workers"]').hidden`) {
		b.t.Error("the Workers tab shows outside distributed mode")
	}
}

// chartsDrawn is true when each of the three charts has painted lines.
const chartsDrawn = `(function () {
	var cs = document.querySelectorAll("#charts canvas");
	if (cs.length !== 3) return false;
	return Array.prototype.every.call(cs, function (c) {
		var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data, n = 0;
		for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
		return n > 500;
	});
})()`

func (b *browserRun) selectTab(name string) {
	b.t.Helper()
	b.do("tab "+name, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.tabs [data-tab=%q]`, name))),
		chromedp.WaitVisible(chromedp.CSS("#tab-"+name)))
}

// download clicks a link and checks the file it saves.
func (b *browserRun) download(sel, suffix, want string) {
	b.t.Helper()
	b.do("downloading "+sel, chromedp.Click(chromedp.CSS(sel)))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(filepath.Join(b.downloads, "gust_*"+suffix))
		if len(matches) == 1 {
			body, err := os.ReadFile(matches[0])
			if err == nil && strings.Contains(string(body), want) {
				return
			}
		}
		b.do("waiting for the download", chromedp.Sleep(200*time.Millisecond))
	}
	b.t.Fatalf("no downloaded *%s containing %q in %s", suffix, want, b.downloads)
}

func (b *browserRun) editUsers(sim *simController) {
	b.t.Helper()
	b.do("editing the users", chromedp.Click(chromedp.CSS("#b-edit")),
		chromedp.WaitVisible(chromedp.CSS("#edit-dialog")),
		chromedp.SetValue(chromedp.CSS(`#edit-form [name="user_count"]`), "80"),
		chromedp.Click(chromedp.CSS("#b-update")), chromedp.WaitNotVisible(chromedp.CSS("#edit-dialog")))
	got := sim.startsCopy()
	if len(got) != 2 || got[1].Users != 80 || got[1].SpawnRate != 2 || got[1].Host != "" {
		b.t.Fatalf("after the edit the runner was asked %+v", got)
	}
}

func (b *browserRun) stop(sim *simController) {
	b.t.Helper()
	b.do("stopping", chromedp.Click(chromedp.CSS("#b-stop")))
	b.waitJS("stopped state", `document.getElementById("s-state").textContent === "stopped" &&
		!document.getElementById("b-new").hidden && document.getElementById("b-stop").hidden`)
	if _, stops, _ := sim.counts(); stops != 1 {
		b.t.Errorf("%d stops", stops)
	}
	b.do("new test", chromedp.Click(chromedp.CSS("#b-new")), chromedp.WaitVisible(chromedp.CSS("#start-form")))
}

func (b *browserRun) checkSaturation(sim *simController) {
	b.t.Helper()
	sim.fakeController.mu.Lock()
	sim.saturated = true
	sim.fakeController.mu.Unlock()
	b.waitJS("the saturation warning", `!document.getElementById("saturation").hidden`)
	if s := b.text("#saturation"); s != satDetail {
		b.t.Errorf("saturation banner %q, want the detail once: %q", s, satDetail)
	}
	b.checkSaturatedWorker(sim)
}

// checkSaturatedWorker shows a saturated worker in the Workers tab, then
// takes the workers away again.
func (b *browserRun) checkSaturatedWorker(sim *simController) {
	b.t.Helper()
	sim.fakeController.mu.Lock()
	sim.workers = []Worker{{ID: "w_1", State: "running", Users: 3, CPU: 97, Saturation: "CPU at 97% of 1 core"},
		{ID: "w_2", State: "running", Users: 3, CPU: 40}}
	sim.fakeController.mu.Unlock()
	b.waitJS("the Workers tab", `!document.querySelector('[data-tab="workers"]').hidden`)
	b.selectTab("workers")
	b.waitJS("the workers' rows", `document.querySelectorAll("#workers-table tbody tr").length === 2`)
	rows := eval[[]string](b, `Array.from(document.querySelectorAll("#workers-table tbody tr")).map(function (r) {
		var s = r.cells[1]; return r.cells[0].textContent + "|" + s.textContent + "|" + s.className + "|" + s.title; })`)
	want := []string{"w_1|running, saturated|text fail|CPU at 97% of 1 core", "w_2|running|text|"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		b.t.Errorf("workers rows %q, want %q", rows, want)
	}
	sim.fakeController.mu.Lock()
	sim.workers = nil
	sim.fakeController.mu.Unlock()
	b.waitJS("the Workers tab hidden again", `document.querySelector('[data-tab="workers"]').hidden`)
	b.selectTab("stats")
}

// checkReport opens the HTML report and checks that its charts are drawn
// with no network.
func (b *browserRun) checkReport() {
	b.t.Helper()
	b.do("opening the report", chromedp.Navigate(b.url+"stats/report"), chromedp.WaitVisible(chromedp.CSS("#charts")))
	b.waitJS("the report's charts", chartsDrawn)
	if n := eval[int](b, `document.querySelectorAll("table tbody tr").length`); n < 24 {
		b.t.Errorf("the report has %d table rows, want at least 24", n)
	}
	b.screenshot("web-report.png")
}

// checkLargeTest loads a page for a test with 520 endpoints and an hour of
// history, and checks it renders. It logs how long the renders took
// (machines are too noisy to assert timings).
func (b *browserRun) checkLargeTest() {
	b.t.Helper()
	f := newFake(largeSnapshot(520, maxChartPoints))
	f.state = StateRunning
	srv := newTestServer(b.t, f, Options{})
	serveInBackground(b.t, srv)
	b.do("opening the large test", chromedp.Navigate(srv.URL()))
	b.waitJS("500 rows", `document.querySelectorAll("#stats-table tbody tr").length === 500 &&
		!document.getElementById("stats-note").hidden`)
	statsMs := eval[float64](b, `(function () { var t0 = performance.now();
		document.querySelector('.tabs [data-tab="stats"]').click(); return performance.now() - t0; })()`)
	chartsMs := eval[float64](b, `(function () { var t0 = performance.now();
		document.querySelector('.tabs [data-tab="charts"]').click(); return performance.now() - t0; })()`)
	b.waitJS("charts of an hour", chartsDrawn+` && Number(document.getElementById("chart-caption").dataset.points) >= 3600`)
	if n := eval[int](b, `document.getElementById("endpoint").options.length`); n != 501 {
		b.t.Errorf("the endpoint list has %d options, want 500 and the aggregate", n)
	}
	b.t.Logf("500 endpoints: statistics rendered in %.1f ms, charts of %d points in %.1f ms", statsMs, maxChartPoints, chartsMs)
}

// startsCopy returns the Start requests so far.
func (f *fakeController) startsCopy() []StartRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]StartRequest(nil), f.starts...)
}
