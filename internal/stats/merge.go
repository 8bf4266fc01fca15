package stats

// Merge adds a worker's delta (from Drain, or decoded from a Locust worker's
// report) exactly as if its requests had been recorded here: histograms
// merge bucket by bucket, counts and per-second counts add, Min, Max, First
// and Last widen, errors add by (method, name, error) with the earliest first
// and latest last seen, and exceptions add by traceback with their nodes
// united. The total is rebuilt from delta's entries, so it stays the sum of
// this recorder's entries; delta.Total is not read. The delta's samples go
// into the current window of the moment they are merged.
func (r *Recorder) Merge(delta *Snapshot) {
	if delta == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reg.Lock()
	es := make([]*entry, len(delta.Entries))
	for i, d := range delta.Entries {
		es[i] = r.lookup(d.Key)
	}
	total := r.total
	r.reg.Unlock()
	for i, d := range delta.Entries {
		bs, cbs := deltaBuckets(d), bucketsOf(d.Corrected)
		es[i].mergeEntry(d, bs, cbs)
		if !IsSetup(d.Method) {
			total.mergeEntry(d, bs, cbs)
		}
	}
	r.errors.merge(delta.Errors)
	r.excs.merge(delta.Exceptions)
}
