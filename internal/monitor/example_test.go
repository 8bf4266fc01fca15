package monitor_test

import (
	"fmt"
	"time"

	"github.com/gustload/gust/internal/monitor"
)

// A reading above the CPU limit says the generator is the bottleneck.
func ExampleReading_Detail() {
	r := monitor.Reading{CPU: 0.97, Cores: 1, SchedP99: 14 * time.Millisecond, ReceiveP99: 2 * time.Millisecond, Saturated: true}
	fmt.Println(r.Detail())
	// Output:
	// the load generator is saturated (CPU 97% of 1 core, scheduling delay p99 14 ms, receive delay p99 2.0 ms): its users run late and its figures may include its own delay; run fewer users per process, give it more cores, or use the FastHTTP client
}
