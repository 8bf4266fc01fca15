package monitor

import (
	"fmt"
	"strings"
	"time"
)

// Reading is what the monitor saw over one interval.
type Reading struct {
	Time     time.Time     // when it was taken
	Elapsed  time.Duration // the interval it covers
	CPU      float64       // cores busy on average: CPU seconds per second
	Cores    int           // cores the process may use
	SchedP99 time.Duration // 99th percentile of the goroutines' wait to run
	// ReceiveP99 is the 99th percentile of how long responses waited to be
	// read after they arrived (left out of their response times).
	ReceiveP99 time.Duration
	Saturated  bool    // the generator was its own bottleneck
	Tripped    Signals // the signals at their limit, when Saturated
}

// Signals is a set of the signals by which the generator counts as
// saturated.
type Signals uint8

// The signals of saturation.
const (
	SignalCPU     Signals = 1 << iota // CPU at Options.CPULimit of the cores
	SignalSched                       // scheduling delay p99 at Options.DelayLimit
	SignalReceive                     // receive delay p99 at Options.DelayLimit
)

// CPUShare is CPU as a share of the usable cores, from 0 to 1.
func (r Reading) CPUShare() float64 {
	if r.Cores <= 0 {
		return 0
	}
	return r.CPU / float64(r.Cores)
}

// Detail says once, in a sentence for the user, what the reading means: when
// saturated, which signal tripped and what it does to the figures, in the
// words of the final summary (Summary.String):
//
//	gust is late: its goroutines waited 14 ms to run (scheduling delay p99); CPU 12% of 2 cores. ...
func (r Reading) Detail() string {
	cpu := fmt.Sprintf("CPU %.0f%% of %s", 100*r.CPUShare(), cores(r.Cores))
	if !r.Saturated {
		return fmt.Sprintf("gust keeps up: %s, scheduling delay p99 %s, receive delay p99 %s", cpu,
			Millis(r.SchedP99), Millis(r.ReceiveP99))
	}
	var why []string
	if r.Tripped&SignalSched != 0 {
		why = append(why, "its goroutines waited "+Millis(r.SchedP99)+" to run (scheduling delay p99)")
	}
	if r.Tripped&SignalReceive != 0 {
		why = append(why, "responses waited "+Millis(r.ReceiveP99)+" to be read after they arrived (receive delay p99)")
	}
	head := "gust is late: " + strings.Join(why, "; ") + "; " + cpu
	if len(why) == 0 || r.Tripped&SignalCPU != 0 {
		head = "gust is busy: " + cpu + " is at its limit"
		if len(why) > 0 {
			head += ", and " + strings.Join(why, "; ")
		}
	}
	return head + ". Its users run late and response times may include its own delay: run fewer users per " +
		"process, give it more cores, or, for users on the NetHTTP client, switch them to FastHTTP"
}

// Summary sums up the readings of a test.
type Summary struct {
	Seconds          float64       // time covered by readings
	Cores            int           // cores the process may use
	CPU              float64       // cores busy on average
	CPUPeak          float64       // cores busy in the busiest interval
	SchedP99         time.Duration // 99th percentile of the scheduling delay over the whole time
	SchedP99Peak     time.Duration // the highest p99 of one interval
	ReceiveP99       time.Duration // 99th percentile of the receive delay over the whole time
	ReceiveP99Peak   time.Duration // the highest p99 of one interval
	SaturatedSeconds float64       // time the generator was saturated

	// Distributed says that the users ran on workers: the figures above
	// are then the master's own, and WorkersSaturatedSeconds is how long
	// at least one worker was saturated.
	Distributed             bool
	WorkersSaturatedSeconds float64
}

// String is the summary in one line, for the end of the console output.
func (s Summary) String() string {
	share := 0.0
	if s.Cores > 0 {
		share = 100 * s.CPU / float64(s.Cores)
	}
	line := fmt.Sprintf("CPU %.0f%% of %s on average (peak %.0f%%), scheduling delay p99 %s (worst second %s), "+
		"receive delay p99 %s (worst second %s), saturated %.0f s of %.0f s",
		share, cores(s.Cores), 100*s.CPUPeak/float64(max(s.Cores, 1)), Millis(s.SchedP99), Millis(s.SchedP99Peak),
		Millis(s.ReceiveP99), Millis(s.ReceiveP99Peak), s.SaturatedSeconds, s.Seconds)
	if !s.Distributed {
		return "Load generator: " + line
	}
	return fmt.Sprintf("Master process: %s; workers: at least one saturated for %.0f s (each worker's log says when)",
		line, s.WorkersSaturatedSeconds)
}

func cores(n int) string {
	if n == 1 {
		return "1 core"
	}
	return fmt.Sprintf("%d cores", n)
}

// Millis formats d in milliseconds with up to two decimals: "0.25 ms", "14 ms".
func Millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms >= 10:
		return fmt.Sprintf("%.0f ms", ms)
	case ms >= 1:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f ms", ms)
}

// Round1 rounds a non-negative x to one decimal, for figures in logs and
// JSON.
func Round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// MillisFloat is d in milliseconds, to the microsecond, for logs and JSON.
func MillisFloat(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
