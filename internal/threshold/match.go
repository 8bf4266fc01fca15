package threshold

import (
	"fmt"
	"strings"

	"github.com/gustload/gust/internal/stats"
)

// maxSeen is how many recorded endpoints an ErrNoMatch error lists.
const maxSeen = 5

// find returns the entry t's filter selects: the aggregated total, one
// (method, name) entry, or all methods of one name combined.
func find(t Threshold, snap *stats.Snapshot) (*stats.Entry, error) {
	if t.Method == "" && t.Name == "" {
		if snap == nil || snap.Total == nil {
			return nil, fmt.Errorf("%w: no statistics were recorded", ErrNoMatch)
		}
		return snap.Total, nil
	}
	var found []*stats.Entry
	if snap != nil {
		for _, e := range snap.Entries {
			if e.Name == t.Name && (t.Method == "" || e.Method == t.Method) {
				found = append(found, e)
			}
		}
		if len(found) == 0 && t.Method == "" {
			found = byTypeAndName(t.Name, snap)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%w: %s%s", ErrNoMatch, describe(t), seen(snap))
	case 1:
		return found[0], nil
	}
	return combine(found), nil
}

// byTypeAndName returns the entries that filter names as a type and a name
// ("kv measure"): a custom type of Record or Measure need not be in capitals,
// as an HTTP method must be for splitFilter to tell it from a name with a
// space.
func byTypeAndName(filter string, snap *stats.Snapshot) []*stats.Entry {
	var found []*stats.Entry
	for _, e := range snap.Entries {
		if e.Method != "" && e.Method+" "+e.Name == filter {
			found = append(found, e)
		}
	}
	return found
}

// describe names what t's filter selects, for error messages.
func describe(t Threshold) string {
	switch {
	case t.Method == "" && t.Name == "":
		return "the aggregated total"
	case t.Method == "":
		return fmt.Sprintf("%q (any method)", t.Name)
	}
	return fmt.Sprintf("%s %q", t.Method, t.Name)
}

// seen lists the first few recorded endpoints, so a misspelt filter is easy
// to correct.
func seen(snap *stats.Snapshot) string {
	if snap == nil || len(snap.Entries) == 0 {
		return "; no request was recorded at all"
	}
	var names []string
	for _, e := range snap.Entries[:min(len(snap.Entries), maxSeen)] {
		names = append(names, strings.TrimSpace(e.Method+" "+e.Name))
	}
	more := ""
	if n := len(snap.Entries) - maxSeen; n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	return fmt.Sprintf("; seen: %s%s", strings.Join(names, ", "), more)
}

// combine merges entries of one name (and several methods) into one, as if
// they had been recorded together.
func combine(es []*stats.Entry) *stats.Entry {
	c := &stats.Entry{Key: stats.Key{Name: es[0].Name}, Hist: stats.NewHistogram()}
	for _, e := range es {
		addTimes(c, e)
		c.Requests += e.Requests
		c.Failures += e.Failures
		c.NoTime += e.NoTime
		c.TotalTime += e.TotalTime
		if c.First.IsZero() || (!e.First.IsZero() && e.First.Before(c.First)) {
			c.First = e.First
		}
		if e.Last.After(c.Last) {
			c.Last = e.Last
		}
	}
	return c
}

// addTimes merges e's histogram, Min and Max into c. Call it before adding
// e's counts to c.
func addTimes(c, e *stats.Entry) {
	if e.Timed() <= 0 {
		return
	}
	if c.Timed() <= 0 || e.Min < c.Min {
		c.Min = e.Min
	}
	c.Max = max(c.Max, e.Max)
	if e.Hist != nil {
		c.Hist.Merge(e.Hist)
	}
}
