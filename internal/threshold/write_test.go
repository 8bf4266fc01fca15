package threshold_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gustload/gust/internal/threshold"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestWriteResults(t *testing.T) {
	ts, err := threshold.ParseAll([]string{
		"p95<300ms",
		"GET /api/items:p99<500us",
		"/api/items:fail_ratio<1%",
		"POST /api/items:rps>=1",
		"GET /nope:p95<1s",
		"GET /login:p95<1s",
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := threshold.WriteResults(&b, threshold.Evaluate(ts, snapshot())); err != nil {
		t.Fatal(err)
	}
	golden(t, "results.golden", b.Bytes())
}

func TestWriteResultsSummary(t *testing.T) {
	tests := []struct {
		rs   []threshold.Result
		want string
	}{
		{nil, ""},
		{[]threshold.Result{{Threshold: must("max<1s"), Pass: true, Actual: "1ms"}}, "Threshold  Result  Actual\nmax<1s     pass    1ms\n1 threshold: 1 passed, 0 breached\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := threshold.WriteResults(&b, tt.rs); err != nil || b.String() != tt.want {
			t.Errorf("WriteResults(%+v) = %q, %v; want %q", tt.rs, b.String(), err, tt.want)
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func must(s string) threshold.Threshold {
	th, err := threshold.Parse(s)
	if err != nil {
		panic(err)
	}
	return th
}
