package cli

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestFilesProblemSaysWhatToRaise(t *testing.T) {
	tests := []struct {
		name        string
		users       int
		limit, hard uint64
		want        string // in the message; "" for none
	}{
		{"fits", 1000, 20000, 20000, ""},
		{"fits exactly", 19900, 20000, 20000, ""},
		{"too many", 50000, 20000, 20000, "50000 users need about 50100 open files"},
		{"says how", 50000, 20000, 20000, "ulimit -n 50100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := filesProblem(tt.users, tt.limit, tt.hard)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Fatalf("filesProblem = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPortsProblemSaysWhatToRaise(t *testing.T) {
	tests := []struct {
		name         string
		users, dests int
		want         string
	}{
		{"fits", 20000, 1, ""},
		{"spread over addresses", 100000, 4, ""},
		{"unknown targets count as one", 30000, 0, "need 30000 local ports"},
		{"too many to one address", 50000, 1, "sysctl -w net.ipv4.ip_local_port_range"},
		{"too many even spread", 100000, 2, "need 50000 local ports to each, but net.ipv4.ip_local_port_range gives 28232 (32768-60999)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := portsProblem(tt.users, tt.dests, 32768, 60999)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Fatalf("portsProblem = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParsePortRange(t *testing.T) {
	tests := []struct {
		in     string
		lo, hi int
		ok     bool
	}{
		{"32768\t60999\n", 32768, 60999, true},
		{"1024 65535", 1024, 65535, true},
		{"60999 32768", 0, 0, false},
		{"", 0, 0, false},
		{"a b", 0, 0, false},
	}
	for _, tt := range tests {
		lo, hi, ok := parsePortRange(tt.in)
		if ok != tt.ok || ok && (lo != tt.lo || hi != tt.hi) {
			t.Errorf("parsePortRange(%q) = %d, %d, %v; want %d, %d, %v", tt.in, lo, hi, ok, tt.lo, tt.hi, tt.ok)
		}
	}
}

func TestCheckLimitsWarnsInsteadOfFailing(t *testing.T) {
	var log bytes.Buffer
	checkLimits(1, 1, slog.New(slog.NewTextHandler(&log, nil)))
	if log.Len() != 0 {
		t.Fatalf("one user: logged %q, want nothing", log.String())
	}
	checkLimits(1<<40, 1, slog.New(slog.NewTextHandler(&log, nil)))
	if !strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "open files") {
		t.Fatalf("a trillion users: logged %q, want a warning about open files", log.String())
	}
}
