package report

import (
	"io"
	"strings"

	"github.com/gustload/gust/internal/stats"
)

// Width is the number of columns every console table fits in unless the
// terminal is known to be wider: an 80-column terminal, and a log file read
// in one.
const Width = 80

// typeWidth is the width of the Type column on a name line: "OPTIONS" and a
// space. Longer custom types take what they need from the name.
const typeWidth = 8

// maxTypeWidth caps a custom request type on a name line.
const maxTypeWidth = 24

// minWideName is the least room for Type and Name that the one-line layout
// accepts when some names do not fit: with less, names would be cut too
// short to read and the two-line layout is kept.
const minWideName = 32

// A console table gives each entry two lines: a name line (Type and Name, the
// name getting all the room left) and a number line of right-aligned columns.
// Eleven numbers and a useful name cannot share one 80-column line. On a
// wider terminal (Console.Width) an entry takes one line: Type and Name in a
// column as wide as the longest of them needs (or as the terminal leaves),
// then the numbers.

// column is a right-aligned column of a number line. The width includes the
// space that separates it from the column on its left.
type column struct {
	title string
	width int
}

// table builds a console table in memory, so that it reaches the writer in
// one Write and periodic tables do not interleave with log lines.
type table struct {
	b     strings.Builder
	cols  []column
	width int // the width lines fit in: Width, or a wider terminal's
	// nameWidth is the width of the Type and Name cell of the one-line
	// layout; 0 selects the two-line layout.
	nameWidth int
	more      string // a line after the entries, before the aggregated row
}

func newTable(cols []column, width int) *table {
	return &table{cols: cols, width: max(width, Width)}
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

// header writes the header (two lines, or one in the one-line layout) and a
// rule.
func (t *table) header(first string) {
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	if t.nameWidth > 0 {
		t.line(padRight(first, t.nameWidth) + " " + t.numberLine(titles))
	} else {
		t.line(first)
		t.numbers(titles)
	}
	t.rule()
}

// rule writes a line of dashes across the table.
func (t *table) rule() {
	n := Width
	if t.nameWidth > 0 {
		n = t.nameWidth + 1 + t.numbersWidth()
	}
	t.line(strings.Repeat("-", n))
}

// numbersWidth is the width of a number line.
func (t *table) numbersWidth() int {
	n := 0
	for _, c := range t.cols {
		n += c.width
	}
	return n
}

// nameCell is Type, then the name shortened in the middle to fit in n
// columns.
func nameCell(method, name string, n int) string {
	typ := truncate(printable(method), maxTypeWidth)
	prefix := padRight(typ, typeWidth-1) + " "
	return prefix + truncate(printable(name), n-len([]rune(prefix)))
}

// name writes an entry's name line: Type, then the name, shortened in the
// middle if the line would be wider than Width.
func (t *table) name(method, name string) {
	t.line(nameCell(method, name, Width))
}

// numberLine is a number line: each cell right-aligned in its column.
func (t *table) numberLine(cells []string) string {
	var b strings.Builder
	for i, c := range t.cols {
		cell := cells[i]
		if pad := c.width - len([]rune(cell)); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString(cell)
	}
	return b.String()
}

// numbers writes a number line.
func (t *table) numbers(cells []string) {
	t.line(t.numberLine(cells))
}

// row writes an entry: two lines, or one in the one-line layout.
func (t *table) row(method, name string, cells []string) {
	if t.nameWidth == 0 {
		t.name(method, name)
		t.numbers(cells)
		return
	}
	t.line(padRight(nameCell(method, name, t.nameWidth), t.nameWidth) + " " + t.numberLine(cells))
}

// fitNames chooses the layout for entries es (and the aggregated row): one
// line per entry when the terminal leaves room for every Type and Name, or
// at least minWideName columns; two lines otherwise.
func (t *table) fitNames(es []*stats.Entry) {
	room := t.width - 1 - t.numbersWidth()
	need := max(len("Type    Name"), len(nameCell("", "Aggregated", Width)))
	for _, e := range es {
		need = max(need, len([]rune(nameCell(e.Method, e.Name, 1<<20))))
	}
	switch {
	case t.width <= Width:
		t.nameWidth = 0
	case need <= room:
		t.nameWidth = need
	case room >= minWideName:
		t.nameWidth = room
	}
}

// entries writes the name and number lines of every entry, then a rule and
// the aggregated entry. The header is written first, in the layout chosen
// for these entries.
func (t *table) entries(s *stats.Snapshot, cells func(*stats.Entry) []string) {
	t.entriesOf(s, sortedEntries(s), cells)
}

// entriesOf is entries for a chosen subset es of the snapshot's entries.
func (t *table) entriesOf(s *stats.Snapshot, es []*stats.Entry, cells func(*stats.Entry) []string) {
	t.fitNames(es)
	t.header("Type    Name")
	for _, e := range es {
		t.row(e.Method, e.Name, cells(e))
	}
	if t.more != "" {
		t.line(t.more)
	}
	if len(es) > 0 {
		t.rule()
	}
	tot := total(s)
	t.row("", tot.Name, cells(tot))
}

// flush writes the table to w.
func (t *table) flush(w io.Writer) {
	_, _ = io.WriteString(w, t.b.String())
}

// wrapList writes prefix followed by items separated by ", ", breaking lines
// before the table's width; continuation lines are indented by two spaces.
func (t *table) wrapList(prefix string, items []string) {
	line := prefix
	for i, it := range items {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		comma := min(len(items)-1-i, 1) // the comma a line broken after it ends with
		if len([]rune(line+sep+it))+comma > t.width && i > 0 {
			t.line(line + ",")
			line, sep = "  ", ""
		}
		line += sep + it
	}
	t.line(line)
}
