package capacity

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
)

// PerUser is the memory one user is counted at: its goroutine and stack,
// its session, the keep-alive connection it holds and its last response,
// with the garbage collector's room. The README's "Memory per user"
// (bench/memory) measured 13 to 20 KB with FastHTTP and up to 26 KB with
// net/http; this rounds the highest up.
const PerUser = 32 << 10

// Fallback is the bound where the system does not say how much memory it
// has.
const Fallback = 10_000_000

// Bound is the most users one gust process accepts, and why.
type Bound struct {
	Users  int    // the most users
	Memory uint64 // the memory it was derived from, in bytes; 0 when unknown
	Source string // where Memory comes from, such as "/proc/meminfo"
}

// Why says how the bound was derived, for an error message.
func (b Bound) Why() string {
	if b.Memory == 0 {
		return fmt.Sprintf("this system does not say how much memory it has, so gust takes at most %d", Fallback)
	}
	return fmt.Sprintf("each user needs about %d KiB (goroutine, session, connection buffers) and gust may use %s (%s)",
		PerUser>>10, formatBytes(b.Memory), b.Source)
}

// For is the bound for a machine with memory bytes, from source.
func For(memory uint64, source string) Bound {
	if memory == 0 {
		return Bound{Users: Fallback}
	}
	n := memory / PerUser
	if n > math.MaxInt32 {
		n = math.MaxInt32
	}
	return Bound{Users: max(int(n), 1), Memory: memory, Source: source}
}

var machine = sync.OnceValue(func() Bound {
	mem, src := memory()
	return For(mem, src)
})

// Machine is the bound of this machine, read once.
func Machine() Bound { return machine() }

// Error is a request for more users than the bound allows.
type Error struct {
	Option string // the option or field that asked, such as "users"
	Asked  int
	Bound  Bound
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s %d: want at most %d users, what this gust process can hold: %s; "+
		"give fewer users or run gust where there is more memory",
		e.Option, e.Asked, e.Bound.Users, e.Bound.Why())
}

// Check returns an *Error when n users are more than this machine holds;
// option names who asked, as the user wrote it ("--users", "user_count").
func Check(option string, n int) error {
	return CheckBound(Machine(), option, n)
}

// CheckBound is Check against b.
func CheckBound(b Bound, option string, n int) error {
	if n <= b.Users {
		return nil
	}
	return &Error{Option: option, Asked: n, Bound: b}
}

// memory is the least of the machine's memory, the cgroup's limit and
// GOMEMLIMIT, with where it comes from; 0 when none is known.
func memory() (uint64, string) {
	best, src := uint64(0), ""
	take := func(n uint64, from string) {
		if n > 0 && (best == 0 || n < best) {
			best, src = n, from
		}
	}
	take(memTotal(readFile("/proc/meminfo")), "the machine's memory, /proc/meminfo")
	take(cgroupLimit(readFile("/sys/fs/cgroup/memory.max")), "the cgroup's memory.max")
	take(cgroupLimit(readFile("/sys/fs/cgroup/memory/memory.limit_in_bytes")), "the cgroup's memory.limit_in_bytes")
	if l := debug.SetMemoryLimit(-1); l > 0 && l < math.MaxInt64 {
		take(uint64(l), "GOMEMLIMIT")
	}
	return best, src
}

func readFile(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
}

// memTotal reads MemTotal from the text of /proc/meminfo, in bytes.
func memTotal(meminfo string) uint64 {
	for _, line := range strings.Split(meminfo, "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == "MemTotal:" && f[2] == "kB" {
			n, err := strconv.ParseUint(f[1], 10, 64)
			if err == nil && n < math.MaxUint64>>10 {
				return n << 10
			}
		}
	}
	return 0
}

// cgroupLimit reads a cgroup memory limit; "max" and absurd values (cgroup
// v1 writes a number near 2^63 for "none") are no limit.
func cgroupLimit(s string) uint64 {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || n >= 1<<60 {
		return 0
	}
	return n
}

func formatBytes(n uint64) string {
	const gib = 1 << 30
	if n >= gib {
		return fmt.Sprintf("%.1f GiB", float64(n)/gib)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
