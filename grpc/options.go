package gustgrpc

import (
	"crypto/tls"
	"time"

	"google.golang.org/grpc"
)

// An Option configures a Client; pass options to New.
type Option func(*config)

// WithDialOptions adds grpc dial options to every user's connection, after
// gust's own (its credentials and recording interceptors): keepalive,
// message size limits, your own interceptors. Credentials given here win
// over gust's plaintext default.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(c *config) { c.dial = append(c.dial, opts...) }
}

// WithTLS makes the connections use TLS with cfg, as it is. A nil cfg
// means gust's own: verify the server against the system's roots, unless
// the user accepts any certificate (User.InsecureSkipVerify,
// --insecure-skip-tls-verify), as it does for an https Host.
func WithTLS(cfg *tls.Config) Option {
	return func(c *config) { c.tls, c.tlsOn = cfg, true }
}

// WithTimeout bounds each unary call whose context has no deadline of its
// own; the default is gust.DefaultTimeout (60 s), and 0 means no bound but
// the end of the test. Streams are bounded only by their context and the
// end of the test.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithMessages chooses which messages of a stream are recorded one by one
// (see Messages); the default is Received.
func WithMessages(m Messages) Option {
	return func(c *config) { c.messages = m }
}

// Messages says which messages of a stream are recorded one by one, each
// as a sample of its own.
type Messages int

// The choices of WithMessages.
const (
	// Received records each message received, under "METHOD [recv]",
	// timed from the previous message received (or from the stream's
	// opening, for the first).
	Received Messages = iota
	// Sent records each message sent, under "METHOD [send]", timed as
	// the call to SendMsg (which waits only for flow control).
	Sent
	// Both records the messages received and those sent.
	Both
	// NoMessages records no message: only the stream's opening and life.
	NoMessages
)

func (m Messages) received() bool { return m == Received || m == Both }
func (m Messages) sent() bool     { return m == Sent || m == Both }

// nameOption is the CallOption Name returns.
type nameOption struct {
	grpc.EmptyCallOption
	name string
}

// Name is a grpc.CallOption that records a call (or a stream) under name
// rather than its full method name, as gust.Name does for a request:
//
//	client.Echo(s.Context(), req, gustgrpc.Name("echo (slow)"))
func Name(name string) grpc.CallOption { return nameOption{name: name} }

// nameOf returns the name to record a call of method under.
func nameOf(method string, opts []grpc.CallOption) string {
	for _, o := range opts {
		if n, ok := o.(nameOption); ok {
			return n.name
		}
	}
	return method
}
