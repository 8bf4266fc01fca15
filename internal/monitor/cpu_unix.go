//go:build unix

package monitor

import (
	"syscall"
	"time"
)

// ProcessCPU is the user and system CPU time this process has used, and
// whether it could be measured here.
func ProcessCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
