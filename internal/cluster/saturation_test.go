package cluster

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/syncbuf"
)

func TestMasterHearsWhichWorkerIsSaturated(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log syncbuf.Buffer
		c := newCluster(t, MasterOptions{Log: slog.New(slog.NewTextHandler(&log, nil))})
		g := c.raw("g_1", wire.SkipVersionCheck)
		l := c.raw("l_1", "2.12.1")
		wait(time.Second)
		c.master.Start(4, 100)
		beat := func(gust string, locustCPU float64) {
			g.send(wire.TypeHeartbeat, wire.Heartbeat{State: "running", CPUUsage: 180, Saturation: gust})
			l.send(wire.TypeHeartbeat, wire.Heartbeat{State: "running", CPUUsage: locustCPU})
			wait(time.Second)
		}
		steps := []struct {
			gust      string
			locustCPU float64
			want      string // in Saturation's sentence; "" for not saturated
		}{
			{"", 40, ""}, // a gust worker at 180% of a core keeps up when it says so
			{"CPU at 99%", 95, "worker 0 (g_1) is saturated: CPU at 99%"}, // the first by index
			{"", 95, "worker 1 (l_1) is saturated: CPU at 95% of the one core a Locust worker uses"},
			{"", 89, ""},
		}
		for i, s := range steps {
			beat(s.gust, s.locustCPU)
			sat, why := c.master.Saturation()
			if sat != (s.want != "") || !strings.Contains(why, s.want) {
				t.Fatalf("step %d: Saturation() = %v %q, want %q", i, sat, why, s.want)
			}
		}
		if got := strings.Count(log.String(), "cluster: a worker is saturated"); got != 2 {
			t.Errorf("%d warnings, want one per worker:\n%s", got, log.String())
		}
		if s := c.master.SaturatedSeconds(); s < 1 || s > 3 {
			t.Errorf("SaturatedSeconds() = %v, want the two seconds a worker was saturated", s)
		}
	})
}

func TestMasterCountsSaturationOnlyWhileATestRuns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		g := c.raw("g_1", wire.SkipVersionCheck)
		for range 3 {
			g.send(wire.TypeHeartbeat, wire.Heartbeat{State: "ready", Saturation: "busy"})
			wait(time.Second)
		}
		if sat, _ := c.master.Saturation(); !sat {
			t.Fatal("an idle but saturated worker is not reported")
		}
		if s := c.master.SaturatedSeconds(); s != 0 {
			t.Errorf("SaturatedSeconds() = %v with no test running, want 0", s)
		}
	})
}

func TestWorkerReportsItsOwnSaturation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var cpu time.Duration
		busy := func() monitor.Counters { // one core busy all the time
			mu.Lock()
			defer mu.Unlock()
			cpu += time.Second
			return monitor.Counters{CPU: cpu}
		}
		var log syncbuf.Buffer
		c := newCluster(t, MasterOptions{})
		c.join("w_1", WorkerOptions{Monitor: monitor.New(monitor.Options{Cores: 1, Read: busy}),
			Log: slog.New(slog.NewTextHandler(&log, nil))})
		wait(3 * time.Second)
		sat, why := c.master.Saturation()
		if !sat || !strings.Contains(why, "worker 0 (w_1) is saturated: gust is busy: CPU 100% of 1 core is at its limit") {
			t.Fatalf("Saturation() = %v %q, want w_1 saturated at 100%% CPU", sat, why)
		}
		if ws := c.master.Workers(); len(ws) != 1 || ws[0].CPU < 99 || ws[0].Saturation == "" {
			t.Errorf("Workers() = %+v, want w_1 at 100%% of a core and saturated", ws)
		}
		if !strings.Contains(log.String(), "level=WARN msg=\"gust is busy: CPU 100% of 1 core") {
			t.Errorf("the worker did not warn in its own log:\n%s", log.String())
		}
	})
}
