package web

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// simController pretends to run a test, so that the page in the browser
// test has live numbers to show: its snapshots are made up from the time
// since Start. The pretend test began 90 s before the first Start, so the
// charts have a history at once.
type simController struct {
	*fakeController
	mu      sync.Mutex
	began   time.Time
	ended   time.Time
	changes []simChange // every Start: when, and towards how many users
}

type simChange struct {
	at    time.Time
	users int
	rate  float64
}

func newSim() *simController { return &simController{fakeController: newFake(nil)} }

func (c *simController) Start(req StartRequest) error {
	if err := c.fakeController.Start(req); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if len(c.changes) == 0 || !c.ended.IsZero() {
		c.began, c.ended, c.changes = now.Add(-90*time.Second), time.Time{}, nil
		now = c.began
	}
	c.changes = append(c.changes, simChange{now, req.Users, req.SpawnRate})
	return nil
}

func (c *simController) Stop() {
	c.fakeController.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ended = time.Now()
}

func (c *simController) Snapshot() *stats.Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.changes) == 0 {
		return nil
	}
	end := c.ended
	if end.IsZero() {
		end = time.Now()
	}
	snap := simSnapshot(c.began, end.Truncate(time.Second), c.changes)
	if model, target := c.fakeController.Model(); model == ModelArrival {
		simArrival(snap, target)
	}
	return snap
}

// simEndpoint is one pretend endpoint.
type simEndpoint struct {
	method, name string
	share        float64       // of all requests
	base         time.Duration // typical response time
	failRate     float64
	size         int64
	failure      string
}

var simEndpoints = []simEndpoint{
	{"GET", "/", 0.22, 4 * time.Millisecond, 0, 5120, ""},
	{"GET", "/fast", 0.18, 2 * time.Millisecond, 0, 320, ""},
	{"GET", "/api/items", 0.15, 12 * time.Millisecond, 0.002, 8400, "HTTP 500 Internal Server Error"},
	{"POST", "/api/items", 0.08, 25 * time.Millisecond, 0.01, 180, "HTTP 409 Conflict"},
	{"GET", "/api/items/[id]", 0.12, 9 * time.Millisecond, 0.004, 640, "HTTP 404 Not Found"},
	{"PUT", "/api/items/[id]", 0.04, 30 * time.Millisecond, 0, 210, ""},
	{"DELETE", "/api/items/[id]", 0.02, 18 * time.Millisecond, 0, 0, ""},
	{"GET", "/search?q=[term]", 0.07, 60 * time.Millisecond, 0.02, 12800, "context deadline exceeded"},
	{"POST", "/login", 0.03, 45 * time.Millisecond, 0, 96, ""},
	{"GET", "/slow", 0.02, 400 * time.Millisecond, 0.05, 1024, "HTTP 503 Service Unavailable"},
	{"GET", "/static/app.js", 0.05, 1 * time.Millisecond, 0, 48000, ""},
	{"GET", "/healthz", 0.02, 800 * time.Microsecond, 0, 2, ""},
}

// simUsers is the user count at t: ramping towards each change's target at
// its rate.
func simUsers(changes []simChange, t time.Time) float64 {
	u, last := 0.0, changes[0].at
	for i, ch := range changes {
		if ch.at.After(t) {
			break
		}
		until := t
		if i+1 < len(changes) && changes[i+1].at.Before(t) {
			until = changes[i+1].at
		}
		from := ch.at
		if last.After(from) {
			from = last
		}
		step := ch.rate * until.Sub(from).Seconds()
		target := float64(ch.users)
		if u < target {
			u = math.Min(target, u+step)
		} else {
			u = math.Max(target, u-step)
		}
		last = until
	}
	return u
}

func simSnapshot(began, now time.Time, changes []simChange) *stats.Snapshot {
	users := simUsers(changes, now)
	snap := &stats.Snapshot{Time: now, Start: began, Users: int(users),
		UserKinds: map[string]int{"WebUser": int(users * 0.75), "APIUser": int(users) - int(users*0.75)}}
	for _, ep := range simEndpoints {
		snap.Entries = append(snap.Entries, simEntry(ep, began, now, changes))
	}
	stats.SortEntries(snap.Entries)
	snap.Total = totalOf(snap.Entries)
	for i, ep := range simEndpoints {
		if e := snap.Entry(ep.method, ep.name); e.Failures > 0 {
			snap.Errors = append(snap.Errors, &stats.Error{Method: ep.method, Name: ep.name, Error: ep.failure,
				Occurrences: e.Failures, FirstSeen: began.Add(time.Duration(3+i) * time.Second), LastSeen: now.Add(-time.Second)})
		}
	}
	snap.Exceptions = []*stats.Exception{{Count: 4, Message: "runtime error: index out of range [3] with length 3",
		Traceback: "goroutine 41 [running]:\nmain.(*Shop).checkout(0xc000182000)\n\t/src/shop/main.go:87 +0x1d4\n" +
			"github.com/gustload/gust.(*Session).run(...)\n\t/src/gust/session.go:112 +0x9c", Nodes: []string{"local"}}}
	for t := began.Add(time.Second); !t.After(now); t = t.Add(time.Second) {
		u := simUsers(changes, t)
		wave := 1 + 0.25*math.Sin(float64(t.Unix())/9)
		snap.History = append(snap.History, stats.Point{Time: t, Users: int(u), RPS: u * 2 * wave, FailPS: u * 0.02 * wave,
			P50: time.Duration(float64(6*time.Millisecond) * wave), P95: time.Duration(float64(60*time.Millisecond) * wave),
			P99: time.Duration(float64(400*time.Millisecond) * wave * wave)})
	}
	return snap
}

// simEntry makes up one endpoint's statistics: requests in proportion to
// the users over time, response times spread around its base.
func simEntry(ep simEndpoint, began, now time.Time, changes []simChange) *stats.Entry {
	e := &stats.Entry{Key: stats.Key{Method: ep.method, Name: ep.name}, Hist: stats.NewHistogram(),
		Seconds: map[int64]stats.Count{}, First: began, Last: now}
	var total float64
	for t := began.Add(time.Second); !t.After(now); t = t.Add(time.Second) {
		n := simUsers(changes, t) * 2 * ep.share
		total += n
		if now.Sub(t) <= 12*time.Second {
			e.Seconds[t.Unix()] = stats.Count{Requests: int64(n), Failures: int64(n * ep.failRate * 10)}
		}
	}
	e.Requests = int64(total)
	e.Failures = int64(total * ep.failRate)
	e.ContentLength = e.Requests * ep.size
	for k := range 50 {
		d := time.Duration(float64(ep.base) * (0.6 + math.Pow(float64(k)/12, 2.2)))
		n := e.Requests / 50
		if k < int(e.Requests%50) {
			n++
		}
		if n > 0 {
			_ = e.Hist.RecordValues(d.Microseconds(), n)
			e.TotalTime += d * time.Duration(n)
			e.Min = min(cmpOr(e.Min, d), d)
			e.Max = max(e.Max, d)
		}
	}
	return e
}

func cmpOr(d, or time.Duration) time.Duration {
	if d == 0 {
		return or
	}
	return d
}

// largeSnapshot is a test with n endpoints and points seconds of history.
func largeSnapshot(n, points int) *stats.Snapshot {
	start := fixtureTime.Add(-time.Duration(points) * time.Second)
	snap := &stats.Snapshot{Time: fixtureTime, Start: start, Users: 500, History: fixtureHistory(start, points)}
	for i := range n {
		ds := spread(20, time.Duration(1+i%40)*time.Millisecond, time.Duration(50+i%300)*time.Millisecond)
		snap.Entries = append(snap.Entries, makeEntry("GET", fmt.Sprintf("/api/v1/resource/%04d", i), start, ds, i%3, 512))
	}
	stats.SortEntries(snap.Entries)
	snap.Total = totalOf(snap.Entries)
	return snap
}
