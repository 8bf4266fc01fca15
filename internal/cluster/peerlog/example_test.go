package peerlog_test

import (
	"log/slog"
	"os"

	"github.com/gustload/gust/internal/cluster/peerlog"
)

// A peer that sends junk gets a few lines of log, then a count.
func ExampleLimiter() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // for a stable output
			}
			return a
		}}))
	l := peerlog.New(log)
	for range 1000 {
		l.Warn("10.0.0.7", "cluster: dropped a message that cannot be decoded", "worker", "10.0.0.7")
	}
	l.Close()
	// Output:
	// level=WARN msg="cluster: dropped a message that cannot be decoded" worker=10.0.0.7
	// level=WARN msg="cluster: dropped a message that cannot be decoded" worker=10.0.0.7
	// level=WARN msg="cluster: dropped a message that cannot be decoded" worker=10.0.0.7
	// level=WARN msg="cluster: 997 more warnings from 10.0.0.7 suppressed" peer=10.0.0.7 suppressed=997
}
