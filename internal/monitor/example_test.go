package monitor_test

import (
	"fmt"
	"time"

	"github.com/gustload/gust/internal/monitor"
)

// A reading whose goroutines waited too long to run says so, with the CPU
// that was not the reason.
func ExampleReading_Detail() {
	r := monitor.Reading{CPU: 0.24, Cores: 2, SchedP99: 14 * time.Millisecond, ReceiveP99: 2 * time.Millisecond,
		Saturated: true, Tripped: monitor.SignalSched}
	fmt.Println(r.Detail())
	// Output:
	// gust is late: its goroutines waited 14 ms to run (scheduling delay p99); CPU 12% of 2 cores. Its users run late and response times may include its own delay: run fewer users per process, give it more cores, or, for users on the NetHTTP client, switch them to FastHTTP
}

// A reading above the CPU limit says the CPU is the reason.
func ExampleReading_Detail_cpu() {
	r := monitor.Reading{CPU: 0.97, Cores: 1, SchedP99: 2 * time.Millisecond, Saturated: true, Tripped: monitor.SignalCPU}
	fmt.Println(r.Detail())
	// Output:
	// gust is busy: CPU 97% of 1 core is at its limit. Its users run late and response times may include its own delay: run fewer users per process, give it more cores, or, for users on the NetHTTP client, switch them to FastHTTP
}
