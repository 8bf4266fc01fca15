package cluster

import (
	"fmt"
	"testing"
	"time"

	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/stats"
)

// benchWorkers is the cluster size of the master benchmarks: Locust's
// Python master saturates at about a thousand workers.
const benchWorkers = 1000

// benchMaster returns a master with benchWorkers registered workers, and
// one encoded stats frame per worker: 10 request names, a few failures, the
// exact histograms, as a busy gust worker sends every 3 s.
func benchMaster(b *testing.B) (*Master, []string, [][]byte) {
	net := transport.NewNetwork()
	m := NewMaster(net.Master(), MasterOptions{Kinds: kindsAB, Recorder: stats.NewRecorder()})
	b.Cleanup(func() { m.Close() })
	ids := make([]string, benchWorkers)
	for i := range ids {
		ids[i] = wire.NodeIDFor(fmt.Sprintf("host%d", i%50))
		m.handle(ids[i], wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{Version: wire.SkipVersionCheck}, NodeID: ids[i]})
	}
	return m, ids, benchFrames(b)
}

// benchFrames are stats frames of 50 different workers.
func benchFrames(b *testing.B) [][]byte {
	frames := make([][]byte, 50)
	now := time.Now()
	for i := range frames {
		frames[i] = mustEncode(b, wire.Message{Type: wire.TypeStats, Data: wire.NewStatsReport(busyDelta(i, now)), NodeID: "w_1"})
	}
	return frames
}

// busyDelta is 3 s of a worker's requests: 600 over 10 names.
func busyDelta(seed int, now time.Time) *stats.Snapshot {
	rec := stats.NewRecorder()
	for i := range 600 {
		s := stats.Sample{Method: "GET", Name: fmt.Sprintf("/page/%d", i%10),
			Duration: time.Duration(1000+(i*7919+seed*104729)%250_000) * time.Microsecond, Size: 512,
			End: now.Add(time.Duration(i-600) * 5 * time.Millisecond)}
		if i%50 == 0 {
			s.Err = "HTTP 500"
		}
		rec.Record(i, s)
	}
	return rec.Drain(now)
}

// BenchmarkMasterStatsReport is the master's whole cost of one worker's
// report: decoding the frame and merging it. 1,000 workers send 333 a
// second; the cpu-% metric is the share of one core that takes.
func BenchmarkMasterStatsReport(b *testing.B) {
	m, ids, frames := benchMaster(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		msg, err := wire.Decode(frames[i%len(frames)])
		if err != nil {
			b.Fatal(err)
		}
		m.handle(ids[i%benchWorkers], msg)
	}
	perReport := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perReport*benchWorkers/ReportInterval.Seconds()*100, "cpu-%-at-1000-workers")
}

// BenchmarkMasterHeartbeat is the cost of one worker's heartbeat (1,000
// a second for 1,000 workers), with the reply queued for sending (and sent
// by the master's sender to workers that are not on the network).
func BenchmarkMasterHeartbeat(b *testing.B) {
	m, ids, _ := benchMaster(b)
	frame := mustEncode(b, wire.Message{Type: wire.TypeHeartbeat, Data: wire.Heartbeat{State: "running", CPUUsage: 12.5, MemoryUsage: 1 << 26}, NodeID: ids[0]})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		msg, err := wire.Decode(frame)
		if err != nil {
			b.Fatal(err)
		}
		m.handle(ids[i%benchWorkers], msg)
	}
	perBeat := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perBeat*benchWorkers*100, "cpu-%-at-1000-workers")
}

// BenchmarkMergeReport compares the two ways of merging a decoded report:
// SparseDelta, which a master uses, and Delta, which rebuilds a histogram
// per entry.
func BenchmarkMergeReport(b *testing.B) {
	frames := benchFrames(b)
	reports := make([]*wire.StatsReport, len(frames))
	for i, f := range frames {
		m, err := wire.Decode(f)
		if err != nil {
			b.Fatal(err)
		}
		reports[i] = m.Data.(*wire.StatsReport)
	}
	for name, delta := range map[string]func(*wire.StatsReport) (*stats.Snapshot, error){
		"sparse": (*wire.StatsReport).SparseDelta, "histogram": (*wire.StatsReport).Delta} {
		b.Run(name, func(b *testing.B) {
			rec := stats.NewRecorder()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				d, err := delta(reports[i%len(reports)])
				if err != nil {
					b.Fatal(err)
				}
				rec.Merge(d)
			}
		})
	}
}
