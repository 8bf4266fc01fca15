package stats_test

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// NameHeap is the live heap the README says one request name costs: keep
// the two in step. The process grows by about twice that (issue 14
// measured 460 KB per name), since Go's collector lets the heap reach
// twice the live data before it collects (GOGC=100).
const NameHeap = 215 << 10

// TestMemoryPerName measures what one more request name costs while a test
// runs as the engine runs it: requests to every name on every shard, a
// tick each second whose snapshot stays referenced (the engine keeps the
// latest; the next write then copies the histograms it shares). Run with
// -v to see the figure the README quotes.
func TestMemoryPerName(t *testing.T) {
	if testing.Short() {
		t.Skip("measures memory: slow with -short")
	}
	const names = 400
	r := stats.NewRecorder()
	var latest *stats.Snapshot
	_ = latest
	round := func(sec int) {
		for i := range names {
			for sh := range 8 {
				r.Record(sh, stats.Sample{Method: "GET", Name: fmt.Sprintf("/item/%d", i),
					Duration: time.Duration(sh*1000+i) * time.Microsecond, Size: 10, Err: [2]string{"", "HTTP 500"}[sh%2]})
			}
		}
		latest = r.Tick(time.Now(), 1, nil)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before, rss0 := heap(), rss()
	for sec := range 12 { // past the window slot, so every histogram exists
		round(sec)
	}
	rss1 := rss()
	per := (heap() - before) / names
	runtime.KeepAlive(latest)
	t.Logf("one request name costs %d KB of live heap; the process grew by %d KB per name", per>>10, (rss1-rss0)/names>>10)
	if per > NameHeap*3/2 || per < NameHeap/2 {
		t.Errorf("one name costs %d KB; the README says about %d KB: measure again and correct it", per>>10, NameHeap>>10)
	}
}

// rss is the process's resident memory in bytes, or 0 where /proc does not
// say.
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseUint(f[1], 10, 64)
			return n << 10
		}
	}
	return 0
}
