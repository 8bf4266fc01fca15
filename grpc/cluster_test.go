package gustgrpc_test

import (
	"testing"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/demo/demopb"
	"github.com/gustload/gust/internal/gusttest"
	"github.com/gustload/gust/internal/testenv"
)

// GRPC rows recorded by a gust worker reach its master like HTTP rows: the
// master's CSV has them, failures and all.
func TestRowsTravelFromWorkerToMaster(t *testing.T) {
	srv := startServer(t)
	c := newClient(t, srv.addr)
	user := caller(c, func(s *gust.Session, d demopb.DemoClient) {
		_, _ = d.Echo(s.Context(), &demopb.EchoRequest{ErrorRate: 0.5})
		drain(s, d, &demopb.TicksRequest{Count: 2})
	})
	port := testenv.FreePort(t)
	worker := make(chan int, 1)
	go func() { worker <- gust.Run([]string{"--worker", "--master-port", port, "--headless"}, user) }()
	res := gusttest.Run(t, []string{"--master", "--master-bind-port", port, "--expect-workers", "1",
		"--expect-workers-max-wait", "20s", "-u", "2", "-r", "100", "-t", "2s"}, user)
	if code := <-worker; code != 0 {
		t.Errorf("worker: exit %d", code)
	}
	if row := res.Rows[echo]; row.Requests == 0 || row.Failures == 0 || row.Failures == row.Requests {
		t.Errorf("master's %s: %+v; want calls, some failed", echo, row)
	}
	if row := res.Rows[ticks+" [recv]"]; row.Requests == 0 {
		t.Errorf("master's %s [recv]: %+v; want messages", ticks, row)
	}
	if !hasFailure(res, echo+": Unavailable: demo: failed on purpose") {
		t.Errorf("master's failures %v; want the worker's Unavailable", res.Failures)
	}
}
