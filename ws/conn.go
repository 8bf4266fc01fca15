package ws

import (
	"context"
	"errors"
	"time"

	"github.com/coder/websocket"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/calls"
)

// sendSuffix is added to the Client's name to record a failed send.
const sendSuffix = " [send]"

// A Conn is one user's WebSocket connection (see Client.Conn). Its methods
// belong to the user's goroutine, like the Session's. After an error the
// Conn is closed, and the next Client.Conn opens a new one.
type Conn struct {
	ws     *websocket.Conn
	s      *gust.Session
	c      *calls.Session // s, as gust's own HTTP requests see it
	host   string         // the host:port, which operations in flight are followed under
	cfg    *config
	broken bool
}

// A Message is one message received.
type Message struct {
	// Binary says it is a binary message; otherwise it is text.
	Binary bool
	// Data is its content.
	Data []byte
}

// Text returns the message's content as a string.
func (m Message) Text() string { return string(m.Data) }

// SendText sends a text message. A send is not timed; a failure is
// recorded under the Client's name followed by " [send]".
func (c *Conn) SendText(text string) error {
	return c.send(websocket.MessageText, []byte(text))
}

// SendBinary sends a binary message, as SendText does.
func (c *Conn) SendBinary(data []byte) error {
	return c.send(websocket.MessageBinary, data)
}

// Receive waits for the next message and records it under name, timed from
// the call until the whole message has arrived, with its size. A wait
// longer than the Client's timeout, a connection the server closes or
// loses, all are failures under name.
func (c *Conn) Receive(name string) (Message, error) {
	ctx, cancel := c.context()
	defer cancel()
	call := c.c.Await(c.host) // a message comes at the server's pace
	start := time.Now()
	m, err := c.read(ctx)
	call.End(Type, name, time.Since(start), int64(len(m.Data)), err, calls.Waiting)
	return m, err
}

// ExchangeText sends a text message and waits for the next message, the
// reply, recording the exchange under name: from the send until the whole
// reply has arrived, with the reply's size.
func (c *Conn) ExchangeText(name, text string) (Message, error) {
	return c.exchange(name, websocket.MessageText, []byte(text))
}

// ExchangeBinary is ExchangeText with a binary message.
func (c *Conn) ExchangeBinary(name string, data []byte) (Message, error) {
	return c.exchange(name, websocket.MessageBinary, data)
}

// Close ends the connection with a close handshake (status 1000); the next
// Client.Conn opens a new one. Like every operation it is bounded by the
// Client's timeout and the end of the test: a server that does not answer
// the close frame in time has its connection dropped, and Close returns
// "close: timeout" (nil when the test ended).
func (c *Conn) Close() error {
	c.broken = true
	ctx, cancel := c.context()
	defer cancel()
	closed := make(chan error, 1)
	go func() { closed <- c.ws.Close(websocket.StatusNormalClosure, "") }()
	select {
	case err := <-closed:
		return err
	case <-ctx.Done():
	}
	// The library waits 5 s for the answer whatever we say, and CloseNow
	// cannot cut a Close short; a CloseRead on a context that is done drops
	// the connection at once, which ends the Close.
	c.ws.CloseRead(ctx)
	<-closed
	if c.s.Context().Err() != nil {
		return nil
	}
	return errors.New("close: timeout")
}

// WebSocket returns the underlying connection, for what this package does
// not wrap (Ping, the subprotocol, a Reader for large messages). What is
// done through it directly is not recorded.
func (c *Conn) WebSocket() *websocket.Conn { return c.ws }

// exchange sends a message and reads the reply, timed as one.
func (c *Conn) exchange(name string, typ websocket.MessageType, data []byte) (Message, error) {
	ctx, cancel := c.context()
	defer cancel()
	call := c.c.Begin(c.host)
	start := time.Now()
	if err := c.ws.Write(ctx, typ, data); err != nil {
		err = c.fail(writeError(err, ctx))
		call.End(Type, name, time.Since(start), 0, err, calls.Sending)
		return Message{}, err
	}
	m, err := c.read(ctx)
	call.End(Type, name, time.Since(start), int64(len(m.Data)), err, calls.Waiting)
	return m, err
}

// send writes a message, recording only a failure.
func (c *Conn) send(typ websocket.MessageType, data []byte) error {
	ctx, cancel := c.context()
	defer cancel()
	call := c.c.Begin(c.host)
	start := time.Now()
	err := c.ws.Write(ctx, typ, data)
	if err != nil {
		err = c.fail(writeError(err, ctx))
		call.End(Type, c.cfg.name+sendSuffix, time.Since(start), 0, err, calls.Sending)
		return err
	}
	call.Done()
	return nil
}

// read reads the next message whole.
func (c *Conn) read(ctx context.Context) (Message, error) {
	typ, data, err := c.ws.Read(ctx)
	if err != nil {
		return Message{}, c.fail(readError(err, ctx))
	}
	return Message{Binary: typ == websocket.MessageBinary, Data: data}, nil
}

// fail marks the connection broken and closes it, returning err.
func (c *Conn) fail(err error) error {
	c.broken = true
	c.ws.CloseNow()
	return err
}

// context bounds one operation by the Client's timeout and the end of the
// test.
func (c *Conn) context() (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.s.Context(), c.cfg.timeout)
}
