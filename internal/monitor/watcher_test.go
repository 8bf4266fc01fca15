package monitor

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestWatcherWarnsWhenSaturatedAndSaysWhenItKeepsUp(t *testing.T) {
	var log bytes.Buffer
	w := NewWatcher(slog.New(slog.NewTextHandler(&log, nil)))
	t0 := time.Now()
	steps := []struct {
		at        time.Duration
		saturated bool
		want      string // in the log line this reading writes; "" for none
	}{
		{0, false, ""},
		{1 * time.Second, true, "level=WARN msg=\"gust is busy: CPU"},
		{2 * time.Second, true, ""}, // warned already
		{3 * time.Second, false, "level=INFO msg=\"the load generator keeps up again\" saturated_for=2s"},
		{4 * time.Second, true, ""},                   // within 30 s of the last warning
		{40 * time.Second, true, "saturated_for=36s"}, // still saturated: warned again
	}
	for _, s := range steps {
		log.Reset()
		w.Observe(Reading{Time: t0.Add(s.at), Cores: 1, CPU: 0.95, Saturated: s.saturated})
		if s.want == "" && log.Len() > 0 || !strings.Contains(log.String(), s.want) {
			t.Fatalf("at %v: logged %q, want %q", s.at, log.String(), s.want)
		}
	}
}
