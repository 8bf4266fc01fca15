package stats

import (
	"maps"
	"sync"
	"sync/atomic"
	"time"
)

// MaxNames is the most distinct (method, name) entries a Recorder keeps:
// each holds about 215 KB of histograms (TestMemoryPerName), so a test that forgets to group
// its dynamic URLs (a hundred thousand /item?id=N) must not run out of
// memory. Requests to further names are still counted, per method, in the
// entry named OtherNames; the total stays exact.
const MaxNames = 2000

// OtherNames is the Name of the entries that count the requests to names
// past MaxNames.
const OtherNames = "gust: other names (more than 2000)"

// Sample is one finished request (or custom-protocol call).
type Sample struct {
	Method   string        // request type: HTTP method or custom verb
	Name     string        // grouping name
	Duration time.Duration // response time
	// Corrected is the response time measured from when the request's
	// iteration was meant to start (corrected for coordinated omission):
	// Duration plus how late the iteration started. 0 means none: the
	// sample is not on a schedule.
	Corrected time.Duration
	NoTime    bool      // count the request without a response time (Locust's None)
	Size      int64     // response bytes
	Err       string    // "" = success; otherwise the failure text (grouped by method, name, Err)
	End       time.Time // wall clock when it ended; zero means time.Now()
	// Interrupted marks a request that was still in flight when the test
	// ended and was cut short: it is counted in Entry.Interrupted only, as
	// neither a request nor a failure, since the target never had its say.
	Interrupted bool
}

// The request types of the rows that time the set-up of new connections,
// per host:port (see IsSetup).
const (
	MethodConnect = "CONNECT" // the dial: from its start until connected
	MethodTLS     = "TLS"     // the TLS handshake that follows the dial
)

// IsSetup says whether the entries of method time the set-up of
// connections rather than requests: they have rows of their own but are
// not added to the total, which stays the total of the requests.
func IsSetup(method string) bool { return method == MethodConnect || method == MethodTLS }

// Recorder collects samples from many goroutines and turns them into
// snapshots. Record spreads its work over independently locked shards; the
// other methods are for the one goroutine that ticks, drains or merges, and
// are safe to call concurrently with Record and with each other.
type Recorder struct {
	shards []shard
	mask   uint

	// mu serialises Tick, Snapshot, Drain, Reset, Merge and Exception, and
	// guards the fields below it. Lock order: mu, shards (in index order),
	// reg, an entry, the total.
	mu      sync.Mutex
	start   time.Time // Start of the snapshots
	drained time.Time // when the last delta ended
	rotated time.Time // when the current windows last rotated
	errors  errorTable
	excs    excTable
	hist    history
	users   int
	kinds   map[string]int // replaced, never changed: snapshots share it
	rateLag time.Duration  // see SetRateLag

	// reg guards the registry of entries, which Record extends (under its
	// shard's lock) the first time a shard sees a name.
	reg     sync.Mutex
	entries map[Key]*entry
	list    []*entry
	total   *entry
	// frozen is, once MaxNames entries are registered, those entries: a
	// name not among them goes to OtherNames. Never changed once set, so
	// Record reads it without reg.
	frozen atomic.Pointer[map[Key]*entry]

	waits Waits // requests in flight per host
}

// Waits follows the requests in flight per host (see Waits). Reset clears
// its count of requests cut short.
func (r *Recorder) Waits() *Waits { return &r.waits }

// totalKey is the aggregated entry's key.
var totalKey = Key{Name: TotalName}

// NewRecorder returns an empty recorder whose statistics start now.
func NewRecorder() *Recorder {
	n := shardCount()
	r := &Recorder{shards: make([]shard, n), mask: uint(n - 1)}
	for i := range r.shards {
		r.shards[i].init()
	}
	r.clear(time.Now())
	return r
}

// Record counts one finished request. It is the hot path: it locks only the
// shard picked by shard (any int, such as the caller's processor, used to
// spread contention), and allocates only the first time a shard sees a name or a
// kind of failure. Every 256 timed requests of a name in a shard it also
// takes that entry's and the total's locks, to move them into the
// histograms.
func (r *Recorder) Record(shard int, s Sample) {
	end := s.End
	if end.IsZero() {
		end = time.Now()
	}
	ns := end.UnixNano()
	sh := &r.shards[uint(shard)&r.mask]
	k := Key{Method: s.Method, Name: s.Name}
	sh.mu.Lock()
	c := sh.counters[k]
	if c == nil {
		c = r.newCounters(sh, k)
	}
	c.add(&s, ns)
	if s.Err != "" && !s.Interrupted {
		sh.addError(errKey{Method: s.Method, Name: s.Name, Err: Normalize(s.Err)}, s.Err, ns)
	}
	sh.mu.Unlock()
}

// newCounters gives shard sh its counters for k, registering the entry when
// the recorder has not seen k yet. Past MaxNames a new name shares the
// shard's counters of its method's OtherNames entry, which are not stored
// under the name: the shard's map stays bounded too. The shard's lock is
// held.
func (r *Recorder) newCounters(sh *shard, k Key) *counters {
	if names := r.frozen.Load(); names != nil && (*names)[k] == nil {
		k = Key{Method: k.Method, Name: OtherNames}
		if c := sh.counters[k]; c != nil {
			return c
		}
	}
	r.reg.Lock()
	c := &counters{entry: r.lookup(k), total: r.total}
	if IsSetup(k.Method) {
		c.total = nil // a connection's set-up is not a request
	}
	r.reg.Unlock()
	sh.counters[c.entry.key] = c
	return c
}

// lookup returns the entry of k, making it if needed, or past MaxNames the
// OtherNames entry of k's method. reg is held.
func (r *Recorder) lookup(k Key) *entry {
	e := r.entries[k]
	if e != nil {
		return e
	}
	if len(r.entries) >= MaxNames && k.Name != OtherNames {
		if r.frozen.Load() == nil {
			names := maps.Clone(r.entries)
			r.frozen.Store(&names)
		}
		return r.lookup(Key{Method: k.Method, Name: OtherNames})
	}
	e = newEntry(k)
	r.entries[k] = e
	r.list = append(r.list, e)
	return e
}

// Exception counts one exception raised in user code, grouped by traceback.
// node is "local" or the id of the worker that raised it.
func (r *Recorder) Exception(msg, traceback, node string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.excs.add(traceback, msg, 1, node)
}

// NameCount is the number of distinct (method, name) entries recorded since
// the last Reset, for the "too many names" warning.
func (r *Recorder) NameCount() int {
	r.reg.Lock()
	defer r.reg.Unlock()
	return len(r.entries)
}

// Reset clears everything (entries, errors, exceptions and history) and
// starts the statistics again at now.
func (r *Recorder) Reset(now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lockShards()
	defer r.unlockShards()
	for i := range r.shards {
		r.shards[i].init()
	}
	r.clear(now)
}

// clear empties the shared state. mu and every shard are held (or the
// recorder is not shared yet).
func (r *Recorder) clear(now time.Time) {
	r.reg.Lock()
	r.entries, r.list, r.total = make(map[Key]*entry), nil, newEntry(totalKey)
	r.frozen.Store(nil)
	r.reg.Unlock()
	r.start, r.drained, r.rotated = now, now, now
	r.errors, r.excs, r.hist = errorTable{}, excTable{}, history{}
	r.waits.reset()
}

func (r *Recorder) lockShards() {
	for i := range r.shards {
		r.shards[i].mu.Lock()
	}
}

func (r *Recorder) unlockShards() {
	for i := range r.shards {
		r.shards[i].mu.Unlock()
	}
}
