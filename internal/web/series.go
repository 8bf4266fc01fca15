package web

import (
	"sync"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// Bounds of the per-endpoint chart history: at most maxSeries endpoints
// (as many as the statistics table shows) of at most maxSeriesPoints points
// each, about 10 MB in all.
const (
	maxSeries       = 500
	maxSeriesPoints = 720
)

// seriesStore keeps a chart history per endpoint, sampled from snapshots
// every HistoryInterval while a test runs, so that a per-endpoint chart
// survives a page reload. When a series is full its resolution halves, so it
// always spans the whole test in fixed memory.
type seriesStore struct {
	mu    sync.Mutex
	byKey map[stats.Key]*series
	start time.Time // the Start of the snapshots sampled so far
	last  time.Time // the Time of the last snapshot sampled
	stale time.Time // the Start of snapshots taken before a reset
}

// series is one endpoint's history.
type series struct {
	cols columns
	step int64 // seconds between kept points
}

func newSeriesStore() *seriesStore {
	return &seriesStore{byKey: map[stats.Key]*series{}}
}

// add samples every entry of snap. A snapshot whose statistics started anew
// (a reset) clears what was kept.
func (st *seriesStore) add(snap *stats.Snapshot) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.stale.IsZero() && snap.Start.Equal(st.stale) {
		return // the controller has not taken a snapshot since the reset
	}
	if !snap.Start.Equal(st.start) {
		clear(st.byKey)
		st.start, st.last = snap.Start, time.Time{}
	}
	if !snap.Time.After(st.last) {
		return
	}
	st.last = snap.Time
	for _, e := range snap.Entries {
		s := st.byKey[e.Key]
		if s == nil {
			if len(st.byKey) >= maxSeries {
				continue
			}
			s = &series{cols: newColumns(0, false), step: 1}
			st.byKey[e.Key] = s
		}
		s.add(pointOfEntry(e, snap.Time))
	}
}

// get returns a copy of one endpoint's history (empty when unknown).
func (st *seriesStore) get(k stats.Key) columns {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.byKey[k]
	if s == nil {
		return newColumns(0, false)
	}
	out := newColumns(s.cols.len(), false)
	for i := range s.cols.len() {
		out.add(s.cols.at(i), false)
	}
	return out
}

// reset forgets every series.
func (st *seriesStore) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	clear(st.byKey)
	st.stale, st.start, st.last = st.start, time.Time{}, time.Time{}
}

// add appends p unless it comes less than step seconds after the last
// point; a full series first drops every other point and doubles its step.
func (s *series) add(p point) {
	n := s.cols.len()
	if n > 0 && p.time-s.cols.Time[n-1] < s.step {
		return
	}
	if n >= maxSeriesPoints {
		s.halve()
	}
	s.cols.add(p, false)
}

func (s *series) halve() {
	kept := newColumns(maxSeriesPoints, false)
	for i := 1; i < s.cols.len(); i += 2 {
		kept.add(s.cols.at(i), false)
	}
	s.cols = kept
	s.step *= 2
}
