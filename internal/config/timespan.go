package config

import (
	"fmt"
	"strings"
	"time"
)

// ParseTimespan reads a duration the way Locust's --run-time does: a bare
// number is seconds ("20", "1.5"), and units may be combined ("20s", "3m",
// "2h", "1h30m", "3h30m10s"). Any Go duration is accepted too ("500ms",
// "1.5s"). Negative or malformed input is a *UsageError listing examples.
func ParseTimespan(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" || t[0] == '-' {
		return 0, timespanError(s)
	}
	if isDecimal(t) {
		t += "s"
	}
	d, err := time.ParseDuration(t)
	if err != nil || d < 0 {
		return 0, timespanError(s)
	}
	return d, nil
}

// isDecimal reports whether s is digits with at most one decimal point.
func isDecimal(s string) bool {
	digits, dots := 0, 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

func timespanError(s string) *UsageError {
	return &UsageError{Msg: fmt.Sprintf("invalid timespan %q: want %s", s, wantTimespan)}
}
