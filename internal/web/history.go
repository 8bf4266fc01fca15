package web

import (
	"time"

	"github.com/gustload/gust/internal/stats"
)

// maxChartPoints bounds the points one chart series carries to the browser:
// an hour at one point a second. Longer histories are thinned evenly.
const maxChartPoints = 3600

// columns is a chart history in columnar form, compact in JSON and what
// uPlot draws directly. Times are Unix seconds, response times milliseconds.
type columns struct {
	Time   []int64   `json:"time"`
	Users  []int     `json:"users,omitempty"` // aggregated history only
	RPS    []float32 `json:"rps"`
	FailPS []float32 `json:"fail_ps"`
	P50    []float32 `json:"p50"`
	P95    []float32 `json:"p95"`
	P99    []float32 `json:"p99"`
}

// point is one row of columns.
type point struct {
	time                       int64
	users                      int
	rps, failPS, p50, p95, p99 float32
}

func (c *columns) add(p point, withUsers bool) {
	c.Time = append(c.Time, p.time)
	if withUsers {
		c.Users = append(c.Users, p.users)
	}
	c.RPS = append(c.RPS, p.rps)
	c.FailPS = append(c.FailPS, p.failPS)
	c.P50 = append(c.P50, p.p50)
	c.P95 = append(c.P95, p.p95)
	c.P99 = append(c.P99, p.p99)
}

// len is the number of points.
func (c columns) len() int { return len(c.Time) }

// at returns point i.
func (c columns) at(i int) point {
	p := point{time: c.Time[i], rps: c.RPS[i], failPS: c.FailPS[i], p50: c.P50[i], p95: c.P95[i], p99: c.P99[i]}
	if i < len(c.Users) {
		p.users = c.Users[i]
	}
	return p
}

// historyOf converts a snapshot's aggregated history, keeping only points
// after since (Unix seconds) and at most maxChartPoints of them.
func historyOf(ps []stats.Point, since int64) columns {
	first := 0
	for first < len(ps) && ps[first].Time.Unix() <= since {
		first++
	}
	ps = ps[first:]
	c := newColumns(min(len(ps), maxChartPoints), true)
	stride := strideFor(len(ps))
	for i := (len(ps) - 1) % stride; i < len(ps); i += stride {
		c.add(pointOfHistory(ps[i]), true)
	}
	return c
}

// strideFor is the step that keeps at most maxChartPoints of n points.
func strideFor(n int) int {
	return max(1, (n+maxChartPoints-1)/maxChartPoints)
}

func newColumns(n int, withUsers bool) columns {
	c := columns{
		Time: make([]int64, 0, n), RPS: make([]float32, 0, n), FailPS: make([]float32, 0, n),
		P50: make([]float32, 0, n), P95: make([]float32, 0, n), P99: make([]float32, 0, n),
	}
	if withUsers {
		c.Users = make([]int, 0, n)
	}
	return c
}

func pointOfHistory(p stats.Point) point {
	return point{
		time: p.Time.Unix(), users: p.Users, rps: float32(p.RPS), failPS: float32(p.FailPS),
		p50: ms32(p.P50), p95: ms32(p.P95), p99: ms32(p.P99),
	}
}

// pointOfEntry is the chart point of one entry at the snapshot's time.
func pointOfEntry(e *stats.Entry, now time.Time) point {
	return point{
		time: now.Unix(), rps: float32(e.CurrentRPS(now)), failPS: float32(e.CurrentFailPerSec(now)),
		p50: ms32(e.CurrentPercentile(0.5)), p95: ms32(e.CurrentPercentile(0.95)), p99: ms32(e.CurrentPercentile(0.99)),
	}
}

func ms32(d time.Duration) float32 { return float32(stats.Millis(d)) }
