package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/testenv"
)

// locustfile runs WebUser: GET / (200), GET /missing (404 on the demo
// server) and a task that raises.
var locustfile, _ = filepath.Abs("../transport/testdata/locustfile.py") // the locustfile the protocol tests use too

// A gust worker joins a Locust master running a locustfile: it runs the
// locustfile's WebUser users as its own URL user, and Locust's CSV shows
// its requests, failures and users.
func TestLocustMasterWithGustWorker(t *testing.T) {
	t.Parallel()
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	url, dir, port := target(t), t.TempDir(), testenv.FreePort(t)
	// 12 s: Locust 2.12.1 flushes its history CSV every 10 s, and not at the end.
	m := start(t, "locust master", locust, "-f", locustfile, "--master", "--headless", "-u", "4", "-r", "4", "-t", "12s",
		"--expect-workers", "1", "--master-bind-host", "127.0.0.1", "--master-bind-port", port, "-H", url,
		"--csv", filepath.Join(dir, "locust"))
	w := gust(t, "gust worker", "--worker", "--master-port", port, url+"/delay/20", url+"/error")
	if code := m.exit(40 * time.Second); code != 0 && code != 1 { // 1: the test had failures
		t.Fatalf("the Locust master exited with %d:\n%s", code, m.out.String())
	}
	if strings.Contains(m.out.String(), "Traceback") {
		t.Errorf("the Locust master raised an exception:\n%s", m.out.String())
	}
	if code := w.exit(15 * time.Second); code != 0 {
		t.Errorf("the gust worker exited with %d after the master's quit", code)
	}
	stats := readCSV(t, filepath.Join(dir, "locust_stats.csv"))
	ok, bad := stats.row(t, "GET", "/delay/20"), stats.row(t, "GET", "/error")
	if stats.num(t, ok, "Request Count") == 0 || stats.num(t, ok, "Failure Count") != 0 {
		t.Errorf("Locust's row for /delay/20: %v, want requests and no failure", ok)
	}
	if n := stats.num(t, bad, "Request Count"); n == 0 || stats.num(t, bad, "Failure Count") != n {
		t.Errorf("Locust's row for /error: %v, want every request failed", bad)
	}
	if u := readCSV(t, filepath.Join(dir, "locust_stats_history.csv")).maxUsers(t); u != 4 {
		t.Errorf("Locust's history shows at most %v users, want the gust worker's 4", u)
	}
	if !strings.Contains(m.out.String(), `All users spawned: {"WebUser": 4} (4 total users)`) {
		t.Error("the Locust master did not see the gust worker's 4 users in time")
	}
}

// A Locust worker joins a gust master: the master names its users after
// the locustfile's class, and the gust CSV shows the worker's requests,
// failures, exceptions and users.
func TestGustMasterWithLocustWorker(t *testing.T) {
	t.Parallel()
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	url, dir, port := target(t), t.TempDir(), testenv.FreePort(t)
	m := gust(t, "gust master", "--master", "--headless", "-u", "4", "-r", "4", "-t", "6s", "--expect-workers", "1",
		"--master-bind-port", port, "-H", url, "--csv", filepath.Join(dir, "gust"), url+"/fast")
	w := start(t, "locust worker", locust, "-f", locustfile, "--worker", "--master-host", "127.0.0.1", "--master-port", port)
	if code := m.exit(40 * time.Second); code != 1 { // 1: /missing failed, a task raised
		t.Fatalf("the gust master exited with %d, want 1 for the failures", code)
	}
	w.exit(15 * time.Second)
	stats := readCSV(t, filepath.Join(dir, "gust_stats.csv"))
	ok, bad := stats.row(t, "GET", "/"), stats.row(t, "GET", "/missing")
	if stats.num(t, ok, "Request Count") == 0 || stats.num(t, ok, "Failure Count") != 0 {
		t.Errorf("gust's row for /: %v, want requests and no failure", ok)
	}
	if n := stats.num(t, bad, "Request Count"); n == 0 || stats.num(t, bad, "Failure Count") != n {
		t.Errorf("gust's row for /missing: %v, want every request failed", bad)
	}
	excs := readCSV(t, filepath.Join(dir, "gust_exceptions.csv"))
	if len(excs.rows) == 0 || !strings.Contains(excs.rows[0][1], "task exception example") {
		t.Errorf("gust's exceptions: %v, want the locustfile's", excs.rows)
	}
	if u := readCSV(t, filepath.Join(dir, "gust_stats_history.csv")).maxUsers(t); u != 4 {
		t.Errorf("gust's history shows at most %v users, want the Locust worker's 4", u)
	}
}

// A gust master drives a Locust worker and a gust worker at once.
func TestGustMasterWithLocustAndGustWorkers(t *testing.T) {
	t.Parallel()
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	url, dir, port := target(t), t.TempDir(), testenv.FreePort(t)
	m := gust(t, "gust master", "--master", "--headless", "-u", "6", "-r", "6", "-t", "6s", "--expect-workers", "2",
		"--master-bind-port", port, "-H", url, "--csv", filepath.Join(dir, "gust"), url+"/delay/20")
	lw := start(t, "locust worker", locust, "-f", locustfile, "--worker", "--master-host", "127.0.0.1", "--master-port", port)
	gw := gust(t, "gust worker", "--worker", "--master-port", port, url+"/delay/20")
	m.exit(40 * time.Second)
	lw.exit(15 * time.Second)
	if code := gw.exit(15 * time.Second); code != 0 {
		t.Errorf("the gust worker exited with %d", code)
	}
	stats := readCSV(t, filepath.Join(dir, "gust_stats.csv"))
	for _, name := range []string{"/", "/delay/20"} { // the Locust worker's, the gust worker's
		if r := stats.row(t, "GET", name); stats.num(t, r, "Request Count") == 0 {
			t.Errorf("no requests to %s: %v", name, r)
		}
	}
	if u := readCSV(t, filepath.Join(dir, "gust_stats_history.csv")).maxUsers(t); u != 6 {
		t.Errorf("gust's history shows at most %v users, want 6", u)
	}
}
