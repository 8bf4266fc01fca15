package stats

import "time"

// MaxHistory is the most points a Recorder's history holds: four hours at one
// Tick a second. When it is full, the older half is thinned to every other
// point, so the history covers the whole run in fixed memory, the last two
// hours or more at full resolution and older stretches ever more coarsely.
const MaxHistory = 4 * 60 * 60

// history is the recorder's list of points, oldest first. Snapshots share its
// array: points are only ever appended past what a snapshot can see, and
// thinning or a reset makes a new array.
type history struct {
	points []Point
}

func (h *history) add(p Point) {
	switch n := len(h.points); {
	case n >= MaxHistory:
		h.points = thin(h.points)
	case n == cap(h.points): // grow as append would, but never past MaxHistory
		h.points = append(make([]Point, 0, min(max(2*n, 64), MaxHistory)), h.points...)
	}
	h.points = append(h.points, p)
}

// thin returns a new slice with every other point of the older half of ps and
// all of the newer half.
func thin(ps []Point) []Point {
	half := len(ps) / 2
	out := make([]Point, 0, MaxHistory)
	for i := 0; i < half; i += 2 {
		out = append(out, ps[i])
	}
	return append(out, ps[half:]...)
}

// view returns the points for a snapshot: capped so that no later append is
// visible through it.
func (h *history) view() []Point {
	return h.points[:len(h.points):len(h.points)]
}

// pointOf is the history point of a snapshot whose total is t.
func pointOf(now time.Time, users int, t *Entry) Point {
	return Point{
		Time:     now,
		Users:    users,
		RPS:      t.CurrentRPS(now),
		FailPS:   t.CurrentFailPerSec(now),
		P50:      t.CurrentPercentile(0.50),
		P95:      t.CurrentPercentile(0.95),
		P99:      t.CurrentPercentile(0.99),
		AvgTime:  t.Avg(),
		Requests: t.Requests,
		Failures: t.Failures,
	}
}
