package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/gustload/gust/internal/config"
)

// levels maps Locust's log level names to slog's.
var levels = map[string]slog.Level{
	"DEBUG": slog.LevelDebug, "INFO": slog.LevelInfo, "WARNING": slog.LevelWarn,
	"ERROR": slog.LevelError, "CRITICAL": slog.LevelError + 4,
}

// logger returns the logger -L/--loglevel and --logfile ask for, and a
// function that closes the log file.
func (env Env) logger(opts *config.Options) (*slog.Logger, func(), error) {
	var w io.Writer = env.Stderr
	closeLog := func() {}
	if opts.LogFile != "" {
		f, err := os.OpenFile(opts.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, &config.UsageError{Msg: fmt.Sprintf("cannot open --logfile %q: %v", opts.LogFile, err)}
		}
		w, closeLog = f, func() { f.Close() }
	}
	level := levels[strings.ToUpper(opts.LogLevel)]
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})), closeLog, nil
}
