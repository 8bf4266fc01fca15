// Package stats records requests and turns them into snapshots: per
// (method, name) entries with HDR histograms, failures grouped by error,
// exceptions grouped by traceback, and a per-second history.
//
// A Recorder is shared by every user goroutine. Record, the hot path, locks
// only one of a small number of shards (picked by the caller: gust's sessions
// pick the processor they run on, internal/percpu) and counts into that shard's counters; every 256 response
// times of an entry, and at every Tick, Snapshot or Drain, the counters are
// folded into the entry's shared histograms. Memory is fixed however long the
// test runs: per entry one whole-run histogram (3 significant digits, about
// 188 KB) and two 5-second window histograms (2 digits, about 27 KB each),
// per shard and entry a buffer of 256 response times, at most MaxErrors
// failure kinds, MaxExceptions tracebacks and MaxHistory history points, and
// at most MaxNames entries: requests to further names are counted, per
// method, in an entry named OtherNames, so that a test that forgets to group
// its dynamic URLs cannot run out of memory.
//
// Once a second the runner calls Tick, which returns a cumulative Snapshot for
// the console, the web UI and the reports:
//
//	rec := stats.NewRecorder()
//	rec.Record(userIndex, stats.Sample{Method: "GET", Name: "/", Duration: d, Size: n})
//	snap := rec.Tick(time.Now(), users, kinds)
//	fmt.Println(snap.Total.Requests, snap.Total.Percentile(0.95))
//
// In distributed mode a worker calls Drain every few seconds and sends the
// delta; the master calls Merge with it, which gives exactly the numbers the
// master would have had recording the requests itself.
//
// Tick, Snapshot and Drain stop every shard for a moment (tens of
// microseconds with 20 entries) so that each snapshot is a consistent cut:
// the total is exactly the sum of the entries, and every request is in
// exactly one delta. Snapshots are immutable: a snapshot takes the entries'
// histograms themselves and the entries copy them before recording again
// (copy on write, done after the stop), so a consumer can keep a snapshot as
// long as it likes while recording goes on, and an idle entry is not copied.
//
// What a hostile target leaves behind is counted apart from the requests: a
// request cut short by the end of the test is a Sample with Interrupted set
// (Entry.Interrupted, neither a request nor a failure); the set-up of a
// new connection is recorded under the methods MethodConnect and MethodTLS
// (IsSetup), whose rows stay out of the total; Waits follows the requests
// in flight per host, for the warning about a host that answers nothing;
// and failure texts are grouped by Normalize, the first text kept as the
// row's Example.
//
// May import: internal/percpu.
package stats
