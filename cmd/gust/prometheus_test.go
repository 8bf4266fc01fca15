package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	demosrv "github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/testenv"
)

// startPrometheus starts Debian's prometheus with its remote-write receiver
// on a free loopback port and a temporary storage folder, waits until it is
// ready and returns its URL. It is stopped (by its pid) when the test ends.
func startPrometheus(t *testing.T) string {
	t.Helper()
	bin := testenv.Program(t, "prometheus", "apt-get install prometheus")
	dir := t.TempDir()
	config := dir + "/prometheus.yml"
	if err := os.WriteFile(config, []byte("global:\n  scrape_interval: 1h\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + testenv.FreePort(t)
	cmd := exec.Command(bin, "--config.file="+config, "--storage.tsdb.path="+dir+"/data",
		"--web.listen-address="+addr, receiverFlag(t, bin))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/-/ready"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("prometheus not ready after a minute:\n%s", log.String())
		}
	}
}

// receiverFlag is the flag that turns on the remote-write receiver:
// --web.enable-remote-write-receiver since Prometheus 2.33, a feature flag
// before.
func receiverFlag(t *testing.T, bin string) string {
	help, _ := exec.Command(bin, "--help").CombinedOutput()
	if bytes.Contains(help, []byte("--web.enable-remote-write-receiver")) {
		return "--web.enable-remote-write-receiver"
	}
	t.Logf("this prometheus has no --web.enable-remote-write-receiver; using --enable-feature=remote-write-receiver")
	return "--enable-feature=remote-write-receiver"
}

// promQuery runs an instant query and returns each series' value by the
// label key.
func promQuery(t *testing.T, base, query, key string) map[string]float64 {
	t.Helper()
	res, err := http.Get(base + "/api/v1/query?query=" + url.QueryEscape(query))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Status string
		Data   struct {
			Result []struct {
				Metric map[string]string
				Value  [2]any
			}
		}
	}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &body); err != nil || body.Status != "success" {
		t.Fatalf("query %s: %v\n%s", query, err, raw)
	}
	out := map[string]float64{}
	for _, r := range body.Data.Result {
		v, _ := strconv.ParseFloat(r.Value[1].(string), 64)
		out[r.Metric[key]] = v
	}
	return out
}

func TestRemoteWriteToPrometheus(t *testing.T) {
	prom := startPrometheus(t)
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	cmd, out, stderr := startGust(t, "--headless", "-u", "4", "-r", "100", "-t", "3s", "--json",
		"--prometheus-remote-write", prom+"/api/v1/write", "--prometheus-push-interval", "1s",
		"--prometheus-label", "testid=itest-1", target.URL+"/fast", target.URL+"/item?id=1@2")
	if code := exitCode(t, cmd, 2*time.Minute); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if rep.RemoteWrite == nil || rep.RemoteWrite.Dropped != 0 || rep.RemoteWrite.Pushed < 2 {
		t.Fatalf("prometheus_remote_write %+v, want at least two pushes and none dropped\n%s", rep.RemoteWrite, stderr)
	}
	got := promQuery(t, prom, `gust_requests_total{testid="itest-1"}`, "name")
	if len(got) != len(rep.Stats) {
		t.Errorf("Prometheus has %d request series, the summary %d endpoints: %v", len(got), len(rep.Stats), got)
	}
	for _, e := range rep.Stats {
		if got[e.Name] != float64(e.NumRequests) {
			t.Errorf("%s: Prometheus counts %v requests, the summary %d", e.Name, got[e.Name], e.NumRequests)
		}
	}
	counts := promQuery(t, prom, `gust_request_duration_seconds_count{testid="itest-1"}`, "name")
	for _, e := range rep.Stats {
		if counts[e.Name] != float64(e.NumRequests-e.NumNoneRequests) {
			t.Errorf("%s: histogram count %v, want %d", e.Name, counts[e.Name], e.NumRequests-e.NumNoneRequests)
		}
	}
}

// TestRemoteWriteFailsSoftly points gust at a closed port and at an endpoint
// that answers 500: the test runs to its end, warns once and counts the
// dropped pushes.
func TestRemoteWriteFailsSoftly(t *testing.T) {
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "storage full", http.StatusInternalServerError)
	}))
	defer failing.Close()
	closed := "http://127.0.0.1:" + testenv.FreePort(t) + "/api/v1/write"
	for _, tt := range []struct{ url, reason string }{{closed, "refused"}, {failing.URL, "500"}} {
		cmd, out, stderr := startGust(t, "--headless", "-u", "2", "-r", "100", "-t", "2s", "--json",
			"--prometheus-remote-write", tt.url, "--prometheus-push-interval", "500ms", target.URL+"/fast")
		if code := exitCode(t, cmd, 2*time.Minute); code != 0 {
			t.Fatalf("%s: exit %d\n%s", tt.url, code, stderr)
		}
		var rep report.JSONReport
		if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
			t.Fatalf("--json: %v\n%s", err, out)
		}
		rw := rep.RemoteWrite
		if rep.Total.NumRequests == 0 || rw == nil || rw.Pushed != 0 || rw.Dropped < 1 || !strings.Contains(rw.Error, tt.reason) {
			t.Errorf("%s: %d requests, remote write %+v; want requests, pushes dropped for %q", tt.url, rep.Total.NumRequests, rw, tt.reason)
		}
		log := stderr.String()
		if n := strings.Count(log, "Prometheus remote write failed"); n != 1 {
			t.Errorf("%s: warned %d times, want once:\n%s", tt.url, n, log)
		}
		if !strings.Contains(log, "dropped (first failure: ") {
			t.Errorf("%s: the summary does not say how many pushes were dropped:\n%s", tt.url, log)
		}
	}
}

func TestMetricsListenHeadless(t *testing.T) {
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	addr := "127.0.0.1:" + testenv.FreePort(t)
	cmd, _, stderr := startGust(t, "--headless", "-u", "2", "-r", "100", "-t", "1h", "--metrics-listen", addr, target.URL+"/fast")
	waitForRequests(t, target.URL)
	var body string
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(body, `gust_requests_total{method="GET",name="/fast"}`); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no request counter at http://%s/metrics:\n%s\n%s", addr, body, stderr)
		}
		if res, err := http.Get("http://" + addr + "/metrics"); err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			body = string(b)
		}
	}
	cmd.Process.Signal(os.Interrupt)
	if code := exitCode(t, cmd, time.Minute); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
}
