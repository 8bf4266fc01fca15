package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// TablePeriod is how often the live table is printed.
const TablePeriod = 2 * time.Second

// Run runs gust until it should quit and returns the exit code. Without a
// web server (headless) the test starts at once and gust quits when it ends.
// With one, the test starts at once only with --autostart or a run time;
// otherwise the web UI starts it, and gust quits on interrupt or --autoquit.
// The first interrupt stops the test gracefully (users finish their tasks
// within the stop timeout); a second one cancels them at once. Every output
// is written either way.
func (e *Engine) Run(ctx context.Context, interrupt <-chan struct{}, srv *web.Server) int {
	x, err := e.newExports()
	if err != nil {
		e.log().Error(err.Error())
		return 2
	}
	csv, err := e.openCSV()
	if err != nil { // checked in New, so only if the folder changed since
		fmt.Fprintln(e.out.Console, err)
		return 2
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); e.background(ctx, csv, srv) }()
	e.startExports(ctx, x)

	autostart := srv == nil || e.opts.Autostart || e.opts.RunTime > 0
	if autostart {
		e.startTest(e.opts.Users, e.opts.SpawnRate, e.opts.RunTime)
	}
	delay, quits := e.quitDelay(srv != nil, autostart)
	e.waitToQuit(ctx, interrupt, delay, quits)
	e.stopUsers(interrupt)
	cancel()
	<-done
	x.wg.Wait()
	return e.finish(e.final(), csv, x)
}

func (e *Engine) openCSV() (*report.CSVFiles, error) {
	if e.opts.CSVPrefix == "" {
		return nil, nil
	}
	return report.NewCSVFiles(e.opts.CSVPrefix, e.opts.CSVFullHistory)
}

// background ticks the statistics and serves the web UI until ctx ends.
func (e *Engine) background(ctx context.Context, csv *report.CSVFiles, srv *web.Server) {
	if srv == nil {
		e.tickLoop(ctx, csv)
		return
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(ctx); err != nil {
			e.log().Error("web UI stopped", "error", err)
		}
	}()
	e.log().Info("web UI at " + srv.URL())
	e.tickLoop(ctx, csv)
	<-served
}

// quitDelay says whether gust quits on its own once the test ends, and how
// long after: headless at once; with the web UI only for a test that started
// at once, after --autoquit seconds, or at once for a run time given without
// --autostart (the simple `gust -t 30s URL` ends by itself).
func (e *Engine) quitDelay(ui, autostarted bool) (time.Duration, bool) {
	switch {
	case !ui:
		return 0, true
	case !autostarted:
		return 0, false
	case e.opts.Autoquit >= 0:
		return time.Duration(e.opts.Autoquit) * time.Second, true
	case !e.opts.Autostart:
		return 0, true
	}
	return 0, false
}

// waitToQuit returns on interrupt, when ctx ends, or delay after the test
// ends when quits is set. Without a delay it returns as soon as the test
// begins to stop, so that stopUsers bounds how long the users may take.
func (e *Engine) waitToQuit(ctx context.Context, interrupt <-chan struct{}, delay time.Duration, quits bool) {
	var ended <-chan struct{}
	if quits {
		ended = e.endedChan(delay == 0)
	}
	select {
	case <-interrupt:
		e.log().Info("interrupted, stopping gracefully (interrupt again to quit at once)")
		return
	case <-ctx.Done():
		return
	case <-ended:
	}
	if delay > 0 {
		e.log().Info("test ended, quitting", "after", delay.String())
		select {
		case <-time.After(delay):
		case <-interrupt:
		case <-ctx.Done():
		}
	}
}

// endedChan is closed when the test has ended, or with stopping as soon as
// it begins to stop.
func (e *Engine) endedChan(stopping bool) <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	if stopping {
		return e.stopping
	}
	return e.ended
}

// KillAfter is how long past the stop timeout the engine waits for users
// before it cancels them all, and LeaveAfter how long it then waits before
// it leaves behind the users that still run (their requests stuck in calls
// that ignore cancellation) and writes its outputs: together they bound a
// run's wall time to run time + stop timeout + 2 s whatever the target does.
// A cancelled request of the fasthttp client notices within one of its
// abort slices (a second, fastclient.AbortSlice), so LeaveAfter is that
// and half as much again for a loaded machine to schedule it: less, and
// users that do honour cancellation are left behind as if stuck.
const (
	KillAfter  = 500 * time.Millisecond
	LeaveAfter = 1500 * time.Millisecond
)

// stopUsers stops the test gracefully, or at once on a further interrupt,
// and returns within the stop timeout + KillAfter + LeaveAfter.
func (e *Engine) stopUsers(interrupt <-chan struct{}) {
	stopped := make(chan struct{})
	go func() { e.stopTest(); close(stopped) }()
	grace := time.NewTimer(e.opts.StopTimeout + KillAfter)
	defer grace.Stop()
	select {
	case <-stopped:
		return
	case <-interrupt:
		e.log().Warn("interrupted again, cancelling every user now")
	case <-grace.C:
		// Not a warning: a FastHTTP request that a target keeps waiting
		// notices its cancelled context only at the end of its abort
		// slice; the error below is for users that never notice.
		e.log().Info("users still running past the stop timeout, cancelling them", "stop_timeout", e.opts.StopTimeout.String())
	}
	go e.driver().Kill()
	leave := time.NewTimer(LeaveAfter)
	defer leave.Stop()
	select {
	case <-stopped:
	case <-leave.C:
		e.log().Error("some users ignore cancellation: leaving them behind to write the results",
			"waited", LeaveAfter.String(), "requests_in_flight", e.rec.Waits().InFlight())
	}
}

func (e *Engine) tickLoop(ctx context.Context, csv *report.CSVFiles) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s := e.tick(now)
			e.checkGenerator()
			e.writeCSV(csv, s)
			if e.printsTable() && n%int(TablePeriod/time.Second) == 0 {
				e.console().WriteLive(e.out.Console, s, e.progress(now))
			}
		}
	}
}

// printsTable says whether the live table is printed: headless unless
// --only-summary, or with a web UI when --print-stats asks for it.
func (e *Engine) printsTable() bool {
	if e.opts.OnlySummary {
		return false
	}
	return e.opts.Headless || e.opts.PrintStats
}

func (e *Engine) writeCSV(csv *report.CSVFiles, s *stats.Snapshot) {
	if csv == nil {
		return
	}
	if err := csv.Update(s); err != nil {
		e.log().Error("writing the CSV files", "error", err)
	}
}

// finish writes every final output and returns the exit code.
func (e *Engine) finish(final *stats.Snapshot, csv *report.CSVFiles, x *exports) int {
	rs := e.evaluate(final)
	code := e.exitCode(final, rs)
	gen := e.finalGenerator()
	e.console().WriteSummary(e.out.Console, final)
	writeGenerator(e.out.Console, gen)
	writeThresholds(e.out.Console, rs)
	pushed := e.finalPush(x)
	if err := e.writeJUnit(rs); err != nil {
		e.log().Error("writing the JUnit file", "file", e.opts.JUnit, "error", err)
		code = max(code, 1)
	}
	if writeNothingCompleted(e.out.Console, final, e.rec.Waits()) {
		code = max(code, 1)
	}
	if err := e.refusal(); err != nil {
		e.log().Error("the load shape asked for too many users: the test was stopped", "error", err)
		code = 2
	}
	if csv != nil {
		if err := csv.Close(final); err != nil {
			e.log().Error("writing the CSV files", "error", err)
			code = max(code, 1)
		}
	}
	if err := e.writeHTML(final, gen); err != nil {
		e.log().Error("writing the HTML report", "file", e.opts.HTML, "error", err)
		code = max(code, 1)
	}
	if e.opts.JSON {
		if err := writeJSON(e.out.Stdout, final, gen, e.jsonThresholds(rs), pushed); err != nil {
			e.log().Error("writing JSON", "error", err)
			code = max(code, 1)
		}
	}
	return code
}
