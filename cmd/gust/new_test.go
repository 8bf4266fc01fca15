package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	demosrv "github.com/gustload/gust/internal/demo"
)

// TestNewWritesARunnableTest runs gust new into a temporary folder, builds
// the program against this checkout without the network and runs it
// headless against the demo target.
func TestNewWritesARunnableTest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My Test")
	cmd, _, stderr := startGust(t, "new", dir)
	if code := exitCode(t, cmd, time.Minute); code != 0 {
		t.Fatalf("gust new exited %d: %s", code, stderr)
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	root, _ := filepath.Abs("../..")
	if !strings.Contains(string(mod), "module my-test\n") || !strings.Contains(string(mod), "replace github.com/gustload/gust => "+root+"\n") {
		t.Fatalf("go.mod does not replace gust with this checkout (%s):\n%s", root, mod)
	}
	build := exec.Command("go", "build", "-o", "prog", ".")
	build.Dir, build.Env = dir, append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in the new folder, offline: %v\n%s", err, out)
	}
	srv, err := demosrv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	checkSuggestedRun(t, dir, stderr.String(), srv.URL)
	run := exec.Command(filepath.Join(dir, "prog"), "--headless", "-H", srv.URL, "-u", "4", "-r", "20", "-t", "3s", "--only-summary", "--json")
	out, err := run.Output()
	if err != nil {
		t.Fatalf("the new test: %v\n%s", err, stderrOf(err))
	}
	var rep struct {
		Stats []struct {
			Name        string `json:"name"`
			NumRequests int64  `json:"num_requests"`
		} `json:"stats"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("no JSON report: %v\n%s", err, out)
	}
	var names []string
	for _, e := range rep.Stats {
		names = append(names, e.Name)
	}
	if !slices.Contains(names, "/login") || !slices.Contains(names, "/item") {
		t.Errorf("requests %q, want the login of OnStart and the named /item", names)
	}
}

// checkSuggestedRun runs the program in dir (built as prog) the way its
// README, its main.go and gust new's last words suggest first, for 3 s
// against target, and checks that it does what the README says: a table of
// the requests every two seconds in the terminal, no web UI.
func checkSuggestedRun(t *testing.T, dir, newOutput, target string) {
	t.Helper()
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	mainGo, _ := os.ReadFile(filepath.Join(dir, "main.go"))
	args := suggestedRun(string(readme))
	for what, text := range map[string]string{"main.go": string(mainGo), "gust new's output": newOutput} {
		if got := suggestedRun(text); !slices.Equal(got, args) {
			t.Fatalf("%s suggests go run . %q, the README go run . %q", what, got, args)
		}
	}
	if !strings.Contains(string(readme), "two seconds") {
		t.Fatalf("the README no longer says what the suggested run prints; update this test:\n%s", readme)
	}
	i := slices.Index(args, "-t")
	if i < 0 || i+1 == len(args) {
		t.Fatalf("the suggested go run . %q has no -t", args)
	}
	args = append(slices.Clone(args), "-H", target)
	args[i+1] = "3s"
	cmd := exec.Command(filepath.Join(dir, "prog"), args...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "| elapsed ") || strings.Contains(string(out), "web UI at") {
		t.Fatalf("go run . %q (the README's command, 3 s): %v; want a live table and no web UI:\n%s", args, err, out)
	}
}

// suggestedRun returns the arguments of the first `go run .` command in
// text, up to the end of its line or a # comment.
func suggestedRun(text string) []string {
	_, after, ok := strings.Cut(text, "go run . ")
	if !ok {
		return nil
	}
	line, _, _ := strings.Cut(after, "\n")
	line, _, _ = strings.Cut(line, "#")
	return strings.Fields(line)
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

func TestNewRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"new", dir}, {"new"}, {"new", "a", "b"}, {"new", "--source", t.TempDir(), "x"}} {
		cmd, _, stderr := startGust(t, args...)
		if code := exitCode(t, cmd, time.Minute); code != 2 || !strings.HasPrefix(stderr.String(), "gust: new: ") {
			t.Errorf("gust %q: exit %d, %q; want 2 and a message", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.go")); string(b) != "package main\n" {
		t.Errorf("main.go was overwritten")
	}
}

func TestIsRelease(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"v1.2.3", true},
		{"v1.2.3-rc.1", true},
		{"(devel)", false},
		{"", false},
		{"v0.0.0-20261204172000-9906ebd1c2f3", false},
		{"v1.2.4-0.20261204172000-9906ebd1c2f3", false},
		{"v1.2.3+dirty", false},
	}
	for _, tt := range tests {
		if got := isRelease(tt.v); got != tt.want {
			t.Errorf("isRelease(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestParseGoMod(t *testing.T) {
	mod := "module x\n\ngo 1.26.0\n\nrequire a.example/b v1.0.0\n\nrequire (\n\tc.example/d v0.1.0 // indirect\n)\n"
	g, reqs := parseGoMod([]byte(mod))
	if g != "1.26.0" || !slices.Equal(reqs, []string{"a.example/b v1.0.0", "c.example/d v0.1.0"}) {
		t.Errorf("parseGoMod = %q, %q", g, reqs)
	}
}
