package cluster

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
)

// Exceptions sent per report: a Locust master counts one per message, so an
// exception that occurred many times goes out as several messages (the last
// one carrying the rest of the count for a gust master), within bounds.
const (
	maxExceptionRepeats = 10  // messages for one exception
	maxExceptionsSent   = 100 // messages per report, at least one per exception
)

// onSpawn applies a spawn's counts at once: the master paces the ramp.
func (w *Worker) onSpawn(ctx context.Context, data any) {
	s, ok := data.(wire.Spawn)
	if !ok {
		return
	}
	w.send(ctx, wire.TypeSpawning, nil)
	if s.Timestamp <= w.lastSpawn {
		w.log.Debug("cluster: discarded a spawn not newer than the last one")
		return
	}
	w.lastSpawn = s.Timestamp
	st := w.state.Load()
	fresh := st != StateSpawning && st != StateRunning
	if fresh {
		w.o.Recorder.Reset(time.Now()) // a new test: its statistics start now, as Locust's workers do
		w.arr.set(nil)
	}
	w.state.Store(StateSpawning)
	w.applyHost(s.Host)
	w.o.Users.SetStopTimeout(s.StopTimeout)
	spec, arrival, err := wire.ArrivalOf(s.ParsedOptions)
	if err != nil {
		w.log.Error("cluster: cannot read the master's arrival rate", "error", err)
	}
	if arrival && err == nil {
		w.onArrivalSpawn(ctx, spec, fresh)
		return
	}
	counts := w.localCounts(s.UserClassesCount)
	if err := w.o.Users.Apply(counts, 0); err != nil {
		w.log.Error("cluster: cannot apply the master's spawn", "error", err)
	}
	w.state.Store(StateRunning)
	w.send(ctx, wire.TypeSpawningComplete, w.spawned(counts))
}

// spawned is the spawning_complete for counts, which the runner applies at
// once: in the master's names when any was renamed.
func (w *Worker) spawned(counts map[string]int) wire.SpawningComplete {
	total := 0
	for _, c := range counts {
		total += c
	}
	w.usersMu.Lock()
	defer w.usersMu.Unlock()
	if w.shown != nil {
		return wire.SpawningComplete{UserClassesCount: maps.Clone(w.shown), UserCount: total}
	}
	return wire.SpawningComplete{UserClassesCount: counts, UserCount: total}
}

// applyHost points the users at the spawn's host, when it names one.
func (w *Worker) applyHost(host string) {
	if host == "" || host == w.host || w.o.SetHost == nil {
		return
	}
	if err := w.o.SetHost(host); err != nil {
		w.log.Error("cluster: cannot use the master's host", "host", host, "error", err)
		return
	}
	w.host = host
}

// localCounts turns a spawn's counts into counts of this worker's kinds:
// kinds it has keep their counts; the users of kinds it lacks are spread
// over its own kinds by weight (as its runner would spawn them), with a
// warning. It also sets the counts the worker reports: the master's own
// names when any was renamed, so the master sees its kinds running.
func (w *Worker) localCounts(in map[string]int) map[string]int {
	out := make(map[string]int, len(w.o.Kinds))
	unknown, renamed := 0, false
	for _, name := range slices.Sorted(maps.Keys(in)) {
		if w.hasKind(name) {
			out[name] += in[name]
			continue
		}
		unknown, renamed = unknown+max(in[name], 0), true
		if !w.warned[name] {
			w.warned[name] = true
			w.log.Warn("cluster: the master asks for a user kind this worker does not have; "+
				"its users run as this worker's kinds, by weight", "kind", name, "kinds", w.kindNames())
		}
	}
	for i, c := range w.seq.Counts(unknown) {
		out[w.o.Kinds[i].Name] += c
	}
	if renamed {
		w.setShown(maps.Clone(in))
	} else {
		w.setShown(nil)
	}
	return out
}

func (w *Worker) hasKind(name string) bool {
	return slices.ContainsFunc(w.o.Kinds, func(k runner.Kind) bool { return k.Name == name })
}

func (w *Worker) kindNames() []string {
	names := make([]string, len(w.o.Kinds))
	for i, k := range w.o.Kinds {
		names[i] = k.Name
	}
	return names
}

// setShown sets the users per kind reported to the master (nil: the
// runner's own).
func (w *Worker) setShown(m map[string]int) {
	w.usersMu.Lock()
	defer w.usersMu.Unlock()
	w.shown = m
}

// users is the number of running users and the users per kind to report.
func (w *Worker) users() (int, map[string]int) {
	total, per := w.o.Users.Users()
	w.usersMu.Lock()
	defer w.usersMu.Unlock()
	if w.shown != nil {
		per = maps.Clone(w.shown)
	}
	return total, per
}

// sendReport drains the statistics into a stats message, followed by the
// exceptions raised since the last one.
func (w *Worker) sendReport(ctx context.Context) {
	w.reportMu.Lock()
	defer w.reportMu.Unlock()
	delta := w.o.Recorder.Drain(time.Now())
	r := wire.NewStatsReport(delta)
	r.UserCount, r.UserClassesCount = w.users()
	r.Arrival = w.arrivalReport()
	w.send(ctx, wire.TypeStats, r)
	budget := maxExceptionsSent
	for _, x := range delta.Exceptions {
		for _, m := range splitException(wire.ExceptionOf(x), max(1, min(budget, maxExceptionRepeats))) {
			w.send(ctx, wire.TypeException, m)
			budget--
		}
	}
}

// splitException spreads x's count over at most n messages: each counts
// one but the last, which carries the rest.
func splitException(x wire.Exception, n int) []wire.Exception {
	n = int(min(int64(n), max(x.Count, 1)))
	out := make([]wire.Exception, n)
	for i := range out {
		out[i] = wire.Exception{Msg: x.Msg, Traceback: x.Traceback, Count: 1}
	}
	out[n-1].Count = max(x.Count, 1) - int64(n-1)
	return out
}
