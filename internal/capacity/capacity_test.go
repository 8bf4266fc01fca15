package capacity

import (
	"errors"
	"strings"
	"testing"
)

func TestMemTotal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"MemTotal:       24683748 kB\nMemFree: 1 kB\n", 24683748 << 10},
		{"MemFree: 1 kB\n", 0},
		{"MemTotal: lots kB\n", 0},
		{"", 0},
	} {
		if got := memTotal(tc.in); got != tc.want {
			t.Errorf("memTotal(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestCgroupLimit(t *testing.T) {
	for in, want := range map[string]uint64{
		"max\n":                 0,
		"9223372036854771712\n": 0, // cgroup v1's "no limit"
		"2147483648\n":          2 << 30,
		"":                      0,
	} {
		if got := cgroupLimit(in); got != want {
			t.Errorf("cgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		mem  uint64
		want int
	}{
		{8 << 30, 8 << 30 / PerUser},
		{0, Fallback},
		{1, 1},
		{1 << 62, 1<<31 - 1},
	} {
		if got := For(tc.mem, "test").Users; got != tc.want {
			t.Errorf("For(%d).Users = %d, want %d", tc.mem, got, tc.want)
		}
	}
}

func TestCheckBound(t *testing.T) {
	b := For(8<<30, "the machine's memory, /proc/meminfo")
	if err := CheckBound(b, "--users", b.Users); err != nil {
		t.Errorf("the bound itself is refused: %v", err)
	}
	err := CheckBound(b, "--users", 1_000_000_000_000)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("a trillion users: got %v, want an *Error", err)
	}
	for _, want := range []string{"--users 1000000000000", "want at most 262144 users", "32 KiB", "8.0 GiB", "/proc/meminfo", "fewer users"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

func TestMachine(t *testing.T) {
	b := Machine()
	if b.Users < 1 || b.Why() == "" {
		t.Errorf("Machine() = %+v", b)
	}
	if b.Memory == 0 && b.Users != Fallback {
		t.Errorf("unknown memory gives %d users, want %d", b.Users, Fallback)
	}
}
