package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	demosrv "github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/syncbuf"
)

var binary string // the gust binary built for these tests

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gust-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "gust")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// startGust starts the binary; the test must wait for it. Its stdout and
// stderr may be read while it runs.
func startGust(t *testing.T, args ...string) (*exec.Cmd, *syncbuf.Buffer, *syncbuf.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errOut syncbuf.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &out, &errOut
}

// exitCode waits for cmd, at most limit, and returns its exit code.
func exitCode(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		cmd.Process.Kill()
		t.Fatalf("gust %v still running after %v", cmd.Args[1:], limit)
		return -1
	}
}

func TestDemoShowsTheWholeJob(t *testing.T) {
	// The demo's failures are random (a 404 task of weight 1/5 in the API
	// client, a /flaky page failing 20% of the time); over 5 s at least one
	// of them fails with a probability of about 1 - 2e-6.
	cmd, _, stderr := startGust(t, "demo", "-r", "20", "-t", "5s")
	if code := exitCode(t, cmd, 2*time.Minute); code != 0 {
		t.Fatalf("gust demo exited %d\n%s", code, stderr)
	}
	out := stderr.String()
	for _, want := range []string{"target server at http://127.0.0.1:", "Aggregated", "/item?id=[id]",
		"Response time percentiles", "Failures", "its failures are deliberate: GET /missing answers 404",
		"It exits 0 all the same", "What to try next:\n  gust demo --headless=false", "\n  gust new mytest ",
		"\n  gust demo --csv demo ", "GRPC    /gust.demo.Demo/Echo", "WS      /ws/", "GET     h2c /item?id=[id]"} {
		if !strings.Contains(out, want) {
			t.Fatalf("gust demo output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "HTTP 404 Not Found") && !strings.Contains(out, "HTTP 503 Service Unavailable") {
		t.Fatalf("gust demo recorded none of its deliberate failures:\n%s", out)
	}
}

func TestDemoServeServesUntilInterrupted(t *testing.T) {
	cmd := exec.Command(binary, "demo", "--serve", "--listen", "127.0.0.1:0")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	r := bufio.NewReader(stderr)
	line, _ := r.ReadString('\n')
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("no URL in %q", line)
	}
	url := strings.Fields(line[i:])[0]
	resp, err := http.Get(url + "/fast")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s/fast: %v %v", url, resp, err)
	}
	resp.Body.Close()
	var more []string
	for range 3 {
		l, _ := r.ReadString('\n')
		more = append(more, l)
	}
	if all := strings.Join(more, ""); !strings.Contains(all, "h2c") || !strings.Contains(all, "/ws/echo") || !strings.Contains(all, "gRPC") {
		t.Errorf("gust demo --serve does not say where h2c, WebSocket and gRPC listen:\n%s", all)
	}
	cmd.Process.Signal(os.Interrupt)
	go io.Copy(io.Discard, r)
	if code := exitCode(t, cmd, time.Minute); code != 0 {
		t.Fatalf("exit %d after Ctrl-C, want 0", code)
	}
}

// A bad option of gust demo is the only line printed: no target server is
// announced before gust refuses it.
func TestDemoBadOptionIsTheOnlyLine(t *testing.T) {
	for _, args := range [][]string{{"-u", "-1"}, {"-t", "5x"}, {"bogusarg"}} {
		cmd, _, stderr := startGust(t, append([]string{"demo"}, args...)...)
		code := exitCode(t, cmd, 30*time.Second)
		if line := strings.TrimSpace(stderr.String()); code != 2 || strings.Contains(line, "\n") || !strings.HasPrefix(line, "gust: ") {
			t.Errorf("gust demo %v: exit %d, stderr %q; want exit 2 and one line", args, code, stderr)
		}
	}
}

// An address gust demo cannot listen on is one line that names the option
// and what would be valid.
func TestDemoListenErrorsNameTheOption(t *testing.T) {
	busy, err := demosrv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyHTTP := strings.TrimPrefix(busy.URL, "http://")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--serve", "--listen", busyHTTP}, "gust: demo --listen " + busyHTTP + ": the port is in use; want another port from 1 to 65535"},
		{[]string{"--serve", "--listen", "127.0.0.1:99999"}, "gust: demo --listen 127.0.0.1:99999: the port is not valid; want a port from 1 to 65535"},
		{[]string{"--grpc-listen", busy.GRPCAddr, "-t", "1s"}, "gust: demo --grpc-listen " + busy.GRPCAddr + ": the port is in use; want another port"},
	} {
		cmd, _, stderr := startGust(t, append([]string{"demo"}, tc.args...)...)
		code := exitCode(t, cmd, 30*time.Second)
		if line := strings.TrimSpace(stderr.String()); code != 2 || strings.Contains(line, "\n") || !strings.HasPrefix(line, tc.want) {
			t.Errorf("gust demo %v: exit %d, stderr %q; want exit 2 and one line beginning %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestInterruptWritesTheCSV(t *testing.T) {
	srv := httptest.NewServer(demosrv.NewHandler())
	defer srv.Close()
	prefix := filepath.Join(t.TempDir(), "run")
	cmd, _, stderr := startGust(t, "--headless", "-u", "5", "-r", "50", "-t", "1h", "--csv", prefix, srv.URL+"/fast")
	// Several answered requests, so that the CSV has some to count.
	waitFor(t, "the target to see 6 requests", func() bool { return targetRequests(srv.URL) >= 6 })
	cmd.Process.Signal(os.Interrupt)
	if code := exitCode(t, cmd, time.Minute); code != 0 {
		t.Fatalf("exit %d after Ctrl-C, want 0\n%s", code, stderr)
	}
	rows := readCSV(t, prefix+"_stats.csv")
	if total := rows[len(rows)-1]; total[1] != "Aggregated" || total[2] == "0" {
		t.Fatalf("stats CSV total row %v, want the requests made before Ctrl-C", total)
	}
}

func TestSecondInterruptQuitsAtOnce(t *testing.T) {
	srv := httptest.NewServer(demosrv.NewHandler())
	defer srv.Close()
	// Requests take a minute and the stop timeout is an hour: only the
	// second Ctrl-C can end this run soon.
	cmd, out, stderr := startGust(t, "--headless", "-u", "3", "-r", "100", "-t", "1h", "--stop-timeout", "1h", "--json", srv.URL+"/slow?ms=60000")
	// All three users wait on their request before the first Ctrl-C, and the
	// second comes only once gust is stopping gracefully.
	waitFor(t, "the target to see the 3 users' requests", func() bool { return targetRequests(srv.URL) >= 3 })
	cmd.Process.Signal(os.Interrupt)
	waitFor(t, `gust to log "interrupt again"`, func() bool { return strings.Contains(stderr.String(), "interrupt again") })
	cmd.Process.Signal(os.Interrupt)
	// No request completed: exit 1, saying what the three were waiting on.
	if code := exitCode(t, cmd, 45*time.Second); code != 1 || !strings.Contains(stderr.String(), "No request completed: 3 interrupted") {
		t.Fatalf("exit %d, want 1 and the line on the interrupted requests\n%s", code, stderr)
	}
	if !strings.Contains(out.String(), `"user_count": 3`) || !strings.Contains(out.String(), `"interrupted": 3`) {
		t.Fatalf("the JSON summary was not written after the second Ctrl-C, with the interrupted requests:\n%s", out)
	}
}

func TestBadInputIsOneLineAndExitTwo(t *testing.T) {
	for _, args := range [][]string{{"--users", "many", "http://127.0.0.1:9/"}, {"-t", "-3s", "http://127.0.0.1:9/"}, {"ftp://127.0.0.1/"}, {}} {
		cmd, _, stderr := startGust(t, args...)
		code := exitCode(t, cmd, 30*time.Second)
		if code != 2 || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 || strings.Contains(stderr.String(), "goroutine") {
			t.Fatalf("gust %v: exit %d, stderr %q; want exit 2 and one line", args, code, stderr)
		}
	}
}

// An unwritable --csv is refused before the test, with one line on stderr
// however quiet the log is (-L CRITICAL) or wherever it goes (--logfile).
func TestUnwritableCSVIsOneLineAndExitTwo(t *testing.T) {
	srv := httptest.NewServer(demosrv.NewHandler())
	defer srv.Close()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "x_stats.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--loglevel", "CRITICAL", "--csv", filepath.Join(dir, "x")},
		{"--logfile", filepath.Join(dir, "gust.log"), "--csv", filepath.Join(dir, "file", "run")},
	} {
		cmd, _, stderr := startGust(t, append(append([]string{"--headless", "-u", "1", "-t", "1s"}, args...), srv.URL+"/fast")...)
		code := exitCode(t, cmd, 30*time.Second)
		line := strings.TrimSpace(stderr.String())
		if code != 2 || !strings.HasPrefix(line, "gust: --csv ") || !strings.Contains(line, "want a path prefix") || strings.Contains(line, "\n") {
			t.Errorf("gust %v: exit %d, stderr %q; want exit 2 and one line naming --csv", args, code, stderr)
		}
	}
	if n := targetRequests(srv.URL); n != 0 {
		t.Errorf("the target saw %d requests; the path should be refused before the test", n)
	}
}

// Thresholds are echoed as written, without an exponent: in the summary,
// the JSON report and the JUnit test names.
func TestThresholdsAreEchoedWithoutExponent(t *testing.T) {
	srv := httptest.NewServer(demosrv.NewHandler())
	defer srv.Close()
	junit := filepath.Join(t.TempDir(), "junit.xml")
	cmd, out, stderr := startGust(t, "--headless", "-u", "1", "-t", "1s", "--only-summary", "--json", "--junit", junit,
		"--threshold", "requests>2000000", "--threshold", "rps<=1500000", srv.URL+"/fast")
	if code := exitCode(t, cmd, time.Minute); code != 3 {
		t.Fatalf("exit %d, want 3 (requests>2000000 breached)\n%s", code, stderr)
	}
	var rep struct {
		Thresholds struct {
			Results []struct{ Threshold, Limit string }
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatalf("no JSON report: %v\n%s", err, out)
	}
	if r := rep.Thresholds.Results; len(r) != 2 || r[0].Threshold != "requests>2000000" || r[0].Limit != "2000000" ||
		r[1].Threshold != "rps<=1500000" || r[1].Limit != "1500000" {
		t.Errorf("the JSON's thresholds %+v, want requests>2000000 and rps<=1500000 with their limits", r)
	}
	xml, _ := os.ReadFile(junit)
	for what, text := range map[string]string{"the summary": stderr.String(), "the JUnit XML": string(xml)} {
		if strings.Contains(text, "e+06") || !strings.Contains(text, "requests&gt;2000000") && !strings.Contains(text, "requests>2000000") {
			t.Errorf("%s does not echo requests>2000000 as written:\n%s", what, text)
		}
	}
}

func TestLocustHabitsExitTwoWithAHint(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-f", "locustfile.py"}, "gust runs tests written in Go"},
		{[]string{"--locustfile", "locustfile.py"}, "`gust new DIR`"},
		{[]string{"127.0.0.1:8080/"}, "did you mean http://127.0.0.1:8080/?"},
	}
	for _, tt := range tests {
		cmd, _, stderr := startGust(t, tt.args...)
		code := exitCode(t, cmd, 30*time.Second)
		if code != 2 || !strings.Contains(stderr.String(), tt.want) || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 {
			t.Errorf("gust %v: exit %d, stderr %q; want exit 2 and one line with %q", tt.args, code, stderr, tt.want)
		}
	}
}

// waitForRequests waits until the demo server behind url has seen a request.
func waitForRequests(t *testing.T, url string) {
	t.Helper()
	waitFor(t, "gust to send a request", func() bool { return targetRequests(url) > 0 })
}

// targetRequests is how many requests the demo server behind url has
// received, or -1 if it does not say.
func targetRequests(url string) int64 {
	resp, err := http.Get(url + "/stats")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var st demosrv.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return -1
	}
	return st.Total
}

// waitFor polls cond until it holds, failing the test if it does not within
// a deadline generous enough for a loaded machine.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	const limit = 30 * time.Second
	for deadline := time.Now().Add(limit); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", limit, what)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
