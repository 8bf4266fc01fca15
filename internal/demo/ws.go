package demo

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// WebSocket limits: the largest message read, how long a write may take, and
// how many messages wait for a slow broadcast listener before it misses some.
const (
	wsReadLimit    = 1 << 20
	wsWriteTimeout = 10 * time.Second
	wsBacklog      = 64
)

// wsMessage is one WebSocket message.
type wsMessage struct {
	typ  websocket.MessageType
	data []byte
}

// hub is the broadcast route's room: every message one listener sends goes
// to every listener, the sender included.
type hub struct {
	mu        sync.Mutex
	listeners map[chan wsMessage]struct{}
}

// accept upgrades a request to a WebSocket; it answers the request itself
// when the upgrade fails. A connection it returns is counted in h.sockets
// (which Server.Close waits for, as http.Server.Shutdown does not track
// hijacked connections) until the caller calls h.sockets.Done.
func (h *handler) accept(w http.ResponseWriter, r *http.Request) (*websocket.Conn, bool) {
	h.sockets.Add(1) // before the hijack, while Shutdown still waits for the request
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		h.sockets.Done()
		return nil, false // Accept has answered with what was wrong
	}
	c.SetReadLimit(wsReadLimit)
	return c, true
}

// serveEcho answers GET /ws/echo: each message comes back as it came.
func (h *handler) serveEcho(w http.ResponseWriter, r *http.Request) {
	c, ok := h.accept(w, r)
	if !ok {
		return
	}
	defer h.sockets.Done()
	defer c.CloseNow()
	ctx := r.Context()
	for {
		typ, data, err := c.Read(ctx)
		if err != nil {
			return // the client closed, went away, or the server is closing
		}
		if write(ctx, c, wsMessage{typ, data}) != nil {
			return
		}
	}
}

// write sends m within wsWriteTimeout.
func write(ctx context.Context, c *websocket.Conn, m wsMessage) error {
	ctx, cancel := context.WithTimeout(ctx, wsWriteTimeout)
	defer cancel()
	return c.Write(ctx, m.typ, m.data)
}

// serveBroadcast answers GET /ws/broadcast: each message any listener sends
// goes to every listener connected at that moment. A listener that falls
// more than wsBacklog messages behind misses the newest ones.
func (h *handler) serveBroadcast(w http.ResponseWriter, r *http.Request) {
	c, ok := h.accept(w, r)
	if !ok {
		return
	}
	defer h.sockets.Done()
	defer c.CloseNow()
	out := h.hub.join()
	defer h.hub.leave(out)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.hub.relay(ctx, c)
		cancel()
	}()
	forward(ctx, c, out)
	cancel()
	c.CloseNow()
	<-done
}

// relay reads c's messages and broadcasts them until c ends.
func (b *hub) relay(ctx context.Context, c *websocket.Conn) {
	for {
		typ, data, err := c.Read(ctx)
		if err != nil {
			return
		}
		b.send(wsMessage{typ, data})
	}
}

// forward writes the listener's messages to c until ctx ends.
func forward(ctx context.Context, c *websocket.Conn, out <-chan wsMessage) {
	for {
		select {
		case m := <-out:
			if write(ctx, c, m) != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// join adds a listener and returns its queue.
func (b *hub) join() chan wsMessage {
	out := make(chan wsMessage, wsBacklog)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.listeners == nil {
		b.listeners = map[chan wsMessage]struct{}{}
	}
	b.listeners[out] = struct{}{}
	return out
}

// leave removes a listener.
func (b *hub) leave(out chan wsMessage) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.listeners, out)
}

// send queues m for every listener, skipping those whose queue is full.
func (b *hub) send(m wsMessage) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for out := range b.listeners {
		select {
		case out <- m:
		default: // a slow listener misses it rather than holding up the rest
		}
	}
}
