//go:build !unix

package monitor

import "time"

// ProcessCPU is not known here (false): ReadProcess falls back on the runtime's
// estimate.
func ProcessCPU() (time.Duration, bool) { return 0, false }
