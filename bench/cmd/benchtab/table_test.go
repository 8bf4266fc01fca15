package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// results are two rounds of three tools, as bench/run writes them.
const results = "wrk\tthroughput\trequests=600000 failures=0 p50_ms=0.7 p99_ms=12 cpu_s=6 maxrss_kb=5000\n" +
	"wrk\tdelay\trequests=19000 failures=0 p50_ms=50.9 p99_ms=51.4 cpu_s=0.2 maxrss_kb=6000\n" +
	"gust URL mode (FastHTTP)\tthroughput\trequests=900000 failures=0 p50_ms=0.5 p99_ms=2 cpu_s=10 maxrss_kb=18000\n" +
	"Locust FastHttpUser\tthroughput\trequests=33000 failures=0 p50_ms=0 p99_ms=9 cpu_s=10 maxrss_kb=54000\n" +
	"Locust FastHttpUser\tdelay\trequests=18000 failures=0 p50_ms=58 p99_ms=400 cpu_s=9 maxrss_kb=60000\n" +
	"wrk\tthroughput\trequests=700000 failures=0 p50_ms=0.7 p99_ms=12 cpu_s=6 maxrss_kb=5000\n" +
	"gust URL mode (FastHTTP)\tthroughput\trequests=800000 failures=0 p50_ms=0.5 p99_ms=2 cpu_s=10 maxrss_kb=19000\n" +
	"Locust FastHttpUser\tdelay\trequests=18000 failures=0 p50_ms=60 p99_ms=500 cpu_s=9 maxrss_kb=61000\n"

func TestTableGolden(t *testing.T) {
	rows, err := readResults(results)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	writeTable(&got, rows)
	golden := filepath.Join("testdata", "table.golden")
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
		t.Fatalf("table:\n%s\nwant:\n%s", got.Bytes(), want)
	}
}

func TestReadResultsRejectsBadLines(t *testing.T) {
	for _, bad := range []string{"wrk\tthroughput", "wrk\tsoak\trequests=1", "wrk\tdelay\trequests=x"} {
		if _, err := readResults(bad); err == nil {
			t.Errorf("readResults(%q): no error", bad)
		}
	}
}
