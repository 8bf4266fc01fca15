package cluster

import (
	"runtime/metrics"
	"time"
)

// usage measures this process for heartbeats: CPU in percent of one core
// since the previous measurement, and the memory the Go runtime holds.
type usage struct {
	cpu  float64 // CPU seconds at the previous measurement
	wall time.Time
}

// measure returns the CPU use since the previous call and the memory in use.
func (u *usage) measure(now time.Time) (cpuPercent float64, memory int64) {
	if cpu, ok := processCPUSeconds(); ok {
		if el := now.Sub(u.wall).Seconds(); !u.wall.IsZero() && el > 0 {
			cpuPercent = max(cpu-u.cpu, 0) / el * 100
		}
		u.cpu, u.wall = cpu, now
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		memory = int64(s[0].Value.Uint64())
	}
	return cpuPercent, memory
}
