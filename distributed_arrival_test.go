package gust

import (
	"net/http/httptest"
	"testing"

	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/testenv"
)

// A master and two gust workers in this process run --arrival-rate: the
// master's JSON sums the workers' arrival counts, which add up with the
// requests made.
func TestMasterRunsAnArrivalRate(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	port := testenv.FreePort(t)
	users := []User{{Name: "Web", Tasks: []Task{{Run: func(s *Session) { s.Get(srv.URL + "/fast") }}}}}
	workers := make(chan result, 2)
	for range 2 {
		go func() { workers <- command(t, nil, []string{"--worker", "--master-port", port}, users...) }()
	}
	r := command(t, nil, []string{"--master", "--master-bind-port", port, "--json", "--expect-workers", "2",
		"--expect-workers-max-wait", "20s", "--arrival-rate", "50", "-t", "4s"}, users...)
	rep := decodeJSON(t, r)
	a := rep.Arrival
	if r.code != 0 || a == nil {
		t.Fatalf("master: exit %d, arrival section %+v; want 0 and one\n%s", r.code, a, r.stderr)
	}
	if a.Due < 160 || a.Due > 240 || a.Started+a.Dropped > a.Due || a.Due-a.Started-a.Dropped > int64(a.MaxUsers)*10 {
		t.Errorf("arrival %+v: want about 200 due (50/s for 4s), started and dropped adding up to at most due", *a)
	}
	// One request per iteration, except those the stop cut short (a request
	// cut short is not recorded): at most one per user of the pools.
	if n := rep.Total.NumRequests; n > a.Started || a.Started-n > int64(a.Users) {
		t.Errorf("%d requests, %d iterations started by %d users: want one request per iteration", n, a.Started, a.Users)
	}
	for range 2 {
		if w := <-workers; w.code != 0 {
			t.Errorf("worker: exit %d\n%s", w.code, w.stderr)
		}
	}
}
