package engine

import (
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/gustload/gust/internal/report"
)

// LiveRows is the number of entries the live table shows, the busiest; the
// summary, CSV and JSON keep them all.
const LiveRows = 40

// console is the layout of the tables for e's console: the terminal's width
// when it is one, 80 columns otherwise (a log, a pipe). The width is read at
// every table, so a resized terminal gets the new one.
func (e *Engine) console() report.Console {
	return report.Console{Width: terminalWidth(e.out.Console), MaxRows: LiveRows}
}

// terminalWidth is the width of w when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// progress is where the current test stands, for the live table's heading.
func (e *Engine) progress(now time.Time) report.Progress {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := report.Progress{State: e.State(), RunTime: e.runTime}
	switch {
	case e.startedAt.IsZero(): // no test yet (the web UI's start form)
	case e.stoppedAt.IsZero():
		p.Elapsed = now.Sub(e.startedAt)
	default:
		p.Elapsed = e.stoppedAt.Sub(e.startedAt)
	}
	return p
}
