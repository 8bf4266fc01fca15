package gust

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cli"
	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/syncbuf"
)

type result struct {
	code           int
	stdout, stderr string
}

// command runs the command line in-process with no environment variables.
func command(t *testing.T, interrupt <-chan struct{}, args []string, users ...User) result {
	t.Helper()
	var out, errOut syncbuf.Buffer
	args = append([]string{"--headless"}, args...)
	env := cli.Env{Args: args, Getenv: func(string) (string, bool) { return "", false }, Stdout: &out, Stderr: &errOut}
	code := Test{Users: users}.run(context.Background(), interrupt, env)
	return result{code, out.String(), errOut.String()}
}

func decodeJSON(t *testing.T, r result) report.JSONReport {
	t.Helper()
	var rep report.JSONReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep
}

func entry(rep report.JSONReport, name string) report.JSONEntry {
	for _, e := range rep.Stats {
		if e.Name == name {
			return e
		}
	}
	return report.JSONEntry{}
}

func TestURLModeRunsAndWritesEveryOutput(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	prefix := filepath.Join(t.TempDir(), "out", "run")
	r := command(t, nil, []string{"-u", "4", "-r", "100", "-t", "1s", "--only-summary", "--json", "--csv", prefix,
		srv.URL + "/fast@3", srv.URL + "/item?id=1"})
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s", r.code, r.stderr)
	}
	rep := decodeJSON(t, r)
	fast, item := entry(rep, "/fast").NumRequests, entry(rep, "/item?id=1").NumRequests
	if fast+item < 100 || rep.Total.NumRequests != fast+item {
		t.Fatalf("requests /fast %d, /item %d, total %d: want many, and the total their sum", fast, item, rep.Total.NumRequests)
	}
	share := float64(fast) / float64(fast+item)
	if sd := math.Sqrt(0.75 * 0.25 / float64(fast+item)); math.Abs(share-0.75) > 5*sd+0.01 {
		t.Fatalf("/fast got %.3f of the requests, want 0.75 (weight 3 to 1)", share)
	}
	rows := readCSV(t, prefix+"_stats.csv")
	last := rows[len(rows)-1]
	if last[1] != "Aggregated" || last[2] != itoa(rep.Total.NumRequests) {
		t.Fatalf("stats CSV total row %v, want Aggregated with %d requests (the final summary's)", last, rep.Total.NumRequests)
	}
	for _, f := range []string{"_stats_history.csv", "_failures.csv", "_exceptions.csv"} {
		if len(readCSV(t, prefix+f)) == 0 {
			t.Fatalf("%s is empty", f)
		}
	}
	if !strings.Contains(r.stderr, "Response time percentiles") {
		t.Fatalf("no final summary on the console:\n%s", r.stderr)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestFailuresAndExceptionsSetTheExitCode(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	boom := User{Name: "Boom", Host: srv.URL, Wait: Constant(10 * time.Millisecond),
		Tasks: []Task{{Run: func(s *Session) { s.Get("/fast"); panic("task exception example") }}}}
	tests := []struct {
		name  string
		args  []string
		users []User
		want  int
	}{
		{"failures", []string{srv.URL + "/error"}, nil, 1},
		{"failures with --exit-code-on-error 0", []string{"--exit-code-on-error", "0", srv.URL + "/error"}, nil, 0},
		{"exceptions", nil, []User{boom}, 1},
		{"clean run", []string{srv.URL + "/fast"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-u", "2", "-r", "100", "-t", "500ms", "--only-summary", "--json"}, tt.args...)
			r := command(t, nil, args, tt.users...)
			if r.code != tt.want {
				t.Fatalf("exit %d, want %d\n%s", r.code, tt.want, r.stderr)
			}
			rep := decodeJSON(t, r)
			switch tt.name {
			case "failures":
				if len(rep.Errors) != 1 || rep.Errors[0].Error != "HTTP 500 Internal Server Error" || rep.Errors[0].Occurrences != rep.Total.NumFailures {
					t.Fatalf("errors %+v, want one row holding every failure", rep.Errors)
				}
			case "exceptions":
				if len(rep.Exceptions) != 1 || rep.Exceptions[0].Message != "task exception example" || rep.Exceptions[0].Count < 2 {
					t.Fatalf("exceptions %+v, want one group counting every panic", rep.Exceptions)
				}
			}
		})
	}
}

func TestFixedCountsAreExactAndWeightsShareTheRest(t *testing.T) {
	idle := func(s *Session) { s.Sleep(time.Hour) }
	users := []User{
		{Name: "Admin", FixedCount: 2, Tasks: []Task{{Run: idle}}},
		{Name: "Web", Weight: 3, Tasks: []Task{{Run: idle}}},
		{Name: "API", Tasks: []Task{{Run: idle}}},
	}
	r := command(t, nil, []string{"-u", "22", "-r", "1000", "-t", "300ms", "--only-summary", "--json"}, users...)
	rep := decodeJSON(t, r)
	want := map[string]int{"Admin": 2, "Web": 15, "API": 5}
	for k, n := range want {
		if rep.UserKinds[k] != n {
			t.Fatalf("user kinds %v, want %v", rep.UserKinds, want)
		}
	}
	if rep.UserCount != 22 {
		t.Fatalf("user count %d, want 22", rep.UserCount)
	}
}

func TestTagsAndKindsSelectWhatRuns(t *testing.T) {
	task := func(name string, tags ...string) Task {
		return Task{Name: name, Tags: tags, Run: func(s *Session) {
			s.Record("test", name, time.Millisecond, 0, nil)
			s.Sleep(10 * time.Millisecond)
		}}
	}
	users := []User{
		{Name: "A", Tasks: []Task{task("a-read", "read"), task("a-write", "write")}},
		{Name: "B", Tags: []string{"write"}, Tasks: []Task{task("b-any")}},
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--tags", "read"}, []string{"a-read"}},
		{[]string{"--exclude-tags", "write"}, []string{"a-read"}},
		{[]string{"--tags", "write"}, []string{"a-write", "b-any"}},
		{[]string{"B"}, []string{"b-any"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"-u", "4", "-r", "1000", "-t", "300ms", "--only-summary", "--json"}, tt.args...)
			rep := decodeJSON(t, command(t, nil, args, users...))
			var got []string
			for _, e := range rep.Stats {
				got = append(got, e.Name)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("ran %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBadInputExitsTwoWithOneClearLine(t *testing.T) {
	users := []User{{Name: "Web", Tasks: []Task{{Tags: []string{"read"}, Run: func(*Session) {}}}}}
	tests := []struct {
		args []string
		want string // a word the message must contain
	}{
		{[]string{"--userz", "3"}, "--users"},
		{[]string{"-t", "soon"}, "run-time"},
		{[]string{"-u", "-5"}, "users"},
		{[]string{"--stages", "", "-t", "200ms"}, "--stages: no stages given"},
		{[]string{"--arrival-rate", "", "-t", "200ms"}, "--arrival-rate: no rate given"},
		{[]string{"Mobile"}, "unknown user kind"},
		{[]string{"--tags", "wrte"}, "unknown tag"},
		{[]string{"-H", "127.0.0.1:8080"}, "host"},
		{[]string{"http://[::1"}, "URL"},
		{[]string{"--config", "/nonexistent/gust.conf"}, "gust.conf"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := command(t, nil, tt.args, users...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "gust: ") || !strings.Contains(lines[0], tt.want) {
				t.Fatalf("exit %d, stderr %q: want exit 2 and one line starting gust: naming %q", r.code, r.stderr, tt.want)
			}
		})
	}
	if r := command(t, nil, nil); r.code != 2 || !strings.Contains(r.stderr, "gust demo") {
		t.Fatalf("no target: exit %d, stderr %q: want exit 2 pointing at gust demo", r.code, r.stderr)
	}
}

func TestInterruptStopsAndStillWritesOutputs(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	prefix := filepath.Join(t.TempDir(), "run")
	interrupt := make(chan struct{}, 1)
	time.AfterFunc(700*time.Millisecond, func() { interrupt <- struct{}{} })
	start := time.Now()
	r := command(t, interrupt, []string{"-u", "3", "-t", "1h", "--only-summary", "--csv", prefix, "--json", srv.URL + "/fast"})
	if time.Since(start) > time.Minute {
		t.Fatal("the interrupt did not stop the test")
	}
	rep := decodeJSON(t, r)
	rows := readCSV(t, prefix+"_stats.csv")
	if rep.Total.NumRequests == 0 || rows[len(rows)-1][2] != itoa(rep.Total.NumRequests) {
		t.Fatalf("after the interrupt: %d requests, CSV total row %v", rep.Total.NumRequests, rows[len(rows)-1])
	}
}

func TestHelpVersionAndList(t *testing.T) {
	users := []User{{Name: "Web", Tasks: []Task{{Run: func(*Session) {}}}}, {Name: "API", Tasks: []Task{{Run: func(*Session) {}}}}}
	if r := command(t, nil, []string{"--help"}); r.code != 0 || !strings.Contains(r.stdout, "--spawn-rate") {
		t.Fatalf("--help: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := command(t, nil, []string{"--version"}); r.code != 0 || r.stdout != "gust "+Version+"\n" {
		t.Fatalf("--version: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := command(t, nil, []string{"--list"}, users...); r.code != 0 || r.stdout != "Web\nAPI\n" {
		t.Fatalf("--list: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestWebUIServesWhileARunTimeTestRunsThenQuits(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0") // find a free port for the UI
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	base := "http://127.0.0.1:" + port + "/gust/" // --web-base-path
	polled := make(chan string, 1)
	go func() {
		for range 100 {
			time.Sleep(50 * time.Millisecond)
			if b := httpBody(base + "stats/requests"); strings.Contains(b, `"state":"running"`) {
				polled <- httpBody(base + "stats/requests_full_history/csv")
				return
			}
		}
		polled <- ""
	}()
	r := command(t, nil, []string{"--headless=false", "--web-port", port, "--web-base-path", "/gust", "-u", "2",
		"-r", "100", "-t", "2s", "--only-summary", "--json", "--csv", filepath.Join(t.TempDir(), "run"),
		"--csv-full-history", srv.URL + "/fast"})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if got := <-polled; !strings.HasPrefix(got, "Timestamp,User Count,Type,Name,") {
		t.Fatalf("the web UI under /gust/ never reported a running test with its full history CSV while -t ran: %q", got)
	}
	if rep := decodeJSON(t, r); rep.Total.NumRequests == 0 {
		t.Fatal("no requests recorded")
	}
}

// httpBody is the body of GET url, "" when there is none.
func httpBody(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
