package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// comparisons are two rounds of bench/grpc's two comparisons.
const comparisons = "ghz\tgRPC unary\trequests=40000 failures=0 p50_ms=1.2 p99_ms=9 cpu_s=10 maxrss_kb=90000\n" +
	"gust (gust/grpc)\tgRPC unary\trequests=60000 failures=2 p50_ms=1.0 p99_ms=8 cpu_s=10 maxrss_kb=30000\n" +
	"gust HTTP/1.1\tHTTP\trequests=200000 failures=0 p50_ms=0.2 p99_ms=2 cpu_s=10 maxrss_kb=20000\n" +
	"gust HTTP/2 h2c\tHTTP\trequests=100000 failures=0 p50_ms=0.4 p99_ms=3 cpu_s=10 maxrss_kb=25000\n" +
	"ghz\tgRPC unary\trequests=50000 failures=0 p50_ms=1.4 p99_ms=11 cpu_s=10 maxrss_kb=95000\n" +
	"gust (gust/grpc)\tgRPC unary\trequests=70000 failures=1 p50_ms=1.2 p99_ms=10 cpu_s=10 maxrss_kb=31000\n"

func TestComparisonGolden(t *testing.T) {
	groups, err := readGroups(comparisons)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	writeComparison(&got, groups)
	golden := filepath.Join("testdata", "compare.golden")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("comparison differs from %s (go test -update if intended):\n%s", golden, got.Bytes())
	}
}

func TestReadGroupsRejectsBadLines(t *testing.T) {
	for _, s := range []string{"ghz\tgRPC", "ghz\tgRPC\trequests=x"} {
		if _, err := readGroups(s); err == nil {
			t.Errorf("readGroups(%q): no error", s)
		}
	}
}
