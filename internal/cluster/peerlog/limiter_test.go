package peerlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// logged is what a Limiter wrote: the warnings passed on, and the
// suppressed counts reported, by peer ("" for the line about other peers).
type logged struct {
	warnings   int
	suppressed map[string]int
	lines      []string
}

func parse(t *testing.T, out string) logged {
	t.Helper()
	got := logged{suppressed: map[string]int{}}
	for line := range strings.Lines(out) {
		var rec struct {
			Msg        string
			Peer       string
			Suppressed int
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		got.lines = append(got.lines, rec.Msg)
		if rec.Suppressed == 0 {
			got.warnings++
			continue
		}
		got.suppressed[rec.Peer] += rec.Suppressed
		if !strings.Contains(rec.Msg, fmt.Sprintf("%d more warnings from ", rec.Suppressed)) {
			t.Errorf("report %q does not say the count %d", rec.Msg, rec.Suppressed)
		}
	}
	return got
}

func TestLimiter(t *testing.T) {
	tests := []struct {
		name       string
		peers      int // sending warnings in turn
		each       int // warnings per peer
		wantShown  int
		wantReport map[string]int // suppressed per peer; "" for the shared line
	}{
		{"few warnings pass", 2, 3, 6, map[string]int{}},
		{"one peer sending junk", 1, 100_000, PerPeer, map[string]int{"p0": 100_000 - PerPeer}},
		{"many peers", 50, 5, Total, map[string]int{ // p0..p9 logged 3 and held 2; p10..p49 held 5
			"p10": 5, "p11": 5, "p12": 5, "p13": 5, "p14": 5, "p15": 5, "p16": 5, "p17": 5, "p18": 5, "p19": 5,
			"": 10*2 + 30*5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var buf bytes.Buffer
				l := New(slog.New(slog.NewJSONHandler(&buf, nil)))
				defer l.Close()
				for i := range tt.peers * tt.each {
					peer := fmt.Sprintf("p%d", i/tt.each)
					l.Warn(peer, "cluster: dropped a message that cannot be decoded", "worker", peer)
				}
				time.Sleep(Window) // the window ends and reports
				synctest.Wait()
				got := parse(t, buf.String())
				if got.warnings != tt.wantShown {
					t.Errorf("%d warnings logged, want %d", got.warnings, tt.wantShown)
				}
				if fmt.Sprint(got.suppressed) != fmt.Sprint(tt.wantReport) {
					t.Errorf("suppressed %v, want %v", got.suppressed, tt.wantReport)
				}
				if max := Total + Reports + 1; len(got.lines) > max {
					t.Errorf("%d lines, want at most %d", len(got.lines), max)
				}
			})
		})
	}
}

// A new window gives every peer its share again; Close reports what is
// held at once.
func TestLimiterWindowsAndClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		l := New(slog.New(slog.NewJSONHandler(&buf, nil)))
		for range 10 {
			l.Warn("a", "junk")
		}
		time.Sleep(Window + time.Second)
		for range 5 {
			l.Warn("a", "junk")
		}
		l.Close()
		l.Warn("a", "after close") // a new window, without a timer
		time.Sleep(2 * Window)
		got := parse(t, buf.String())
		want := []string{"junk", "junk", "junk", "cluster: 7 more warnings from a suppressed",
			"junk", "junk", "junk", "cluster: 2 more warnings from a suppressed",
			"after close"}
		if fmt.Sprint(got.lines) != fmt.Sprint(want) {
			t.Errorf("lines:\n%q\nwant\n%q", got.lines, want)
		}
	})
}

// Warnings from more peers than a window tracks are still counted.
func TestLimiterBoundsPeers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		l := New(slog.New(slog.NewJSONHandler(&buf, nil)))
		n := 3 * maxPeers
		for i := range n {
			l.Warn(fmt.Sprint(i), "junk")
		}
		if len(l.held) > maxPeers || len(l.shown) > maxPeers {
			t.Errorf("tracks %d and %d peers, want at most %d", len(l.held), len(l.shown), maxPeers)
		}
		l.Close()
		got := parse(t, buf.String())
		sum := 0
		for _, v := range got.suppressed {
			sum += v
		}
		if got.warnings+sum != n || len(got.lines) > Total+Reports+1 {
			t.Errorf("%d logged + %d suppressed in %d lines, want %d in at most %d", got.warnings, sum, len(got.lines),
				n, Total+Reports+1)
		}
	})
}
