package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/config"
)

// env returns a getenv that reads from m.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// writeConf writes text to gust.conf in a fresh directory and returns its path.
func writeConf(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gust.conf")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustParse parses or fails the test.
func mustParse(t *testing.T, args []string, vars map[string]string) *config.Options {
	t.Helper()
	o, err := config.Parse(args, env(vars))
	if err != nil {
		t.Fatalf("Parse(%q): %v", args, err)
	}
	return o
}

// usageError checks that err is a *UsageError with exit code 2, a "gust: "
// prefix and every one of wants in its message.
func usageError(t *testing.T, err error, wants ...string) *config.UsageError {
	t.Helper()
	var ue *config.UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v (%T) is not a *config.UsageError", err, err)
	}
	if ue.ExitCode() != 2 {
		t.Errorf("ExitCode() = %d, want 2", ue.ExitCode())
	}
	msg := ue.Error()
	if !strings.HasPrefix(msg, "gust: ") {
		t.Errorf("error %q does not start with \"gust: \"", msg)
	}
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
	return ue
}
