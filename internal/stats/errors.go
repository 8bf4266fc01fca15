package stats

import (
	"cmp"
	"slices"
)

// MaxErrors is the most distinct kinds of failure (method, name, error text)
// a Recorder keeps. Failures of further kinds are still counted, in one row
// whose Error is OtherErrors, so memory stays bounded when error texts vary
// without end (an id or a timestamp in the message).
const MaxErrors = 1000

// OtherErrors is the Error text of the row that counts failures past
// MaxErrors distinct kinds; its Method and Name are empty.
const OtherErrors = "gust: more than 1000 distinct errors; the rest are counted here"

// errKey identifies a kind of failure, as Locust groups them.
type errKey struct {
	Method, Name, Err string
}

var otherErrKey = errKey{Err: OtherErrors}

// errCount is how often a kind of failure occurred, and when (Unix ns).
type errCount struct {
	n, first, last int64
	example        string // the first occurrence's text, when it differs from the key
}

func (a *errCount) add(n, first, last int64) {
	a.n += n
	if first != 0 && (a.first == 0 || first < a.first) {
		a.first = first
	}
	a.last = max(a.last, last)
}

// errorTable is the recorder's bounded table of failures.
type errorTable struct {
	rows  map[errKey]*errCount
	other errCount
}

// add counts c into the row of k, or into the other row once the table holds
// MaxErrors kinds.
func (t *errorTable) add(k errKey, c errCount) {
	a := t.rows[k]
	if a == nil {
		if k == otherErrKey || len(t.rows) >= MaxErrors {
			t.other.add(c.n, c.first, c.last)
			return
		}
		if t.rows == nil {
			t.rows = make(map[errKey]*errCount)
		}
		a = &errCount{example: c.example}
		t.rows[k] = a
	}
	a.add(c.n, c.first, c.last)
}

// list returns the rows, most occurrences first.
func (t *errorTable) list() []*Error {
	out := make([]*Error, 0, len(t.rows)+1)
	for k, a := range t.rows {
		out = append(out, newError(k, a))
	}
	if t.other.n > 0 {
		out = append(out, newError(otherErrKey, &t.other))
	}
	slices.SortFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(b.Occurrences, a.Occurrences), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Method, b.Method), cmp.Compare(a.Error, b.Error))
	})
	return out
}

func newError(k errKey, a *errCount) *Error {
	return &Error{Method: k.Method, Name: k.Name, Error: k.Err, Occurrences: a.n,
		FirstSeen: fromNanos(a.first), LastSeen: fromNanos(a.last), Example: a.example}
}

// merge adds the rows of a delta.
func (t *errorTable) merge(es []*Error) {
	for _, e := range es {
		k := errKey{Method: e.Method, Name: e.Name, Err: e.Error}
		t.add(k, errCount{n: e.Occurrences, first: toNanos(e.FirstSeen), last: toNanos(e.LastSeen), example: e.Example})
	}
}
