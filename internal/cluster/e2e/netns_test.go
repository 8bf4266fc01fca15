package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/testenv"
)

// netns is a pair of network namespaces joined by a veth pair: the master's
// and the workers', with addresses that exist only inside them.
type netns struct {
	ip                     string // the ip program
	master, worker         string // namespace names
	masterAddr, workerAddr string
}

// newNetns creates the namespaces, or skips the test where that is not
// possible (not root, no ip), unless GUST_REQUIRE_INTEGRATION=1. They are
// deleted when the test ends, after its processes.
func newNetns(t *testing.T) *netns {
	t.Helper()
	id := os.Getpid() % 100000
	n := &netns{ip: testenv.Program(t, "ip", "apt-get install iproute2"),
		master: fmt.Sprintf("gust-e2e-m%d", id), worker: fmt.Sprintf("gust-e2e-w%d", id),
		masterAddr: fmt.Sprintf("10.200.%d.1", id%250), workerAddr: fmt.Sprintf("10.200.%d.2", id%250)}
	if out, err := exec.Command(n.ip, "netns", "add", n.master).CombinedOutput(); err != nil {
		testenv.Unavailable(t, "cannot create a network namespace (needs root and ip netns): %v: %s",
			err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		for _, ns := range []string{n.master, n.worker} {
			_ = exec.Command(n.ip, "netns", "del", ns).Run()
		}
	})
	vm, vw := fmt.Sprintf("gm%d", id), fmt.Sprintf("gw%d", id)
	for _, args := range [][]string{
		{"netns", "add", n.worker},
		{"link", "add", vm, "netns", n.master, "type", "veth", "peer", "name", vw, "netns", n.worker},
		{"-n", n.master, "addr", "add", n.masterAddr + "/24", "dev", vm},
		{"-n", n.worker, "addr", "add", n.workerAddr + "/24", "dev", vw},
		{"-n", n.master, "link", "set", vm, "up"},
		{"-n", n.worker, "link", "set", vw, "up"},
		{"-n", n.master, "link", "set", "lo", "up"},
		{"-n", n.worker, "link", "set", "lo", "up"},
	} {
		if out, err := exec.Command(n.ip, args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	return n
}

// in starts the gust binary inside namespace ns, with extra environment.
func (n *netns) in(t *testing.T, label, ns string, env []string, args ...string) *proc {
	t.Helper()
	argv := append([]string{"netns", "exec", ns, "env"}, env...)
	return start(t, label, n.ip, append(append(argv, gustBin), args...)...)
}

// A master and its workers in separate network namespaces talk across a
// real interface (a veth pair); the master requires a cluster token, which
// the gust worker presents and an intruder without it does not.
func TestMasterAndWorkersInSeparateNamespaces(t *testing.T) {
	t.Parallel()
	n := newNetns(t)
	dir := t.TempDir()
	prefix := filepath.Join(dir, "gust")
	token := []string{"GUST_CLUSTER_TOKEN=e2e-" + filepath.Base(dir)}
	target := "http://127.0.0.1:18080" // the demo server on the workers' own loopback
	n.in(t, "demo", n.worker, nil, "demo", "--serve", "--listen", "127.0.0.1:18080")
	m := n.in(t, "master", n.master, token, "--master", "--headless", "--master-bind-host", n.masterAddr,
		"-u", "3", "-r", "3", "-t", "5s", "--expect-workers", "1", "--csv", prefix, target+"/fast")
	m.waitLog("master waiting for workers", 10*time.Second)
	intruder := n.in(t, "worker without the token", n.worker, nil, "--worker", "--master-host", n.masterAddr, target+"/fast")
	w := n.in(t, "worker", n.worker, token, "--worker", "--master-host", n.masterAddr, target+"/delay/10")
	if code := intruder.exit(20 * time.Second); code == 0 || !strings.Contains(intruder.out.String(), "refused") {
		t.Errorf("the worker without the token exited with %d:\n%s", code, intruder.out.String())
	}
	if code := m.exit(30 * time.Second); code != 0 {
		t.Fatalf("the master exited with %d", code)
	}
	if code := w.exit(10 * time.Second); code != 0 {
		t.Errorf("the worker exited with %d", code)
	}
	if !strings.Contains(m.out.String(), "refused a worker") {
		t.Errorf("the master did not log the refusal:\n%s", m.out.String())
	}
	stats := readCSV(t, prefix+"_stats.csv")
	if r := stats.row(t, "GET", "/delay/10"); stats.num(t, r, "Request Count") == 0 {
		t.Errorf("no request crossed the namespaces: %v", r)
	}
}
