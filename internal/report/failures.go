package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/gustload/gust/internal/stats"
)

// indent is how far error texts and tracebacks are indented under the line
// they belong to. They are shown whole and unwrapped, so that they can be
// searched for and copied.
const indent = "    "

// countWidth is the width of the count column of the failure and exception
// tables ("# occurrences").
const countWidth = 13

// WriteFailures writes the failures of s to w, most frequent first: for each
// kind of failure a line with its number of occurrences, Type and Name, and
// the error text under it.
func WriteFailures(w io.Writer, s *stats.Snapshot) {
	t := newTable(nil, Width)
	t.title("Failures")
	t.line(padRight("# occurrences", countWidth+2) + "Type    Name")
	t.line(indent + "Error")
	t.rule()
	for _, e := range s.Errors {
		prefix := countCell(e.Occurrences) + "  "
		typ := padRight(truncate(printable(e.Method), maxTypeWidth), typeWidth-1) + " "
		room := Width - len(prefix) - len([]rune(typ))
		t.line(prefix + typ + truncate(printable(e.Name), room))
		t.indented(e.Error, indent)
	}
	t.flush(w)
}

// WriteExceptions writes the exceptions raised in user code, most frequent
// first: for each a line with its count and message, the nodes that raised
// it when they are not only the local one, and its traceback indented.
func WriteExceptions(w io.Writer, s *stats.Snapshot) {
	t := newTable(nil, Width)
	t.title("Exceptions")
	t.line(padRight("# occurrences", countWidth+2) + "Message")
	t.line(indent + "Traceback")
	t.rule()
	for _, e := range s.Exceptions {
		msg := strings.Split(strings.TrimRight(e.Message, "\n"), "\n")
		t.line(countCell(e.Count) + "  " + msg[0])
		for _, l := range msg[1:] {
			t.line(strings.Repeat(" ", countWidth+2) + l)
		}
		if nodes := strings.Join(e.Nodes, ", "); nodes != "" && nodes != "local" {
			t.line(strings.Repeat(" ", countWidth+2) + "nodes: " + nodes)
		}
		t.indented(e.Traceback, indent)
	}
	t.flush(w)
}

// countCell is a count right-aligned in the count column.
func countCell(n int64) string {
	s := strconv.FormatInt(n, 10)
	return strings.Repeat(" ", max(countWidth-len(s), 0)) + s
}

// indented writes each line of text with prefix before it; blank lines at
// the end are left out.
func (t *table) indented(text, prefix string) {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return
	}
	for l := range strings.SplitSeq(text, "\n") {
		t.line(prefix + strings.TrimRight(l, "\r"))
	}
}
