package web

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/capacity"
)

// swarmFields are the POST /swarm form fields gust reads; any other field
// (Locust's profile, custom options, and user_classes without
// --class-picker) is reported as ignored.
var swarmFields = map[string]bool{"user_count": true, "spawn_rate": true, "host": true, "run_time": true}

// maxUsers bounds user_count (and spawn_rate) with the bound every way of
// asking for users agrees on: what this machine can hold.
var maxUsers = capacity.Machine().Users

// parseSwarmForm validates a POST /swarm form. Every error names the field,
// the value and what would be valid. With modelled set (a load shape or an
// arrival rate decides the users) user_count and spawn_rate may be left
// out, and are then 0.
func parseSwarmForm(form url.Values, modelled bool) (StartRequest, error) {
	var req StartRequest
	var err error
	if req.Users, err = parseUsers(form, modelled); err != nil {
		return StartRequest{}, err
	}
	if req.SpawnRate, err = parseSpawnRate(form, modelled); err != nil {
		return StartRequest{}, err
	}
	if req.Host, err = parseHost(strings.TrimSpace(form.Get("host"))); err != nil {
		return StartRequest{}, err
	}
	if rt := strings.TrimSpace(form.Get("run_time")); rt != "" {
		if req.RunTime, err = parseTimespan(rt); err != nil {
			return StartRequest{}, fmt.Errorf("gust: run_time %q: %w", rt, err)
		}
	}
	return req, nil
}

func parseUsers(form url.Values, optional bool) (int, error) {
	s := strings.TrimSpace(form.Get("user_count"))
	if s == "" && optional {
		return 0, nil
	}
	if s == "" {
		return 0, fmt.Errorf("gust: user_count is missing: want a whole number of users from 1 to %d", maxUsers)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("gust: user_count %q: want a whole number of users from 1 to %d", s, maxUsers)
	}
	if err := capacity.Check("user_count", n); err != nil {
		return 0, fmt.Errorf("gust: %w", err)
	}
	return n, nil
}

func parseSpawnRate(form url.Values, optional bool) (float64, error) {
	s := strings.TrimSpace(form.Get("spawn_rate"))
	if s == "" && optional {
		return 0, nil
	}
	if s == "" {
		return 0, fmt.Errorf("gust: spawn_rate is missing: want users per second, a number above 0")
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(r) || math.IsInf(r, 0) || r <= 0 || r > float64(maxUsers) {
		return 0, fmt.Errorf("gust: spawn_rate %q: want users per second, a number above 0 and at most %d", s, maxUsers)
	}
	return r, nil
}

// parseHost accepts "" (keep the current host) or an absolute http(s) URL.
func parseHost(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("gust: host %q: want an absolute http:// or https:// URL such as http://127.0.0.1:8080", s)
	}
	return strings.TrimSuffix(s, "/"), nil
}

// errTimespan explains the run_time syntax.
var errTimespan = fmt.Errorf("want seconds (20) or hours, minutes and seconds in that order (20s, 3m, 2h, 1h20m, 3h30m10s)")

// maxTimespan bounds a run time to something a test could last.
const maxTimespan = 10 * 365 * 24 * time.Hour

// parseTimespan reads Locust's run-time syntax: a number of seconds, or
// numbers with h, m and s units, each at most once and in that order.
func parseTimespan(s string) (time.Duration, error) {
	var total time.Duration
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		total = time.Duration(n) * time.Second
		s = ""
	}
	units := "hms"
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 || i > 9 {
			return 0, errTimespan
		}
		k := strings.IndexByte(units, s[i])
		if k < 0 {
			return 0, errTimespan
		}
		n, _ := strconv.Atoi(s[:i])
		if time.Duration(n) > maxTimespan/unitOf(units[k]) {
			return 0, errTimespan
		}
		total += time.Duration(n) * unitOf(units[k])
		units, s = units[k+1:], s[i+1:]
	}
	if total <= 0 || total > maxTimespan {
		return 0, errTimespan
	}
	return total, nil
}

func unitOf(c byte) time.Duration {
	switch c {
	case 'h':
		return time.Hour
	case 'm':
		return time.Minute
	}
	return time.Second
}

// ignoredFields lists the form fields gust does not read, sorted; with
// picker user_classes is read.
func ignoredFields(form url.Values, picker bool) []string {
	var out []string
	for k := range form {
		if !swarmFields[k] && !(picker && k == pickerField) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// pickerField is the form field of the class picker: the user kinds to
// run, repeated, as Locust's form sends them.
const pickerField = "user_classes"

// parseKinds reads the class picker's user_classes: the kinds a new test
// runs, some of available; none selects them all (as in Locust). An
// unknown kind is an error naming the valid ones.
func parseKinds(form url.Values, available []string) ([]string, error) {
	kinds := []string{}
	for _, k := range form[pickerField] {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if !slices.Contains(available, k) {
			return nil, fmt.Errorf("gust: user_classes %q: want some of %s", k, strings.Join(available, ", "))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}
