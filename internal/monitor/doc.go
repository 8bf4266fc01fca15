// Package monitor watches the load generator itself, so that a saturated
// generator is never silent: once a second it reads the process's CPU time
// (getrusage; the runtime's own estimate where that is missing), the
// goroutine scheduling latencies of runtime/metrics (/sched/latencies:seconds,
// how long runnable goroutines waited for a CPU) and the receive delays the
// HTTP clients observe (ObserveReceive: how long a response that had arrived
// waited for its user's goroutine to read it), and says whether gust is its
// own bottleneck.
//
// A generator is saturated over a second when it used at least CPULimit of
// the cores it may use (GOMAXPROCS), or when either delay reached DelayLimit
// at the 99th percentile. Its figures then risk including its own queueing:
// the clients leave the receive delay out of response times where the system
// says when data arrived, but a late user also sends its requests late.
//
// A Monitor that reads this process (Options.Read unset) also paces its
// garbage collector at each reading: while the process allocates fast, the
// heap may grow a fixed room beyond the live heap before a collection,
// instead of doubling (see gc.go); GOGC in the environment turns it off.
//
//	m := monitor.New(monitor.Options{})
//	go m.Run(ctx, func(r monitor.Reading) {
//		if r.Saturated {
//			log.Print(r.Detail())
//		}
//	})
//	...
//	fmt.Println(m.Summary().SaturatedSeconds)
//
// May import: internal/percpu.
package monitor
