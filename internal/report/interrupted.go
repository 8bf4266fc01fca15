package report

import (
	"io"

	"github.com/gustload/gust/internal/stats"
)

// WriteInterrupted writes the requests that were still in flight when the
// test ended and were cut short, per (method, name) and in total: they are
// neither requests of the statistics nor failures of the target.
func WriteInterrupted(w io.Writer, s *stats.Snapshot) {
	t := newTable(nil, Width)
	t.title("Interrupted: in flight when the test ended (not failures)")
	t.line(padRight("# interrupted", countWidth+2) + "Type    Name")
	t.rule()
	for _, e := range sortedEntries(s) {
		if e.Interrupted > 0 {
			t.line(interruptedLine(e.Interrupted, e.Method, e.Name))
		}
	}
	t.rule()
	t.line(interruptedLine(total(s).Interrupted, "", "Aggregated"))
	t.flush(w)
}

func interruptedLine(n int64, method, name string) string {
	prefix := countCell(n) + "  "
	typ := padRight(truncate(printable(method), maxTypeWidth), typeWidth-1) + " "
	return prefix + typ + truncate(printable(name), Width-len(prefix)-len([]rune(typ)))
}
