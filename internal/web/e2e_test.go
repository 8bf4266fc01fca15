package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gustload/gust/internal/testenv"
)

// TestBrowserDrivesRealGust starts the real gust binary against its demo
// target with the UI on, and drives a whole test from Chromium: login,
// start, live rows and charts, edit the users, stop, downloads.
func TestBrowserDrivesRealGust(t *testing.T) {
	execPath := findChromium(t)
	port := startGust(t, "-t", "0", "-u", "4", "--web-login", "admin:s3cret")
	downloads := t.TempDir()
	ctx, cancel := newBrowser(t, execPath, downloads)
	b := &browserRun{t: t, ctx: ctx, url: "http://127.0.0.1:" + port + "/", shots: t.TempDir(), downloads: downloads}
	t.Cleanup(func() { cancel(); b.wg.Wait() })
	b.answerLoginPrompts()
	b.checkLoginRequired()
	b.login("admin", "s3cret")

	b.do("starting 10 users", chromedp.SetValue(chromedp.CSS(`#start-form [name="user_count"]`), "10"),
		chromedp.SetValue(chromedp.CSS(`#start-form [name="spawn_rate"]`), "10"),
		chromedp.Click(chromedp.CSS("#b-start")))
	b.waitJS("the demo's rows", `Array.prototype.some.call(document.querySelectorAll("#stats-table tbody td"),
		function (td) { return td.textContent === "/item?id=[id]"; })`)
	b.selectTab("charts")
	b.waitJS("drawn charts", chartsDrawn)
	b.do("editing the users", chromedp.Click(chromedp.CSS("#b-edit")), chromedp.WaitVisible(chromedp.CSS("#edit-dialog")),
		chromedp.SetValue(chromedp.CSS(`#edit-form [name="user_count"]`), "20"),
		chromedp.Click(chromedp.CSS("#b-update")), chromedp.WaitNotVisible(chromedp.CSS("#edit-dialog")))
	waitForUsers(t, b.url, 20)
	b.do("stopping", chromedp.Click(chromedp.CSS("#b-stop")))
	b.waitJS("stopped state", `document.getElementById("s-state").textContent === "stopped"`)
	b.selectTab("download")
	b.download("#dl-requests", "_requests.csv", "GET,/item?id=[id],")
	b.download("#dl-report", "_report.html", "/item?id=[id]")
}

// TestBrowserShowsRealArrivalRate runs the real gust at an arrival rate
// with thresholds, and checks that the page shows the load model, the
// schedule, the corrected percentiles and the thresholds. The run lasts an
// hour and is stopped from the page once it has been read: a run that ended
// first would show the stopped test's figures instead.
func TestBrowserShowsRealArrivalRate(t *testing.T) {
	execPath := findChromium(t)
	port := startGust(t, "--autostart", "-t", "1h", "--arrival-rate", "20", "--max-users", "10", "-u", "2",
		"--threshold", "p95<10s", "--threshold", "GET /never:p99<1s")
	ctx, cancel := newBrowser(t, execPath, t.TempDir())
	b := &browserRun{t: t, ctx: ctx, url: "http://127.0.0.1:" + port + "/", shots: t.TempDir()}
	t.Cleanup(cancel)
	b.do("opening the UI", chromedp.Navigate(b.url))
	b.waitJS("the arrival panel and the corrected percentiles", `!document.getElementById("arrival").hidden &&
		document.getElementById("a-requested").textContent === "20.0/s" &&
		!document.querySelector("#stats-table th.corr").hidden`)
	b.waitText("the header's load model", "#s-model", func(s string) bool { return s == "arrival 20/s" })
	b.selectTab("thresholds")
	b.waitJS("the threshold rows", `document.querySelectorAll("#thresholds-table tbody tr").length === 2`)
	// The first threshold waits for data until the first samples arrive.
	for i, want := range []string{"pass p95<10s", "waiting GET /never:p99<1s"} {
		b.waitText(fmt.Sprintf("threshold row %d to start with %q", i+1, want), fmt.Sprintf("#thresholds-table tbody tr:nth-child(%d)", i+1),
			func(s string) bool { return strings.HasPrefix(strings.Join(strings.Fields(s), " "), want) })
	}
	b.do("stopping", chromedp.Click(chromedp.CSS("#b-stop")))
	b.waitJS("stopped state", `document.getElementById("s-state").textContent === "stopped"`)
}

// TestBrowserShowsRealURLMode starts the real gust in URL mode with --wait
// and checks that the start form lists the URLs and the wait, and that the
// header shows their host. No test is started.
func TestBrowserShowsRealURLMode(t *testing.T) {
	execPath := findChromium(t)
	port := startBinary(t, "--wait", "0.5s-1.5s", "-P", "PORT", "http://127.0.0.1:9/", "http://127.0.0.1:9/search@3")
	ctx, cancel := newBrowser(t, execPath, t.TempDir())
	b := &browserRun{t: t, ctx: ctx, url: "http://127.0.0.1:" + port + "/", shots: t.TempDir()}
	t.Cleanup(cancel)
	b.do("opening the UI", chromedp.Navigate(b.url), chromedp.WaitVisible(chromedp.CSS("#f-urls")))
	b.waitJS("the header's host", `document.getElementById("s-host").textContent === "127.0.0.1:9"`)
	note := strings.Join(strings.Fields(b.text("#f-urls")), " ")
	want := "URL mode: each user requests these URLs, picked by weight, and waits 500ms-1.5s after each request " +
		"(--wait). http://127.0.0.1:9/ http://127.0.0.1:9/search@3"
	if note != want || eval[bool](b, `document.getElementById("f-nowait") !== null`) {
		t.Errorf("the form's URL mode note reads %q, want %q and no warning", note, want)
	}
}

// startGust builds gust and runs its demo with the web UI on a free port
// and the given options, until the test ends; it returns the port.
func startGust(t *testing.T, args ...string) string {
	t.Helper()
	return startBinary(t, append([]string{"demo", "--headless=false", "--web-port", "PORT"}, args...)...)
}

// startBinary builds gust and runs it with args, in which "PORT" stands for
// a free port for the web UI, until the test ends; it returns the port.
func startBinary(t *testing.T, args ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gust")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/gust").CombinedOutput(); err != nil {
		t.Fatalf("building gust: %v\n%s", err, out)
	}
	port := testenv.FreePort(t)
	for i, a := range args {
		if a == "PORT" {
			args[i] = port
		}
	}
	cmd := exec.Command(bin, args...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	waitForLine(t, stderr, "web UI at")
	return port
}

// waitForLine reads r until a line contains want, then drains it in the background.
func waitForLine(t *testing.T, r interface{ Read([]byte) (int, error) }, want string) {
	t.Helper()
	sc := bufio.NewScanner(r)
	found := make(chan bool, 1)
	go func() {
		ok := false
		for sc.Scan() {
			if !ok && strings.Contains(sc.Text(), want) {
				ok = true
				found <- true
			}
		}
		if !ok {
			found <- false
		}
	}()
	select {
	case ok := <-found:
		if !ok {
			t.Fatalf("gust ended without printing %q", want)
		}
	case <-time.After(time.Minute):
		t.Fatalf("gust did not print %q within a minute", want)
	}
}

// waitForUsers polls the API until the running test has n users.
func waitForUsers(t *testing.T, base string, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest("GET", base+"stats/requests", nil)
		req.SetBasicAuth("admin", "s3cret")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			var body struct {
				UserCount int `json:"user_count"`
			}
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if err == nil && body.UserCount == n {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the test never reached %d users after the edit", n)
}
