package engine

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/client/fastclient"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// runHeadless runs a headless engine of one kind of user to the end and
// returns the exit code, how long Run took (in the bubble's time) and the
// log.
func runHeadless(t *testing.T, opts config.Options, hooks Hooks, run runner.RunFunc, interrupt <-chan struct{}) (int, time.Duration, string) {
	t.Helper()
	var log bytes.Buffer
	opts.Headless, opts.Users, opts.SpawnRate, opts.ExitCodeOnError = true, 1, 1, 1
	opts.OnlySummary = true
	kinds := []runner.Kind{{Name: "A", Weight: 1, Run: run}}
	out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.NewTextHandler(&log, nil))}
	e, err := New(&opts, kinds, stats.NewRecorder(), out, hooks)
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	code := e.Run(context.Background(), interrupt, nil)
	return code, time.Since(began), log.String()
}

// A user stuck in a call that ignores both the stop and its context must
// not hold the run past run time + stop timeout + 2 s (issue 14: 31 s for an
// 8 s run against a full backlog).
func TestAStuckUserDoesNotHoldTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		stuck := func(context.Context, <-chan struct{}, int, int) { <-release }
		opts := config.Options{RunTime: 2 * time.Second, StopTimeout: time.Second}
		_, took, log := runHeadless(t, opts, Hooks{}, stuck, nil)
		if limit := opts.RunTime + opts.StopTimeout + 2*time.Second; took > limit {
			t.Errorf("Run took %v, want at most %v", took, limit)
		}
		for _, want := range []string{"past the stop timeout, cancelling", "leaving them behind"} {
			if !strings.Contains(log, want) {
				t.Errorf("the log lacks %q:\n%s", want, log)
			}
		}
		// A FastHTTP request waiting out its abort slice is not stuck: the
		// cancellation is news, not a warning; being left behind is.
		for _, line := range strings.Split(log, "\n") {
			if strings.Contains(line, "past the stop timeout") && !strings.Contains(line, "level=INFO") {
				t.Errorf("the cancellation is logged as %q, want an info line", line)
			}
		}
		close(release)
	})
}

// The second interrupt ends the run within a second, even with a long stop
// timeout and a user that only ends when its context is cancelled.
func TestTheSecondInterruptEndsTheRunWithinASecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		busy := func(ctx context.Context, _ <-chan struct{}, _, _ int) { <-ctx.Done() }
		interrupt := make(chan struct{}, 2)
		var second time.Time
		go func() {
			time.Sleep(3 * time.Second)
			interrupt <- struct{}{}
			time.Sleep(2 * time.Second)
			second = time.Now()
			interrupt <- struct{}{}
		}()
		opts := config.Options{StopTimeout: time.Hour}
		_, _, log := runHeadless(t, opts, Hooks{}, busy, interrupt)
		if after := time.Since(second); after > time.Second {
			t.Errorf("Run returned %v after the second interrupt, want within 1s", after)
		}
		if !strings.Contains(log, "interrupted again, cancelling every user now") {
			t.Errorf("the log lacks the second interrupt:\n%s", log)
		}
	})
}

// A cancelled fasthttp request ends within one abort slice of the client:
// the engine must wait longer than that, with room for a loaded machine,
// before it calls users stuck, and still keep the stop within 2 s.
func TestLeaveAfterOutlastsTheClientsAbortSlice(t *testing.T) {
	if headroom := LeaveAfter - fastclient.AbortSlice; headroom < fastclient.AbortSlice/2 {
		t.Errorf("LeaveAfter %v leaves %v past fastclient.AbortSlice %v, want at least %v", LeaveAfter, headroom, fastclient.AbortSlice, fastclient.AbortSlice/2)
	}
	if KillAfter+LeaveAfter > 2*time.Second {
		t.Errorf("KillAfter %v + LeaveAfter %v, want at most the 2 s the stop is documented to take", KillAfter, LeaveAfter)
	}
}
