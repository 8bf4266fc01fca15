//go:build !unix

package monitor

import "time"

// processCPU is not known here: ReadProcess falls back on the runtime's
// estimate.
func processCPU() (time.Duration, bool) { return 0, false }
