package report

import (
	"io"
	"strings"

	"github.com/gustload/gust/internal/stats"
)

// Width is the number of columns every console table fits in: an 80-column
// terminal, and a log file read in one.
const Width = 80

// typeWidth is the width of the Type column on a name line: "OPTIONS" and a
// space. Longer custom types take what they need from the name.
const typeWidth = 8

// maxTypeWidth caps a custom request type on a name line.
const maxTypeWidth = 24

// A console table gives each entry two lines: a name line (Type and Name, the
// name getting all the room left) and a number line of right-aligned columns.
// Eleven numbers and a useful name cannot share one 80-column line.

// column is a right-aligned column of a number line. The width includes the
// space that separates it from the column on its left.
type column struct {
	title string
	width int
}

// table builds a console table in memory, so that it reaches the writer in
// one Write and periodic tables do not interleave with log lines.
type table struct {
	b    strings.Builder
	cols []column
}

func newTable(cols []column) *table {
	return &table{cols: cols}
}

// title writes a section title.
func (t *table) title(s string) {
	t.line(s)
}

// line writes s and a newline.
func (t *table) line(s string) {
	t.b.WriteString(s)
	t.b.WriteByte('\n')
}

// header writes the two header lines and a rule.
func (t *table) header(first string) {
	t.line(first)
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	t.numbers(titles)
	t.rule()
}

// rule writes a line of dashes across the whole width.
func (t *table) rule() {
	t.line(strings.Repeat("-", Width))
}

// name writes an entry's name line: Type, then the name, shortened in the
// middle if the line would be wider than Width.
func (t *table) name(method, name string) {
	typ := truncate(printable(method), maxTypeWidth)
	prefix := padRight(typ, typeWidth-1) + " "
	t.line(prefix + truncate(printable(name), Width-len([]rune(prefix))))
}

// numbers writes a number line: each cell right-aligned in its column.
func (t *table) numbers(cells []string) {
	var b strings.Builder
	for i, c := range t.cols {
		cell := cells[i]
		if pad := c.width - len([]rune(cell)); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString(cell)
	}
	t.line(b.String())
}

// entries writes the name and number lines of every entry, then a rule and
// the aggregated entry.
func (t *table) entries(s *stats.Snapshot, cells func(*stats.Entry) []string) {
	es := sortedEntries(s)
	for _, e := range es {
		t.name(e.Method, e.Name)
		t.numbers(cells(e))
	}
	if len(es) > 0 {
		t.rule()
	}
	tot := total(s)
	t.name("", tot.Name)
	t.numbers(cells(tot))
}

// flush writes the table to w.
func (t *table) flush(w io.Writer) {
	_, _ = io.WriteString(w, t.b.String())
}

// wrapList writes prefix followed by items separated by ", ", breaking lines
// before Width; continuation lines are indented by two spaces.
func (t *table) wrapList(prefix string, items []string) {
	line := prefix
	for i, it := range items {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		if len([]rune(line+sep+it)) > Width && i > 0 {
			t.line(line + ",")
			line, sep = "  ", ""
		}
		line += sep + it
	}
	t.line(line)
}
