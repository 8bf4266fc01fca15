package engine

import (
	"os"

	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// writeHTML writes the self-contained HTML report that --html asks for.
func (e *Engine) writeHTML(final *stats.Snapshot) error {
	if e.opts.HTML == "" {
		return nil
	}
	f, err := os.Create(e.opts.HTML)
	if err != nil {
		return err
	}
	tasks := e.hooks.Tasks
	err = web.WriteHTMLReport(f, final, web.ReportMeta{Title: e.hooks.Title, Host: e.Host(), Version: e.hooks.Version, Tasks: &tasks})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
