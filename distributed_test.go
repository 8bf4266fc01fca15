package gust

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/testenv"
)

func TestDistributedUsageErrors(t *testing.T) {
	users := []User{{Name: "Web", Tasks: []Task{{Run: func(*Session) {}}}}}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--master", "--worker"}, "two roles"},
		{[]string{"--master", "--arrival-rate", "10", "--stages", "1s:1:1"}, "arrival"},
	}
	for _, tt := range tests {
		r := command(t, nil, tt.args, users...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, "gust: ") || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q: want exit 2 and a line about %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

// A master and a worker in this process: the master's JSON counts the
// worker's requests, whether -u or a load shape sets the users.
func TestMasterAndWorkerInProcess(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	tests := []struct {
		name  string
		model []string
	}{
		{"users and run time", []string{"-u", "2", "-r", "2", "-t", "2s"}},
		{"stages that end the test", []string{"--stages", "1s:3:100,1s:2:100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port := testenv.FreePort(t)
			users := []User{{Name: "Web", Tasks: []Task{{Run: func(s *Session) { s.Get(srv.URL + "/delay/5") }}}}}
			worker := make(chan result, 1)
			go func() {
				worker <- command(t, nil, []string{"--worker", "--master-port", port}, users...)
			}()
			html := filepath.Join(t.TempDir(), "report.html")
			args := append([]string{"--master", "--master-bind-port", port, "--json", "--html", html,
				"--expect-workers-max-wait", "20s"}, tt.model...)
			r := command(t, nil, args, users...)
			rep := decodeJSON(t, r)
			if r.code != 0 || rep.Total.NumRequests == 0 || rep.UserCount != 2 {
				t.Fatalf("master: exit %d, %d requests, %d users; want 0, some, 2\n%s", r.code, rep.Total.NumRequests, rep.UserCount, r.stderr)
			}
			checkDistributedReport(t, html, r.stderr)
			if w := <-worker; w.code != 0 {
				t.Errorf("worker: exit %d\n%s", w.code, w.stderr)
			}
		})
	}
}

// checkDistributedReport checks that a master's HTML report lists its
// worker and judges the workers' saturation, as its summary line does.
func checkDistributedReport(t *testing.T, html, stderr string) {
	t.Helper()
	b, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, "<h2>Workers</h2>") || !strings.Contains(page, "<span>Workers saturated</span>") {
		t.Errorf("the master's report lacks the Workers table or the workers' saturation")
	}
	if !strings.Contains(stderr, "Master process: CPU") || !strings.Contains(stderr, "workers: at least one saturated for") {
		t.Errorf("the master's summary lacks the distributed generator line:\n%s", stderr)
	}
}
