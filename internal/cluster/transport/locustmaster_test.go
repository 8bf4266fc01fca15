package transport

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/testenv"
)

// gustWorker plays just enough of a worker, with this package's messages,
// for a real Locust master to run a short test with it.
type gustWorker struct {
	t      *testing.T
	d      *Dealer
	report *stats.Snapshot // sent once, after the first spawn
	sent   bool
}

func (w *gustWorker) send(ctx context.Context, typ string, data any) {
	w.t.Helper()
	if err := SendMessage(ctx, w.d, "", wire.Message{Type: typ, Data: data, NodeID: w.d.ID()}); err != nil && ctx.Err() == nil {
		w.t.Fatalf("send %s: %v", typ, err)
	}
}

// serve answers the master until it says quit, heartbeating every second.
func (w *gustWorker) serve(ctx context.Context) {
	w.send(ctx, wire.TypeClientReady, wire.ClientReady{Version: wire.SkipVersionCheck})
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	msgs := make(chan wire.Message)
	go w.receive(ctx, msgs)
	for {
		select {
		case <-tick.C:
			w.send(ctx, wire.TypeHeartbeat, wire.Heartbeat{State: "running", CPUUsage: 1, MemoryUsage: 1 << 20})
		case m := <-msgs:
			if !w.handle(ctx, m) {
				return
			}
		case <-ctx.Done():
			w.t.Fatal("the Locust master did not finish in time")
		}
	}
}

func (w *gustWorker) receive(ctx context.Context, out chan<- wire.Message) {
	for {
		_, m, err := RecvMessage(ctx, w.d)
		if errors.Is(err, wire.ErrMalformed) {
			w.t.Errorf("the Locust master sent a frame gust cannot decode: %v", err)
			continue
		}
		if err != nil {
			return
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return
		}
	}
}

// handle reacts to one message and reports whether to go on.
func (w *gustWorker) handle(ctx context.Context, m wire.Message) bool {
	switch m.Type {
	case wire.TypeSpawn:
		s := m.Data.(wire.Spawn)
		w.send(ctx, wire.TypeSpawning, nil)
		w.send(ctx, wire.TypeSpawningComplete, wire.SpawningComplete{UserClassesCount: s.UserClassesCount, UserCount: s.UserClassesCount["WebUser"]})
		if !w.sent {
			w.report.UserKinds, w.report.Users = s.UserClassesCount, s.UserClassesCount["WebUser"]
			w.send(ctx, wire.TypeStats, wire.NewStatsReport(w.report))
			w.send(ctx, wire.TypeException, wire.Exception{Msg: "gust boom", Traceback: "gust traceback", Count: 1})
			w.sent = true
		}
	case wire.TypeQuit:
		w.send(ctx, wire.TypeQuit, nil)
		return false
	}
	return true
}

// gustDelta is a worker's delta with 10 requests to /gust, 2 of them failed,
// all paced and late, so that its report carries gust's corrected keys.
func gustDelta() *stats.Snapshot {
	rec := stats.NewRecorder()
	now := time.Now()
	for i := range 10 {
		d := time.Duration(i+1) * 15 * time.Millisecond
		s := stats.Sample{Method: "GET", Name: "/gust", Duration: d, Corrected: d + 40*time.Millisecond, Size: 100, End: now}
		if i%5 == 0 {
			s.Err = "HTTPError('500 Server Error')"
		}
		rec.Record(i, s)
	}
	return rec.Drain(now)
}

// A Locust 2.12.1 master runs a test with a worker speaking through this
// package and reports the worker's requests and failures in its CSV files,
// without an error in its report handler (which would make its exit code 2).
func TestLocustMasterAcceptsGustWorker(t *testing.T) {
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	addr, dir := freeAddr(t), t.TempDir()
	file, err := filepath.Abs("testdata/locustfile.py")
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(addr, ":")
	cmd := exec.CommandContext(ctx, locust, "-f", file, "--master", "--headless", "-u", "2", "-r", "2", "-t", "3s",
		"--expect-workers", "1", "--master-bind-host", host, "--master-bind-port", port, "-H", "http://127.0.0.1:9",
		"--csv", filepath.Join(dir, "out"))
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.WaitDelay = &out, &out, 5*time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }() // by pid, if still running
	w := &gustWorker{t: t, d: dial(t, addr, wire.NodeIDFor("gusttest")), report: gustDelta()}
	if wire.NewStatsReport(w.report).Stats[0].Corrected == nil {
		t.Fatal("the worker's report has no gust_corrected_hdr to show the Locust master")
	}
	w.serve(ctx)
	err = cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: the test had failures
		t.Fatalf("locust master: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "Traceback") {
		t.Errorf("the Locust master raised an exception:\n%s", out.String())
	}
	checkMasterCSV(t, filepath.Join(dir, "out_stats.csv"), out.String())
}

// checkMasterCSV finds the /gust row of Locust's _stats.csv.
func checkMasterCSV(t *testing.T, path, log string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if len(row) > 7 && row[0] == "GET" && row[1] == "/gust" {
			// Request Count, Failure Count, Median, Average, Min, Max
			if got := strings.Join(row[2:8], ","); got != "10,2,75,82.5,15.0,150.0" && got != "10,2,75,82.5,15,150" {
				t.Errorf("Locust's row for /gust = %s, want 10 requests, 2 failures, median 75, avg 82.5, min 15, max 150", got)
			}
			return
		}
	}
	t.Errorf("no GET /gust row in Locust's CSV:\n%v\n%s", rows, log)
}
