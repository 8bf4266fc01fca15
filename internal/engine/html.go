package engine

import (
	"os"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// writeHTML writes the self-contained HTML report that --html asks for,
// with the load model, the final thresholds' results, the generator's
// summary and, in final, how an arrival rate kept its schedule.
func (e *Engine) writeHTML(final *stats.Snapshot, gen monitor.Summary) error {
	if e.opts.HTML == "" {
		return nil
	}
	f, err := os.Create(e.opts.HTML)
	if err != nil {
		return err
	}
	tasks := e.Tasks()
	model, target := e.Model()
	err = web.WriteHTMLReport(f, final, web.ReportMeta{Title: e.hooks.Title, Host: e.Host(), Version: e.hooks.Version, Tasks: &tasks,
		Model: model, Target: target, Thresholds: e.ThresholdResults(), Aborted: e.ThresholdsAborted(),
		Generator: &gen, Workers: e.Workers()})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
