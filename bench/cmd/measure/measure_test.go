package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunIsBoundedAndMeasured(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		limit    time.Duration
		wantExit int
	}{
		{"exits", []string{"sh", "-c", "exit 3"}, time.Minute, 3},
		{"stopped at the limit", []string{"sleep", "30"}, 100 * time.Millisecond, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := run(tt.args, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if c.exit != tt.wantExit || c.wall > 10*time.Second || c.maxRSSKB <= 0 {
				t.Fatalf("cost %+v, want exit %d, a bounded wall time and a peak RSS", c, tt.wantExit)
			}
		})
	}
}

func TestWriteTheCostLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cost")
	if err := write(path, cost{wall: time.Second, user: 250 * time.Millisecond, sys: 750 * time.Millisecond, maxRSSKB: 42}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if got := string(b); !strings.Contains(got, "cpu_s=1.000 maxrss_kb=42 exit=0") {
		t.Fatalf("cost line %q", got)
	}
}
