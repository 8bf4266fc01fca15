package transport

import (
	"io"
	"log"
	"log/slog"
	"strings"
)

// Option configures a Router or a Dealer.
type Option func(*options)

type options struct {
	log *slog.Logger
}

// WithLogger sets where a Router or Dealer logs: connection attempts at
// debug level, peers that fail the ZMTP handshake (such as a Locust 1.x
// worker, whose PUSH socket does not fit) at warn level, a few per peer
// address and window, then a count (package peerlog). The default discards
// everything.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) { o.log = l }
}

func newOptions(opts []Option) options {
	o := options{log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// zmqLogger routes zmq4's own log lines to l at warn level.
func (o options) zmqLogger() *log.Logger {
	return log.New(slogWriter{o.log}, "", 0)
}

type slogWriter struct{ l *slog.Logger }

// Write logs one zmq4 line.
func (w slogWriter) Write(p []byte) (int, error) {
	w.l.Warn(strings.TrimSpace(string(p)), "component", "zmq4")
	return len(p), nil
}

var _ io.Writer = slogWriter{}
