//go:build unix

package cli

import "syscall"

// raiseFileLimit raises the soft limit of open files towards need, as far as
// the hard limit allows, and returns both limits.
func raiseFileLimit(need uint64) (soft, hard uint64, ok bool) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, 0, false
	}
	if uint64(l.Cur) < need && l.Cur < l.Max {
		raised := l
		raised.Cur = l.Max
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised) == nil {
			l = raised
		}
	}
	return uint64(l.Cur), uint64(l.Max), true
}
