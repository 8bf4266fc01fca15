package transport

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the captured Locust frames in testdata/locust-2.12.1")

// capturedDir holds frames captured from Debian's Locust 2.12.1 worker by
// TestLocustWorker with -update, decoded by TestCapturedLocustFrames.
const capturedDir = "testdata/locust-2.12.1"

// locustMaster is the master's side of a conversation with one real
// Locust worker: it receives through a Router and remembers the first frame
// of each type for the golden files.
type locustMaster struct {
	t      *testing.T
	r      *Router
	worker string            // the worker's identity, once known
	frames map[string][]byte // first frame of each type (stats: first with entries)
	count  map[string]int
}

// next returns the next message, failing the test on any decoding error.
func (lm *locustMaster) next(ctx context.Context) wire.Message {
	lm.t.Helper()
	peer, b, err := lm.r.Recv(ctx)
	if err != nil {
		lm.t.Fatalf("waiting for the Locust worker: %v (seen so far: %v)", err, lm.count)
	}
	m, err := wire.Decode(b)
	if err != nil {
		lm.t.Fatalf("a frame from the Locust worker does not decode: %v\n% x", err, b)
	}
	if lm.worker != "" && (peer != lm.worker || m.NodeID != lm.worker) {
		lm.t.Fatalf("frame from %q with node_id %q, want %q", peer, m.NodeID, lm.worker)
	}
	lm.count[m.Type]++
	if _, ok := lm.frames[m.Type]; !ok && (m.Type != wire.TypeStats || len(m.Data.(*wire.StatsReport).Stats) > 0) {
		lm.frames[m.Type] = b
	}
	return m
}

// until returns the next message of type typ.
func (lm *locustMaster) until(ctx context.Context, typ string) wire.Message {
	lm.t.Helper()
	for {
		if m := lm.next(ctx); m.Type == typ {
			return m
		}
	}
}

func TestLocustWorker(t *testing.T) {
	locust := testenv.Program(t, "locust", "apt-get install python3-locust")
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "hello")
	}))
	defer target.Close()
	r := listen(t, "127.0.0.1:0")
	startLocustWorker(t, ctx, locust, r.Addr())
	lm := &locustMaster{t: t, r: r, frames: map[string][]byte{}, count: map[string]int{}}

	ready := lm.until(ctx, wire.TypeClientReady)
	if _, ok := ready.Data.(wire.ClientReady); !ok || wire.NodeHost(ready.NodeID) == "" {
		t.Fatalf("client_ready = %+v, want a version and a <host>_<hex> node id", ready)
	}
	lm.worker = ready.NodeID
	send(t, ctx, r, lm.worker, wire.Message{Type: wire.TypeAck, Data: wire.Ack{Index: 0}, NodeID: "gustmaster_1"})
	if hb := lm.until(ctx, wire.TypeHeartbeat).Data.(wire.Heartbeat); hb.State == "" || hb.MemoryUsage <= 0 {
		t.Errorf("heartbeat = %+v, want a state and the memory in use", hb)
	}
	spawn := wire.Spawn{Timestamp: float64(time.Now().UnixNano()) / 1e9, UserClassesCount: map[string]int{"WebUser": 2}, Host: target.URL}
	send(t, ctx, r, lm.worker, wire.Message{Type: wire.TypeSpawn, Data: spawn, NodeID: "gustmaster_1"})
	lm.until(ctx, wire.TypeSpawning)
	done := lm.until(ctx, wire.TypeSpawningComplete).Data.(wire.SpawningComplete)
	if done.UserCount != 2 || done.UserClassesCount["WebUser"] != 2 {
		t.Errorf("spawning_complete = %+v, want 2 WebUsers", done)
	}
	checkLocustStats(t, waitForStats(ctx, lm))
	lm.until(ctx, wire.TypeException)

	send(t, ctx, r, lm.worker, wire.Message{Type: wire.TypeQuit, Data: nil, NodeID: "gustmaster_1"})
	lm.until(ctx, wire.TypeQuit)
	if *update {
		writeCaptured(t, lm.frames)
	}
}

// waitForStats returns the first stats report with both pages in it.
func waitForStats(ctx context.Context, lm *locustMaster) *wire.StatsReport {
	for {
		r := lm.until(ctx, wire.TypeStats).Data.(*wire.StatsReport)
		if len(r.Stats) >= 2 && len(r.Errors) > 0 {
			return r
		}
	}
}

// checkLocustStats checks a real Locust report against what gust expects of
// one: error keys as ErrorKey computes them, buckets that rebuild histograms
// with every timed request, a total that adds up.
func checkLocustStats(t *testing.T, r *wire.StatsReport) {
	t.Helper()
	for key, e := range r.Errors {
		if want := wire.ErrorKey(e.Method, e.Name, e.Error); key != want {
			t.Errorf("Locust filed %q under %s, ErrorKey gives %s", e.Error, key, want)
		}
	}
	delta, err := r.Delta()
	if err != nil {
		t.Fatal(err)
	}
	var reqs, fails int64
	for _, e := range delta.Entries {
		reqs, fails = reqs+e.Requests, fails+e.Failures
		if e.Hist.TotalCount() != e.Timed() || e.Percentile(1) != e.Max || e.Min <= 0 {
			t.Errorf("%s %s: %d in the histogram, p100 %v, min %v, max %v; want %d, p100 = max, min > 0",
				e.Method, e.Name, e.Hist.TotalCount(), e.Percentile(1), e.Min, e.Max, e.Timed())
		}
	}
	if delta.Total.Requests != reqs || delta.Total.Failures != fails || fails == 0 {
		t.Errorf("total %d requests, %d failures; entries add up to %d, %d (want failures from /missing)",
			delta.Total.Requests, delta.Total.Failures, reqs, fails)
	}
	if delta.UserKinds["WebUser"] != 2 || delta.Users != 2 {
		t.Errorf("users = %d %v, want 2 WebUsers", delta.Users, delta.UserKinds)
	}
}

func send(t *testing.T, ctx context.Context, r *Router, peer string, m wire.Message) {
	t.Helper()
	if err := SendMessage(ctx, r, peer, m); err != nil {
		t.Fatal(err)
	}
}

// startLocustWorker runs `locust --worker` against the Router at addr until
// the test ends, killing it by pid if it is still running then.
func startLocustWorker(t *testing.T, ctx context.Context, locust string, addr net.Addr) {
	t.Helper()
	file, err := filepath.Abs("testdata/locustfile.py")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(addr.(*net.TCPAddr).Port)
	cmd := exec.CommandContext(ctx, locust, "-f", file, "--worker", "--master-host", "127.0.0.1", "--master-port", port)
	cmd.Dir = t.TempDir() // no locust.conf from the working directory
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // by pid; harmless once it has exited
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("locust worker output:\n%s", out.String())
		}
	})
}

// writeCaptured stores the first frame of each type under testdata.
func writeCaptured(t *testing.T, frames map[string][]byte) {
	if err := os.MkdirAll(capturedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for typ, b := range frames {
		if err := os.WriteFile(filepath.Join(capturedDir, typ+".msgpack"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The frames captured from a real Locust 2.12.1 worker (regenerate with
// go test -run TestLocustWorker -update) decode into the expected types.
func TestCapturedLocustFrames(t *testing.T) {
	for _, typ := range []string{wire.TypeClientReady, wire.TypeHeartbeat, wire.TypeSpawning, wire.TypeSpawningComplete,
		wire.TypeStats, wire.TypeException, wire.TypeQuit} {
		b, err := os.ReadFile(filepath.Join(capturedDir, typ+".msgpack"))
		if err != nil {
			t.Fatalf("%v (regenerate with go test -run TestLocustWorker -update)", err)
		}
		m, err := wire.Decode(b)
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		if m.Type != typ || wire.NodeHost(m.NodeID) == "" {
			t.Errorf("%s.msgpack holds %q from %q", typ, m.Type, m.NodeID)
		}
		if r, ok := m.Data.(*wire.StatsReport); ok {
			checkLocustStats(t, r)
		}
		if again := mustEncode(t, m); typ != wire.TypeStats && !bytes.Equal(again, b) {
			t.Errorf("%s: gust re-encodes it as\n% x\nLocust wrote\n% x", typ, again, b)
		}
	}
}
