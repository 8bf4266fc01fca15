package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/shape"
)

// A shape written in Go that asks for more users than the machine holds
// ends the test with exit code 2 and says why.
func TestAShapePastTheBoundEndsTheTestWithExit2(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		greedy := shape.ShapeFunc(func(elapsed time.Duration) (int, float64, bool) {
			if elapsed < 2*time.Second {
				return 1, 1, true
			}
			return 1_000_000_000_000, 1, true
		})
		idle := func(ctx context.Context, stopping <-chan struct{}, _, _ int) { <-stopping }
		code, took, log := runHeadless(t, config.Options{}, Hooks{Shape: greedy}, idle, nil)
		if code != 2 || !strings.Contains(log, "what this gust process can hold") {
			t.Errorf("exit code %d, want 2 and the reason in the log:\n%s", code, log)
		}
		if took > 10*time.Second {
			t.Errorf("the test ran %v after the shape asked for too many users", took)
		}
	})
}

func TestOutputPathsAreCheckedBeforeTheTest(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.html")
	if err := os.WriteFile(existing, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, html string
		ok         bool
	}{
		{"a new file", filepath.Join(dir, "report.html"), true},
		{"an existing file", existing, true},
		{"a folder that does not exist", filepath.Join(dir, "nope", "report.html"), false},
		{"a folder", dir, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkOutputs(&config.Options{HTML: tc.html})
			var ue *config.UsageError
			if tc.ok != (err == nil) || (err != nil && (!errors.As(err, &ue) || ue.Option != "html")) {
				t.Fatalf("checkOutputs(--html %s) = %v, want ok=%v or a usage error of --html", tc.html, err, tc.ok)
			}
		})
	}
	var ue *config.UsageError
	if err := checkOutputs(&config.Options{JUnit: dir}); !errors.As(err, &ue) || ue.Option != "junit" {
		t.Errorf("--junit into a folder: %v, want a usage error of --junit", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "kept" {
		t.Errorf("the check changed an existing file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the check left files behind: %v", entries)
	}
}

func TestCSVPathsAreCheckedBeforeTheTest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	for _, name := range []string{"file", "old_failures.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("kept"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "x_stats.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, prefix string
		want         string // in the error; "" for none
	}{
		{"a new prefix", filepath.Join(dir, "run"), ""},
		{"existing files", filepath.Join(dir, "old"), ""},
		{"folders to make", filepath.Join(dir, "a", "b", "run"), ""},
		{"one of the files is a folder", filepath.Join(dir, "x"), "x_stats.csv: it is a folder"},
		{"a folder that is a file", filepath.Join(file, "run"), file + " is a file, not a folder"},
		{"below a file", filepath.Join(file, "a", "run"), file + " is a file, not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkOutputs(&config.Options{CSVPrefix: tc.prefix})
			var ue *config.UsageError
			if (tc.want == "") != (err == nil) || (err != nil && (!errors.As(err, &ue) || ue.Option != "csv" ||
				!strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "want a path prefix"))) {
				t.Fatalf("checkOutputs(--csv %s) = %v, want a usage error of --csv with %q", tc.prefix, err, tc.want)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "old_failures.csv")); string(b) != "kept" {
		t.Errorf("the check changed an existing file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("the check left files or folders behind: %v", entries)
	}
}

func TestOutputInAFolderThatCannotBeWritten(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into any folder")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if err := checkOutputs(&config.Options{HTML: filepath.Join(dir, "r.html")}); err == nil || !strings.Contains(err.Error(), "may not create files in the folder") {
		t.Errorf("a read-only folder: %v, want an error naming --html", err)
	}
}
