// Command users is the gust test program of the bench scripts: a Go test
// with kinds of users that each make one GET per task, for comparing gust's
// clients with other tools. Pick a kind by name and give the target with
// -H; every gust option works:
//
//	users -H http://127.0.0.1:8080 --headless -u 50 -t 10s Get
//
// Get and FastGet request /index.txt and never wait (a closed loop, as wrk
// does), with the net/http and the FastHTTP client. Idle and IdleStd
// request /delay/50 and then wait 0.95 to 1.05 s (BENCH_WAIT=10s: 9.5 to
// 10.5 s): users that mostly hold an open keep-alive connection, for the
// memory and latency scripts. BENCH_TARGETS="http://127.0.0.2:8080 ..."
// spreads those users over several targets, user i on the i-th modulo.
// BENCH_CPUPROFILE=FILE writes a CPU profile of the whole run to FILE.
//
// May import: gust.
package main

import (
	"cmp"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/gustload/gust"
)

func main() {
	spread := targets(os.Getenv("BENCH_TARGETS"))
	every, err := time.ParseDuration(cmp.Or(os.Getenv("BENCH_WAIT"), "1s"))
	if err != nil || every <= 0 {
		fmt.Fprintln(os.Stderr, "users: BENCH_WAIT: want a duration such as 1s or 10s")
		os.Exit(2)
	}
	wait := gust.Between(every*95/100, every*105/100)
	stop := profile(os.Getenv("BENCH_CPUPROFILE"))
	code := gust.Run(os.Args[1:],
		gust.User{Name: "Get", Tasks: []gust.Task{get("/index.txt", nil)}},
		gust.User{Name: "FastGet", Client: gust.FastHTTP, Tasks: []gust.Task{get("/index.txt", nil)}},
		gust.User{Name: "Idle", Client: gust.FastHTTP, Wait: wait, Tasks: []gust.Task{get("/delay/50", spread)}},
		gust.User{Name: "IdleStd", Wait: wait, Tasks: []gust.Task{get("/delay/50", spread)}},
	)
	stop()
	os.Exit(code)
}

// profile starts a CPU profile into path (none when path is "") and returns
// the function that ends it.
func profile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "users: BENCH_CPUPROFILE:", err)
		os.Exit(2)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// get is a task requesting path on the host, or, when hosts are given, on
// the user's own host among them (user i on hosts[i % len(hosts)]).
func get(path string, hosts []string) gust.Task {
	return gust.Task{Name: "get", Run: func(s *gust.Session) {
		if len(hosts) == 0 {
			s.Get(path)
			return
		}
		s.Get(hosts[s.ID()%len(hosts)]+path, gust.Name(path))
	}}
}
