package e2e

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gustload/gust/internal/testenv"
)

// cluster starts a headless gust master (the extra args first) and workers
// on loopback, each worker requesting url/delay/20.
func cluster(t *testing.T, url, csvPrefix string, workers int, masterArgs []string, workerArgs ...string) (*proc, []*proc) {
	t.Helper()
	port := testenv.FreePort(t)
	args := append(masterArgs, "--master", "--headless", "--master-bind-port", port, "--csv", csvPrefix, url+"/delay/20")
	m := gust(t, "master", args...)
	ws := make([]*proc, workers)
	for i := range ws {
		ws[i] = gust(t, "worker "+string(rune('a'+i)), append(workerArgs, "--worker", "--master-port", port, url+"/delay/20")...)
	}
	return m, ws
}

// A worker killed with SIGKILL mid-test goes missing; the other takes its
// users, the test goes on, and the requests it reported stay counted.
func TestKilledWorkerUsersMove(t *testing.T) {
	t.Parallel()
	url, dir := target(t), t.TempDir()
	prefix := filepath.Join(dir, "gust")
	m, ws := cluster(t, url, prefix, 2, []string{"-u", "6", "-r", "6", "-t", "12s", "--expect-workers", "2", "--worker-timeout", "3s"})
	m.waitLog("cluster: all users spawned", 20*time.Second)
	time.Sleep(4 * time.Second) // a report from each worker has arrived
	before := readCSV(t, prefix+"_stats.csv")
	counted := before.num(t, before.row(t, "", "Aggregated"), "Request Count")
	ws[0].signal(syscall.SIGKILL)
	m.waitLine(10*time.Second, "cluster: worker missing", ws[0].nodeID())
	if code := m.exit(30 * time.Second); code != 0 {
		t.Fatalf("the master exited with %d", code)
	}
	final := readCSV(t, prefix+"_stats.csv")
	if n := final.num(t, final.row(t, "", "Aggregated"), "Request Count"); n <= counted {
		t.Errorf("the master counted %v requests at the end, %v before the kill: want more, the killed worker's kept", n, counted)
	}
	history := readCSV(t, prefix+"_stats_history.csv")
	last := 0.0
	for _, r := range history.rows {
		n := history.num(t, r, "Total Request Count")
		if n < last {
			t.Fatalf("the total fell from %v to %v: reported requests were lost", last, n)
		}
		last = n
	}
	if u := history.num(t, history.rows[len(history.rows)-1], "User Count"); u != 6 {
		t.Errorf("the surviving worker ends with %v users, want all 6", u)
	}
	ws[1].exit(10 * time.Second)
}

// A worker paused (SIGSTOP) for longer than the worker timeout is marked
// missing; resumed, it rejoins, and it does not hold its own pause against
// the master (its master timeout is shorter than the pause).
func TestPausedWorkerRejoins(t *testing.T) {
	t.Parallel()
	url, dir := target(t), t.TempDir()
	prefix := filepath.Join(dir, "gust")
	m, ws := cluster(t, url, prefix, 2, []string{"-u", "4", "-r", "4", "-t", "14s", "--expect-workers", "2", "--worker-timeout", "3s"},
		"--master-timeout", "3s")
	m.waitLog("cluster: all users spawned", 20*time.Second)
	id := ws[0].nodeID()
	ws[0].signal(syscall.SIGSTOP)
	m.waitLine(10*time.Second, "cluster: worker missing", id)
	time.Sleep(2 * time.Second) // paused past its own master timeout
	ws[0].signal(syscall.SIGCONT)
	m.waitLine(10*time.Second, "cluster: missing worker is back", id)
	if code := m.exit(30 * time.Second); code != 0 {
		t.Fatalf("the master exited with %d", code)
	}
	if code := ws[0].exit(10 * time.Second); code != 0 || strings.Contains(ws[0].out.String(), "lost the master") {
		t.Errorf("the paused worker exited with %d, want 0 at the master's quit:\n%s", code, ws[0].out.String())
	}
	history := readCSV(t, prefix+"_stats_history.csv")
	if u := history.num(t, history.rows[len(history.rows)-1], "User Count"); u != 4 {
		t.Errorf("the test ends with %v users, want 4", u)
	}
}

// Workers whose master is killed stop their users and exit non-zero
// within their master timeout.
func TestWorkersExitWhenTheMasterIsKilled(t *testing.T) {
	t.Parallel()
	url, dir := target(t), t.TempDir()
	m, ws := cluster(t, url, filepath.Join(dir, "gust"), 2, []string{"-u", "4", "-r", "4", "--expect-workers", "2"},
		"--master-timeout", "2s")
	m.waitLog("cluster: all users spawned", 20*time.Second)
	m.signal(syscall.SIGKILL)
	for _, w := range ws {
		if code := w.exit(15 * time.Second); code == 0 {
			t.Errorf("%s exited with 0 after losing its master", w.name)
		}
		if !strings.Contains(w.out.String(), "lost the master") {
			t.Errorf("%s did not say why it quit:\n%s", w.name, w.out.String())
		}
	}
}

// A worker started before its master waits, connects and works.
func TestWorkerStartedBeforeTheMaster(t *testing.T) {
	t.Parallel()
	url, dir, port := target(t), t.TempDir(), testenv.FreePort(t)
	w := gust(t, "worker", "--worker", "--master-port", port, url+"/delay/20")
	w.waitLog("worker connecting to the master", 10*time.Second)
	time.Sleep(1500 * time.Millisecond) // no master yet
	prefix := filepath.Join(dir, "gust")
	m := gust(t, "master", "--master", "--headless", "-u", "2", "-r", "2", "-t", "3s", "--master-bind-port", port,
		"--csv", prefix, url+"/delay/20")
	if code := m.exit(30 * time.Second); code != 0 {
		t.Fatalf("the master exited with %d", code)
	}
	if code := w.exit(10 * time.Second); code != 0 {
		t.Errorf("the worker exited with %d", code)
	}
	stats := readCSV(t, prefix+"_stats.csv")
	if n := stats.num(t, stats.row(t, "GET", "/delay/20"), "Request Count"); n == 0 {
		t.Error("no request was counted")
	}
}
