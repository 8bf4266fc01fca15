package ws

import (
	"fmt"
	"time"

	"github.com/coder/websocket"
)

// defaultReadLimit is the largest message a Conn reads unless
// WithReadLimit says otherwise.
const defaultReadLimit = 1 << 20

// An Option configures a Client; pass options to New.
type Option func(*config)

// config is what the options set.
type config struct {
	dial      *websocket.DialOptions
	timeout   time.Duration
	readLimit int64
	name      string
}

// WithName records the connections under name rather than the URL.
func WithName(name string) Option {
	return func(c *config) { c.name = name }
}

// WithDialOptions sets the handshake's options: headers (a token, a
// cookie), subprotocols, compression, the HTTP client.
func WithDialOptions(opts *websocket.DialOptions) Option {
	return func(c *config) { c.dial = opts }
}

// WithTimeout bounds the handshake, each send, each Receive and each
// exchange; the default is gust.DefaultTimeout (60 s). Whatever the
// timeout, they end when the test ends.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithReadLimit sets the largest message a connection accepts, in bytes
// (default 1 MiB); a larger one fails the read and closes the connection.
func WithReadLimit(n int64) Option {
	return func(c *config) { c.readLimit = n }
}

// check reports an option out of range.
func (c *config) check() error {
	if c.timeout <= 0 {
		return fmt.Errorf("gustws: WithTimeout(%v): want a duration > 0", c.timeout)
	}
	if c.readLimit <= 0 {
		return fmt.Errorf("gustws: WithReadLimit(%d): want a number of bytes > 0", c.readLimit)
	}
	if c.name == "" {
		return fmt.Errorf("gustws: WithName(%q): want a name", c.name)
	}
	return nil
}
