package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/gustload/gust/internal/cluster/peerlog"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/syncbuf"
)

// A peer that floods the master with junk gets a few lines of log and a
// count, not a line per frame; a worker next to it is not held up.
func TestJunkFromAPeerIsLoggedWithinBounds(t *testing.T) {
	junk := map[string][][]byte{
		"junk_1":  {{0xc1}, []byte("GET / HTTP/1.1\r\n"), {0x93, 0xa4, 's', 't', 'o', 'p'}},
		"junk_2":  {mustEncode(t, wire.Message{Type: wire.TypeStats, Data: &wire.StatsReport{}, NodeID: "junk_2"})[:20]},
		"worker1": {{0x92}}, // a registered worker's bad frame, which also asks it to reconnect
	}
	const frames = 5000 // per peer
	synctest.Test(t, func(t *testing.T) {
		var log syncbuf.Buffer
		c := newCluster(t, MasterOptions{Log: slog.New(slog.NewTextHandler(&log, nil))})
		c.raw("worker1", wire.SkipVersionCheck)
		wait(0)
		log.Reset() // the worker's arrival
		for peer, kinds := range junk {
			tr := c.net.Worker(peer)
			defer tr.Close()
			for i := range frames {
				if err := tr.Send(context.Background(), "", kinds[i%len(kinds)]); err != nil {
					t.Fatal(err)
				}
			}
		}
		wait(peerlog.Window)
		lines := strings.Split(strings.TrimSpace(log.String()), "\n")
		if max := peerlog.Total + peerlog.Reports + 1; len(lines) > max {
			t.Errorf("%d lines of log for %d junk frames, want at most %d:\n%s", len(lines), frames*len(junk), max,
				strings.Join(lines[:10], "\n"))
		}
		for peer := range junk {
			want := fmt.Sprintf("cluster: %d more warnings from %s suppressed", frames-peerlog.PerPeer, peer)
			if !strings.Contains(log.String(), want) {
				t.Errorf("no line %q in\n%s", want, log.String())
			}
		}
	})
}

// A worker whose master sends junk logs it within the same bounds.
func TestJunkFromTheMasterIsLoggedWithinBounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log syncbuf.Buffer
		c := newCluster(t, MasterOptions{})
		c.join("w_1", WorkerOptions{Log: slog.New(slog.NewTextHandler(&log, nil))})
		wait(0)
		const frames = 2000
		for range frames {
			if err := c.net.Master().Send(context.Background(), "w_1", []byte{0xc1}); err != nil {
				t.Fatal(err)
			}
		}
		wait(peerlog.Window)
		text := log.String()
		if n := strings.Count(text, "cannot be decoded"); n != peerlog.PerPeer {
			t.Errorf("%d warnings about junk, want %d:\n%s", n, peerlog.PerPeer, text)
		}
		if want := fmt.Sprintf("%d more warnings from the master suppressed", frames-peerlog.PerPeer); !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	})
}
