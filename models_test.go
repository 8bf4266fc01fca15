package gust

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cli"
	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/report"
)

// getter is a user kind that requests path once per task.
func getter(host, path string, wait Wait) User {
	return User{Name: "Getter", Host: host, Wait: wait, Tasks: []Task{{Run: func(s *Session) { s.Get(path) }}}}
}

// p90 is the 90th percentile of a JSON entry's percentiles, in milliseconds.
func p90(m map[string]float64) float64 { return m["0.9"] }

func TestStallShowsInTheCorrectedPercentilesOnly(t *testing.T) {
	t.Parallel()
	// The target stalls from 1.0 s to 1.4 s and from 2.0 s to 2.4 s. A few
	// users are stuck in each stall, and the requests they should have sent
	// meanwhile go out late, once it ends, and are answered at once: only
	// timing them from when they were due shows the stall.
	const path = "/stall?every=1s&for=400ms"
	tests := []struct {
		name string
		args []string
		wait Wait
	}{
		{"open model: 100 iterations/s on 5 users", []string{"--arrival-rate", "100", "--max-users", "5", "-u", "5"}, nil},
		{"closed model: one user paced at 10ms", []string{"-u", "1"}, ConstantPacing(10 * time.Millisecond)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(demo.NewHandler()) // the stall clock starts now
			t.Cleanup(srv.Close)
			args := append([]string{"-t", "2500ms", "--only-summary", "--json"}, tt.args...)
			r := command(t, nil, args, getter(srv.URL, path, tt.wait))
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			total := decodeJSON(t, r).Total
			plain, corrected := p90(total.ResponseTimePercentiles), p90(total.CorrectedResponseTimePercentiles)
			t.Logf("%d requests, p90 %.1fms from the send, %.1fms corrected", total.NumRequests, plain, corrected)
			if total.NumRequests < 150 || plain >= 50 || corrected < 100 {
				t.Fatalf("%d requests; p90 %.1fms from the send, %.1fms from the intended start: want over 150 requests, "+
					"under 50ms from the send (the stall hides) and over 100ms corrected (it shows)\n%s",
					total.NumRequests, plain, corrected, r.stderr)
			}
			if !strings.Contains(r.stderr, report.CorrectedTitle) {
				t.Fatalf("no corrected percentile table in the summary:\n%s", r.stderr)
			}
		})
	}
}

func TestArrivalRateBeyondTheGeneratorWarnsAndCountsDrops(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(demo.NewHandler())
	t.Cleanup(srv.Close)
	// One user answering in 200 ms starts 5 iterations a second of the 100
	// asked for; its backlog holds 10; the rest are dropped.
	args := []string{"--arrival-rate", "100", "--max-users", "1", "-t", "1500ms", "--only-summary", "--json"}
	r := command(t, nil, args, getter(srv.URL, "/slow?ms=200", nil))
	a := decodeJSON(t, r).Arrival
	if a == nil || a.Target != "100/s" || a.RequestedRate < 99 || a.RequestedRate > 101 || a.Dropped < 50 ||
		a.Late == 0 || a.Started > 20 || a.AchievedRate > 20 || a.MaxUsers != 1 {
		t.Fatalf("arrival %+v: want 100/s asked, fewer than 20 started, over 50 dropped, some late, a pool of 1", a)
	}
	for _, want := range []string{
		"cannot keep the arrival rate",           // the log while running
		"dropped=",                               // with the counts
		"WARNING: gust could not keep this rate", // the summary
		"arrival rate 100/s: asked",              // the summary's arrival lines
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q on the console:\n%s", want, r.stderr)
		}
	}
}

func TestLoadShapesEndTheTest(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(demo.NewHandler())
	t.Cleanup(srv.Close)
	wave := ShapeFunc(func(e time.Duration) (int, float64, bool) { return 3, 100, e < time.Second })
	tests := []struct {
		name  string
		args  []string
		shape Shape
		users int // running when the shape ended
	}{
		{"--stages", []string{"--stages", "1s:4:100,1s:2"}, nil, 2},
		{"a shape in Go", nil, wave, 3},
		{"--stages wins over a shape in Go", []string{"--stages", "1s:1"}, wave, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			// -t 1m is a safety net: the shape must end the test long before.
			args := append([]string{"-t", "1m", "--only-summary", "--json"}, tt.args...)
			test := Test{Users: []User{getter(srv.URL, "/fast", Constant(10*time.Millisecond))}, Shape: tt.shape}
			r := runCommand(t, args, test)
			if took := time.Since(start); r.code != 0 || took > 30*time.Second {
				t.Fatalf("exit %d after %v, want 0 when the shape ends\n%s", r.code, took, r.stderr)
			}
			if rep := decodeJSON(t, r); rep.UserCount != tt.users || rep.Total.NumRequests == 0 {
				t.Fatalf("%d users at the end, %d requests; want %d and some", rep.UserCount, rep.Total.NumRequests, tt.users)
			}
			if !strings.Contains(r.stderr, "the load model has ended") {
				t.Fatalf("the shape did not end the test:\n%s", r.stderr)
			}
		})
	}
}

func TestThresholdExitCodes(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(demo.NewHandler())
	t.Cleanup(srv.Close)
	conf := filepath.Join(t.TempDir(), "gust.conf")
	if err := os.WriteFile(conf, []byte("threshold = p50<1ms, fail_ratio<1%\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		path       string
		args       []string
		thresholds []string // in Go
		want       int
		console    string // on standard error
	}{
		{"thresholds hold", "/fast", []string{"--threshold", "p95<5s", "--threshold", "fail_ratio<1%"}, nil, 0, "2 thresholds: 2 passed, 0 breached"},
		{"failures, no threshold about them", "/error", []string{"--threshold", "p95<5s"}, nil, 1, "1 threshold: 1 passed"},
		{"a breach", "/slow?ms=20", []string{"--threshold", "p50<1ms"}, nil, 3, "FAIL"},
		{"a breach wins over failures", "/error", []string{"--threshold", "fail_ratio<0.5"}, nil, 3, "fail_ratio<0.5"},
		{"an endpoint that never appeared", "/fast", []string{"--threshold", "GET /nope:p95<1s"}, nil, 3, "ERROR"},
		{"in Go", "/slow?ms=20", nil, []string{"p50<1ms"}, 3, "p50<1ms"},
		{"in Go and on the command line", "/fast", []string{"--threshold", "p95<5s"}, []string{"requests<5"}, 3, "2 thresholds: 1 passed, 1 breached"},
		{"in gust.conf", "/slow?ms=20", []string{"--config", conf}, nil, 3, "p50<1ms"},
		{"a bad threshold", "/fast", []string{"--threshold", "p95<300"}, nil, 2, `gust: invalid value "p95<300" for --threshold: "300" has no unit`},
		{"a bad threshold in Go", "/fast", nil, []string{"p95=300ms"}, 2, "gust: Test.Thresholds: invalid threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"-u", "2", "-r", "100", "-t", "500ms", "--only-summary", "--json"}, tt.args...)
			test := Test{Users: []User{getter(srv.URL, tt.path, Constant(10*time.Millisecond))}, Thresholds: tt.thresholds}
			r := runCommand(t, args, test)
			if r.code != tt.want || !strings.Contains(r.stderr, tt.console) {
				t.Fatalf("exit %d, want %d with %q on the console:\n%s", r.code, tt.want, tt.console, r.stderr)
			}
			if tt.want == 2 {
				if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 {
					t.Fatalf("a usage error in %d lines, want one:\n%s", len(lines), r.stderr)
				}
				return
			}
			if rep := decodeJSON(t, r); rep.Thresholds == nil || rep.Thresholds.Passed != (tt.want != 3) {
				t.Fatalf("JSON thresholds %+v, want passed %v", rep.Thresholds, tt.want != 3)
			}
		})
	}
}

func TestThresholdAbortStopsTheTestEarly(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(demo.NewHandler())
	t.Cleanup(srv.Close)
	start := time.Now()
	args := []string{"-u", "2", "-r", "100", "-t", "1h", "--only-summary", "--json",
		"--threshold", "requests<50", "--threshold", "GET /later:p95<1s", "--threshold-abort"}
	r := runCommand(t, args, Test{Users: []User{getter(srv.URL, "/fast", Constant(10*time.Millisecond))}})
	if took := time.Since(start); r.code != 3 || took > time.Minute {
		t.Fatalf("exit %d after %v, want 3 soon after 50 requests\n%s", r.code, took, r.stderr)
	}
	th := decodeJSON(t, r).Thresholds
	if th == nil || !th.Aborted || th.Results[0].Pass || th.Results[1].Error == "" {
		t.Fatalf("JSON thresholds %+v: want aborted, requests<50 breached, the unseen endpoint an error at the end", th)
	}
	if !strings.Contains(r.stderr, "threshold breached, stopping the test") {
		t.Fatalf("no warning of the abort:\n%s", r.stderr)
	}
}

// runCommand is command for a Test: the command line, headless, run
// in-process with no environment variables.
func runCommand(t *testing.T, args []string, test Test) result {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append([]string{"--headless"}, args...)
	env := cli.Env{Args: args, Getenv: func(string) (string, bool) { return "", false }, Stdout: &out, Stderr: &errOut}
	code := test.run(context.Background(), nil, env)
	return result{code, out.String(), errOut.String()}
}
