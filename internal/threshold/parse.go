package threshold

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ErrInvalid is the error every threshold that cannot be parsed wraps; the
// message goes on to name the threshold and what would be valid.
var ErrInvalid = errors.New("gust: invalid threshold")

const wantSyntax = "want [METHOD NAME:]metric operator limit, such as p95<300ms or GET /api/items:p99<500ms"

// Parse reads one threshold, such as "p95<300ms" or
// "GET /api/items:p99<500ms" (see the package documentation). An error
// wraps ErrInvalid and says what would be valid.
func Parse(s string) (Threshold, error) {
	t, why := parse(s)
	if why != "" {
		return Threshold{}, fmt.Errorf("%w %q: %s", ErrInvalid, s, why)
	}
	return t, nil
}

// ParseAll parses every threshold and reports all the bad ones at once,
// joined with errors.Join.
func ParseAll(ss []string) ([]Threshold, error) {
	ts := make([]Threshold, 0, len(ss))
	var errs []error
	for _, s := range ss {
		t, err := Parse(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ts = append(ts, t)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ts, nil
}

// parse returns the threshold, or why it is not one.
func parse(s string) (Threshold, string) {
	var t Threshold
	expr := s
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		filter := strings.TrimSpace(s[:i])
		if filter == "" {
			return t, "the endpoint filter before ':' is empty; leave out the colon for the aggregated total"
		}
		t.Method, t.Name = splitFilter(filter)
		expr = s[i+1:]
	}
	i := strings.IndexAny(expr, "<>=!")
	if i < 0 {
		return t, wantSyntax
	}
	m, ok := lookup(strings.TrimSpace(expr[:i]))
	if !ok {
		return t, fmt.Sprintf("unknown metric %q; valid metrics: %s", strings.TrimSpace(expr[:i]), validMetrics)
	}
	t.Metric = m.name
	rest := expr[i:]
	if t.Op = cutOp(&rest); t.Op == "" {
		return t, fmt.Sprintf("unknown operator in %q; valid operators: <, <=, >, >=, ==", expr[i:])
	}
	why := parseLimit(&t, m, strings.TrimSpace(rest))
	return t, why
}

// splitFilter splits "GET /a" into a method and a name. The first word is a
// method only if it looks like one (capitals) and a name follows it.
func splitFilter(f string) (method, name string) {
	i := strings.IndexFunc(f, unicode.IsSpace)
	if i < 0 || !isMethod(f[:i]) {
		return "", f
	}
	return f[:i], strings.TrimSpace(f[i:])
}

// isMethod reports whether w looks like a request method: a capital letter,
// then capitals, digits, '_' or '-'.
func isMethod(w string) bool {
	for i, c := range w {
		capital := c >= 'A' && c <= 'Z'
		if !capital && (i == 0 || !(c >= '0' && c <= '9' || c == '_' || c == '-')) {
			return false
		}
	}
	return w != ""
}

// cutOp removes the operator from the front of *s and returns it, or "".
func cutOp(s *string) Op {
	for _, op := range ops {
		if rest, ok := strings.CutPrefix(*s, string(op)); ok {
			*s = rest
			return op
		}
	}
	return ""
}

// parseLimit fills in t's limit from v, in the unit m takes.
func parseLimit(t *Threshold, m metric, v string) string {
	var why string
	switch m.kind {
	case timeKind:
		t.Duration, why = parseTime(m.name, v)
	case ratioKind:
		t.Number, why = parseRatio(m.name, v)
	case countKind:
		t.Number, why = parseCount(m.name, v)
	case rateKind:
		t.Number, why = parseRate(m.name, v)
	}
	return why
}

func parseTime(name, v string) (time.Duration, string) {
	want := name + " takes a duration with a unit, such as 300ms or 1.5s"
	if _, err := parseNumber(v); err == nil {
		return 0, fmt.Sprintf("%q has no unit; %s", v, want)
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Sprintf("%q is not a duration; %s", v, want)
	}
	return d, ""
}

func parseRatio(name, v string) (float64, string) {
	want := name + " takes a ratio from 0 to 1, such as 0.01, or a percentage, such as 1%"
	pct, isPct := strings.CutSuffix(v, "%")
	f, err := parseNumber(strings.TrimSpace(pct))
	if err != nil {
		return 0, notNumber(v, want)
	}
	if isPct {
		f /= 100
	}
	if f < 0 || f > 1 {
		return 0, fmt.Sprintf("%q is out of range; %s", v, want)
	}
	return f, ""
}

func parseCount(name, v string) (float64, string) {
	want := name + " takes a whole number of requests, such as 10"
	f, err := parseNumber(v)
	if err != nil {
		return 0, notNumber(v, want)
	}
	if f < 0 || f != math.Trunc(f) {
		return 0, fmt.Sprintf("%q is not a whole number of requests; %s", v, want)
	}
	return f, ""
}

func parseRate(name, v string) (float64, string) {
	want := name + " takes requests per second, such as 100 or 100/s"
	f, err := parseNumber(strings.TrimSpace(strings.TrimSuffix(v, "/s")))
	if err != nil {
		return 0, notNumber(v, want)
	}
	if f < 0 {
		return 0, fmt.Sprintf("%q is negative; %s", v, want)
	}
	return f, ""
}

// notNumber explains a limit that is not a number, pointing out a duration
// given where a number is wanted.
func notNumber(v, want string) string {
	if _, err := time.ParseDuration(v); err == nil {
		return fmt.Sprintf("%q is a duration; %s", v, want)
	}
	return fmt.Sprintf("%q is not a number; %s", v, want)
}

// parseNumber parses a finite float.
func parseNumber(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err == nil && (math.IsInf(f, 0) || math.IsNaN(f)) {
		err = errors.New("not finite")
	}
	return f, err
}
