package e2e

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/syncbuf"
)

// gustBin is the gust binary the tests run, built once by TestMain.
var gustBin string

// parallel is how many tests run at once unless -parallel says otherwise:
// they mostly wait on processes, so more than the machine's cores.
const parallel = "8"

func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		_ = flag.Set("test.parallel", parallel)
	}
	dir, err := os.MkdirTemp("", "gust-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gustBin = filepath.Join(dir, "gust")
	build := exec.Command("go", "build", "-o", gustBin, "github.com/gustload/gust/cmd/gust")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building gust: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// processTimeout bounds every process a test starts.
const processTimeout = 60 * time.Second

// proc is a process a test started; it is killed (by pid) when the test
// ends, if still running.
type proc struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	out  syncbuf.Buffer
	done chan struct{}
	err  error
}

// start runs name with args; dir is its working directory ("" for the
// test's temporary one).
func start(t *testing.T, label, name string, args ...string) *proc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	p := &proc{t: t, name: label, cmd: exec.CommandContext(ctx, name, args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr, p.cmd.WaitDelay = &p.out, &p.out, 5*time.Second
	p.cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1")
	if err := p.cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting %s: %v", label, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		cancel()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.signal(syscall.SIGCONT) // a paused process cannot die
		_ = p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("--- output of %s:\n%s", p.name, p.out.String())
		}
	})
	return p
}

// gust starts the gust binary.
func gust(t *testing.T, label string, args ...string) *proc {
	t.Helper()
	return start(t, label, gustBin, args...)
}

func (p *proc) signal(s os.Signal) {
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(s)
	}
}

// exit waits up to within for the process to end and returns its exit code.
func (p *proc) exit(within time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(within):
		p.t.Fatalf("%s still runs after %v:\n%s", p.name, within, p.out.String())
	}
	if p.err == nil {
		return 0
	}
	if ee, ok := p.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	p.t.Fatalf("%s: %v", p.name, p.err)
	return -1
}

// waitLog waits up to within for the output to contain s.
func (p *proc) waitLog(s string, within time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(p.out.String(), s) {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s did not log %q within %v:\n%s", p.name, s, within, p.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitLine waits up to within for a line of the output that contains
// every one of parts.
func (p *proc) waitLine(within time.Duration, parts ...string) {
	p.t.Helper()
	deadline := time.Now().Add(within)
	for !p.hasLine(parts) {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s did not log a line with %q within %v:\n%s", p.name, parts, within, p.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *proc) hasLine(parts []string) bool {
	for _, line := range strings.Split(p.out.String(), "\n") {
		all := true
		for _, s := range parts {
			all = all && strings.Contains(line, s)
		}
		if all {
			return true
		}
	}
	return false
}

// nodeID is the node id a gust worker logs when it starts connecting.
func (p *proc) nodeID() string {
	p.t.Helper()
	p.waitLog("worker connecting to the master", 10*time.Second)
	_, rest, _ := strings.Cut(p.out.String(), " worker=")
	id, _, _ := strings.Cut(rest, "\n")
	return "worker=" + strings.TrimSpace(id)
}

// target starts a demo server on loopback for the test.
func target(t *testing.T) string {
	t.Helper()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.URL
}

// table is a CSV file read into rows, with its header.
type table struct {
	path string
	head []string
	rows [][]string
}

func readCSV(t *testing.T, path string) *table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v (%d rows)", path, err, len(rows))
	}
	return &table{path: path, head: rows[0], rows: rows[1:]}
}

// col returns the value of column name in row, as a number.
func (tb *table) num(t *testing.T, row []string, name string) float64 {
	t.Helper()
	for i, h := range tb.head {
		if h == name {
			f, err := strconv.ParseFloat(row[i], 64)
			if err != nil {
				t.Fatalf("%s: column %q: %v", tb.path, name, err)
			}
			return f
		}
	}
	t.Fatalf("%s has no column %q: %v", tb.path, name, tb.head)
	return 0
}

// row returns the row of the request (method, name), or fails.
func (tb *table) row(t *testing.T, method, name string) []string {
	t.Helper()
	for _, r := range tb.rows {
		if len(r) > 1 && r[0] == method && r[1] == name {
			return r
		}
	}
	t.Fatalf("%s has no row %s %s: %v", tb.path, method, name, tb.rows)
	return nil
}

// maxUsers is the highest User Count of a history CSV.
func (tb *table) maxUsers(t *testing.T) float64 {
	m := 0.0
	for _, r := range tb.rows {
		m = max(m, tb.num(t, r, "User Count"))
	}
	return m
}
