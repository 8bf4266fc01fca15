// Package examples_test runs every example program briefly against the demo
// target, so the examples in the README keep working.
package examples_test

import (
	"cmp"
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/gustload/gust/internal/demo"
)

func TestExamplesRunCleanly(t *testing.T) {
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hosts := map[string]string{"grpc": "http://" + srv.GRPCAddr} // the others call the HTTP port
	for _, name := range []string{"website", "api", "kvstore", "grpc", "websocket"} {
		t.Run(name, func(t *testing.T) {
			host := cmp.Or(hosts[name], srv.URL)
			cmd := exec.Command("go", "run", "./"+name, "--headless", "-H", host, "-u", "5", "-r", "50", "-t", "2s", "--only-summary", "--json")
			out, err := cmd.Output()
			if err != nil && !thresholdBreached(err) {
				t.Fatalf("go run ./%s: %v\n%s", name, err, stderrOf(err))
			}
			var rep struct {
				Total struct {
					NumRequests int64 `json:"num_requests"`
					NumFailures int64 `json:"num_failures"`
				} `json:"total"`
			}
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("./%s printed no JSON report: %v", name, err)
			}
			if rep.Total.NumRequests == 0 || rep.Total.NumFailures != 0 {
				t.Fatalf("./%s: %d requests, %d failures: want some and none failed", name, rep.Total.NumRequests, rep.Total.NumFailures)
			}
		})
	}
}

// thresholdBreached reports an exit with code 3: the run went through, and
// a latency threshold of the example did not hold, which a busy machine may
// cause; the failures are checked apart (a fail_ratio breach has failures).
func thresholdBreached(err error) bool {
	ee, ok := err.(*exec.ExitError)
	return ok && ee.ExitCode() == 3
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
