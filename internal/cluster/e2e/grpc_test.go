package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/testenv"
)

// A gust worker's gRPC calls reach a Locust master like any request type:
// Locust's CSV has a GRPC row for the method, with the failures.
func TestLocustMasterShowsGRPCRows(t *testing.T) {
	t.Parallel()
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	dir, port := t.TempDir(), testenv.FreePort(t)
	worker := filepath.Join(dir, "grpcworker")
	if out, err := exec.Command("go", "build", "-o", worker, "./testdata/grpcworker").CombinedOutput(); err != nil {
		t.Fatalf("building the gRPC worker: %v\n%s", err, out)
	}
	// The master's host is the workers': the gRPC server's.
	m := start(t, "locust master", locust, "-f", locustfile, "--master", "--headless", "-u", "2", "-r", "2", "-t", "5s",
		"--expect-workers", "1", "--master-bind-host", "127.0.0.1", "--master-bind-port", port,
		"-H", "http://"+srv.GRPCAddr, "--csv", filepath.Join(dir, "locust"))
	w := start(t, "gust gRPC worker", worker, "--worker", "--master-port", port)
	if code := m.exit(40 * time.Second); code != 0 && code != 1 { // 1: the test had failures
		t.Fatalf("the Locust master exited with %d:\n%s", code, m.out.String())
	}
	if code := w.exit(15 * time.Second); code != 0 {
		t.Errorf("the gust worker exited with %d after the master's quit", code)
	}
	stats := readCSV(t, filepath.Join(dir, "locust_stats.csv"))
	row := stats.row(t, "GRPC", "/gust.demo.Demo/Echo")
	n, failed := stats.num(t, row, "Request Count"), stats.num(t, row, "Failure Count")
	if n == 0 || failed == 0 || failed == n {
		t.Errorf("Locust's GRPC row: %v; want calls, some of them failed", row)
	}
	if strings.Contains(m.out.String(), "Traceback") {
		t.Errorf("the Locust master raised an exception:\n%s", m.out.String())
	}
}
