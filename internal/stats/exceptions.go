package stats

import (
	"cmp"
	"slices"
)

// MaxExceptions is the most distinct tracebacks a Recorder keeps. Exceptions
// with further tracebacks are still counted, in one row whose Traceback is
// OtherExceptions.
const MaxExceptions = 1000

// OtherExceptions is the Traceback (and Message) of the row that counts
// exceptions past MaxExceptions distinct tracebacks.
const OtherExceptions = "gust: more than 1000 distinct exceptions; the rest are counted here"

// excRow is one traceback's count, first message and the nodes that raised it.
type excRow struct {
	count int64
	msg   string
	nodes []string // sorted, distinct
}

func (r *excRow) add(n int64, msg string, nodes []string) {
	if r.count == 0 {
		r.msg = msg
	}
	r.count += n
	for _, node := range nodes {
		if i, found := slices.BinarySearch(r.nodes, node); !found {
			r.nodes = slices.Insert(r.nodes, i, node)
		}
	}
}

// excTable is the recorder's bounded table of exceptions, keyed by traceback.
type excTable struct {
	rows  map[string]*excRow
	other excRow
}

func (t *excTable) add(traceback, msg string, n int64, nodes ...string) {
	r := t.rows[traceback]
	if r == nil {
		if traceback == OtherExceptions || len(t.rows) >= MaxExceptions {
			t.other.add(n, OtherExceptions, nodes)
			return
		}
		if t.rows == nil {
			t.rows = make(map[string]*excRow)
		}
		r = new(excRow)
		t.rows[traceback] = r
	}
	r.add(n, msg, nodes)
}

// list returns copies of the rows, highest count first.
func (t *excTable) list() []*Exception {
	out := make([]*Exception, 0, len(t.rows)+1)
	for tb, r := range t.rows {
		out = append(out, newException(tb, r))
	}
	if t.other.count > 0 {
		out = append(out, newException(OtherExceptions, &t.other))
	}
	slices.SortFunc(out, func(a, b *Exception) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Traceback, b.Traceback))
	})
	return out
}

func newException(tb string, r *excRow) *Exception {
	return &Exception{Count: r.count, Message: r.msg, Traceback: tb, Nodes: slices.Clone(r.nodes)}
}

// merge adds the rows of a delta.
func (t *excTable) merge(xs []*Exception) {
	for _, x := range xs {
		t.add(x.Traceback, x.Message, x.Count, x.Nodes...)
	}
}
