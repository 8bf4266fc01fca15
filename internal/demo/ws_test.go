package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// dialWS opens a WebSocket to a demo server's route.
func dialWS(t *testing.T, url string) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.Dial(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// exchange sends a message and reads the next one.
func exchange(t *testing.T, c *websocket.Conn, typ websocket.MessageType, msg string) (websocket.MessageType, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Write(ctx, typ, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	return read(t, c)
}

// read reads the next message.
func read(t *testing.T, c *websocket.Conn) (websocket.MessageType, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	typ, b, err := c.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return typ, string(b)
}

func TestWebSocketEcho(t *testing.T) {
	srv := start(t, "127.0.0.1:0")
	c := dialWS(t, srv.URL+"/ws/echo")
	for _, typ := range []websocket.MessageType{websocket.MessageText, websocket.MessageBinary} {
		if gt, got := exchange(t, c, typ, "hello "+typ.String()); gt != typ || got != "hello "+typ.String() {
			t.Errorf("echo of a %v message = %v %q", typ, gt, got)
		}
	}
	if err := c.Close(websocket.StatusNormalClosure, ""); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// Every listener of /ws/broadcast gets every message, its own included.
func TestWebSocketBroadcast(t *testing.T) {
	srv := start(t, "127.0.0.1:0")
	a := dialWS(t, srv.URL+"/ws/broadcast")
	b := dialWS(t, srv.URL+"/ws/broadcast")
	// Each hears its own message once it has joined the room.
	for _, l := range []struct {
		c   *websocket.Conn
		msg string
	}{{a, "a joined"}, {b, "b joined"}} {
		send(t, l.c, l.msg)
		readUntil(t, l.c, l.msg)
	}
	send(t, a, "from a")
	readUntil(t, b, "from a")
	readUntil(t, a, "from a")
}

// send sends a text message.
func send(t *testing.T, c *websocket.Conn, msg string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
		t.Fatal(err)
	}
}

// readUntil reads messages until want, failing after a few others.
func readUntil(t *testing.T, c *websocket.Conn, want string) {
	t.Helper()
	var got []string
	for range 4 {
		if _, m := read(t, c); m == want {
			return
		} else {
			got = append(got, m)
		}
	}
	t.Fatalf("read %q; want %q among them", got, want)
}

// A request that is not an upgrade gets an error answer, not a hang.
func TestWebSocketRoutesWantAnUpgrade(t *testing.T) {
	srv := start(t, "127.0.0.1:0")
	for _, path := range []string{"/ws/echo", "/ws/broadcast"} {
		status, body := do(t, client(t), "GET", srv.URL+path, "", "")
		if status < 400 || !strings.Contains(strings.ToLower(body), "websocket") {
			t.Errorf("GET %s without an upgrade = %d %q; want an error about WebSocket", path, status, body)
		}
	}
}
