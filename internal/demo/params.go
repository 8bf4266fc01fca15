package demo

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Limits on what a request may ask for.
const (
	maxDelayMS = 60000    // longest delay /slow, /delay and /latency accept
	maxBytes   = 10 << 20 // largest body /bytes sends
	maxBody    = 1 << 20  // largest request body /login and /api/items read
)

// paramError is a bad parameter in a request; its text is the body of the 400
// answer and names the parameter and what would be valid.
type paramError struct {
	name, value, want string
}

// Error says which parameter was wrong and what it should be.
func (e *paramError) Error() string {
	return fmt.Sprintf("demo: %s=%q is not valid: want %s", e.name, e.value, e.want)
}

// intParam parses raw as an integer in [lo, hi]; an empty raw gives def.
func intParam(name, raw string, def, lo, hi int) (int, error) {
	if raw == "" {
		return def, nil
	}
	return parseInt(name, raw, lo, hi)
}

// parseInt parses raw as an integer in [lo, hi].
func parseInt(name, raw string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, &paramError{name, raw, fmt.Sprintf("an integer from %d to %d", lo, hi)}
	}
	return n, nil
}

// floatParam parses raw as a number in [lo, hi]; an empty raw gives def.
func floatParam(name, raw string, def, lo, hi float64) (float64, error) {
	if raw == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || !(f >= lo && f <= hi) {
		return 0, &paramError{name, raw, fmt.Sprintf("a number from %g to %g", lo, hi)}
	}
	return f, nil
}

// durationParam parses raw as a Go duration ("2s", "500ms") in [lo, hi]; an
// empty raw gives def.
func durationParam(name, raw string, def, lo, hi time.Duration) (time.Duration, error) {
	if raw == "" {
		return def, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < lo || d > hi {
		return 0, &paramError{name, raw, fmt.Sprintf("a duration from %v to %v, like 2s or 500ms", lo, hi)}
	}
	return d, nil
}

// badRequest answers 400 with err's text.
func badRequest(w http.ResponseWriter, err error) {
	http.Error(w, err.Error(), http.StatusBadRequest)
}
