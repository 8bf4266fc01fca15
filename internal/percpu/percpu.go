package percpu

import (
	"runtime"
	_ "unsafe" // go:linkname
)

// procPin and procUnpin are the runtime's, the pair sync.Pool uses to find
// its per-processor slot; the runtime keeps them for packages outside the
// standard library (see go.dev/issue/67401).
//
//go:linkname procPin runtime.procPin
func procPin() int

//go:linkname procUnpin runtime.procUnpin
func procUnpin()

// Index returns the number of the processor the calling goroutine runs on,
// from 0 to GOMAXPROCS-1. It costs a few nanoseconds and never blocks.
func Index() int {
	i := procPin()
	procUnpin()
	return i
}

// Slots returns how many slots a table indexed by Index&(Slots()-1) needs
// for the processors of now: the power of two at or above GOMAXPROCS, at
// least min and at most max (both powers of two). A later change of
// GOMAXPROCS only makes two processors share a slot.
func Slots(min, max int) int {
	n := min
	for n < runtime.GOMAXPROCS(0) && n < max {
		n <<= 1
	}
	return n
}
