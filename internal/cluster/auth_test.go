package cluster

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
)

func TestClusterToken(t *testing.T) {
	tests := []struct {
		name    string
		master  string
		worker  string
		refused bool
	}{
		{"no token anywhere", "", "", false},
		{"the right token", "s3cret", "s3cret", false},
		{"a wrong token", "s3cret", "guess", true},
		{"no token where one is needed", "s3cret", "", true},
		{"a token the master does not need", "", "s3cret", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c := newCluster(t, MasterOptions{Token: tt.master})
				w := c.join("a_1", WorkerOptions{Token: tt.worker})
				wait(2 * time.Second)
				joined := c.state("a_1") != ""
				select {
				case err := <-w.done:
					w.done <- err
					if !tt.refused || !errors.Is(err, ErrRefused) {
						t.Fatalf("the worker ended with %v", err)
					}
				default:
					if tt.refused {
						t.Fatal("the worker was not refused")
					}
				}
				if joined == tt.refused {
					t.Errorf("the master lists the worker: %v, want %v", joined, !tt.refused)
				}
			})
		})
	}
}

func TestAuthMACIsBoundToTheNode(t *testing.T) {
	mac := wire.AuthMAC("s3cret", "a_1")
	if !wire.ValidAuth("s3cret", "a_1", mac) {
		t.Fatal("a worker's own proof is refused")
	}
	for _, c := range []struct{ token, id, mac string }{
		{"s3cret", "b_1", mac},      // replayed by another node
		{"other", "a_1", mac},       // another cluster
		{"s3cret", "a_1", "zz"},     // not hex
		{"s3cret", "a_1", mac[:10]}, // truncated
	} {
		if wire.ValidAuth(c.token, c.id, c.mac) {
			t.Errorf("ValidAuth(%q, %q, %q) = true", c.token, c.id, c.mac)
		}
	}
}

// A Locust worker cannot present a token: with one set, it is refused.
func TestLocustWorkerRefusedWithAToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{Token: "s3cret"})
		b := c.raw("b_1", "2.12.1")
		wait(time.Second)
		if len(b.received(wire.TypeAck)) != 0 || len(b.received(wire.TypeQuit)) != 1 || len(b.received(wire.TypeRefused)) != 1 {
			t.Fatalf("the Locust worker got %+v, want gust_refused and quit, no ack", b.got)
		}
		b.send(wire.TypeStats, wire.NewStatsReport(requests(3)))
		wait(time.Second)
		if s := c.rec.Snapshot(time.Now()); s.Total.Requests != 0 {
			t.Errorf("the refused worker's report was merged: %d requests", s.Total.Requests)
		}
	})
}
