package ws_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/gustload/gust"
	"github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/gusttest"
	"github.com/gustload/gust/internal/testenv"
	"github.com/gustload/gust/ws"
)

var short = []string{"-u", "3", "-r", "100", "-t", "1s"}

// startDemo starts the demo server for one test.
func startDemo(t *testing.T) *demo.Server {
	t.Helper()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// newClient is New that fails the test on an error.
func newClient(t *testing.T, url string, opts ...ws.Option) *ws.Client {
	t.Helper()
	c, err := ws.New(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// user runs task with the user's connection of c; once ends the user
// after one task.
func user(c *ws.Client, once bool, task func(t *ws.Conn)) gust.User {
	return gust.User{Name: "Chatter", Tasks: []gust.Task{{Run: func(s *gust.Session) {
		if conn, err := c.Conn(s); err == nil {
			task(conn)
		}
		if once {
			s.StopUser()
		}
	}}}}
}

// An exchange is timed and sized, and each user connects once.
func TestExchangesOnOneConnectionPerUser(t *testing.T) {
	srv := startDemo(t)
	c := newClient(t, "/ws/echo")
	u := user(c, false, func(conn *ws.Conn) {
		if m, err := conn.ExchangeText("echo", "hello"); err == nil && m.Text() != "hello" {
			t.Errorf("echo of hello = %q", m.Text())
		}
	})
	u.Host = srv.URL
	res := gusttest.Run(t, short, u)
	if row := res.Rows["WS /ws/echo"]; row.Requests != 3 || row.Failures != 0 {
		t.Errorf("connects: %+v; want 3, one per user", row)
	}
	if row := res.Rows["WS echo"]; row.Requests == 0 || row.Failures != 0 || row.AvgSize != 5 {
		t.Errorf("exchanges: %+v; want some, of 5 bytes, none failed", row)
	}
}

// Messages received are timed one by one under the author's name.
func TestReceive(t *testing.T) {
	srv := startDemo(t)
	c := newClient(t, strings.Replace(srv.URL, "http", "ws", 1)+"/ws/broadcast", ws.WithName("room"))
	u := user(c, false, func(conn *ws.Conn) {
		if conn.SendBinary([]byte("ping")) == nil {
			conn.Receive("broadcast")
		}
	})
	res := gusttest.Run(t, short, u)
	if row := res.Rows["WS room"]; row.Requests != 3 || row.Failures != 0 {
		t.Errorf("connects: %+v; want 3", row)
	}
	if row := res.Rows["WS broadcast"]; row.Requests == 0 || row.Failures != 0 || row.AvgSize != 4 {
		t.Errorf("messages received: %+v; want some of 4 bytes, none failed", row)
	}
}

// misbehave is a WebSocket server that does what its name says once a
// client has sent a message.
func misbehave(t *testing.T, how string) string {
	t.Helper()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if how == "refuse" {
			http.NotFound(w, r)
			return
		}
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
		switch how {
		case "close":
			c.Close(websocket.StatusGoingAway, "going away")
		case "policy":
			c.Close(websocket.StatusPolicyViolation, "")
		case "silent":
			c.Read(ctx) // until the client gives up
		}
	})
	if how == "hold" { // no handshake: the connect waits until the client gives up
		h = func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// Each way a WebSocket fails is a failure with a clear reason.
func TestFailures(t *testing.T) {
	tests := []struct {
		name, url string
		opts      []ws.Option
		sample    string
		reason    string
	}{
		{"handshake refused", misbehave(t, "refuse"), nil, "connect", "handshake refused: HTTP 404"},
		{"no server", "ws://127.0.0.1:" + testenv.FreePort(t), nil, "connect", "connect: "},
		{"closed mid-way", misbehave(t, "close"), nil, "echo", "closed by the server: 1001 going away"},
		{"closed without a reason", misbehave(t, "policy"), nil, "echo", "closed by the server: 1008 policy violation"},
		{"dropped mid-way", misbehave(t, "drop"), nil, "echo", "connection lost: "},
		{"no reply", misbehave(t, "silent"), []ws.Option{ws.WithTimeout(20 * time.Millisecond)}, "echo", "timeout: no message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.url, append(tt.opts, ws.WithName("connect"))...)
			u := user(c, true, func(conn *ws.Conn) { conn.ExchangeText("echo", "hi") })
			res := gusttest.Run(t, short, u)
			if row := res.Rows["WS "+tt.sample]; row.Requests != 3 || row.Failures != 3 {
				t.Errorf("WS %s: %+v; want 3, all failed (rows %v)", tt.sample, row, res.Rows)
			}
			found := false
			for k := range res.Failures {
				found = found || strings.HasPrefix(k, "WS "+tt.sample+": "+tt.reason)
			}
			if !found {
				t.Errorf("failures %v; want one starting %q", res.Failures, tt.reason)
			}
		})
	}
}

// After a failure the next Conn opens a new connection.
func TestReconnectAfterAClose(t *testing.T) {
	url := misbehave(t, "close")
	c := newClient(t, url, ws.WithName("connect"))
	u := user(c, false, func(conn *ws.Conn) { conn.ExchangeText("echo", "hi") })
	res := gusttest.Run(t, []string{"-u", "1", "-t", "1s"}, u)
	if row := res.Rows["WS connect"]; row.Requests < 2 || row.Failures != 0 {
		t.Errorf("connects: %+v; want several, each after the server closed", row)
	}
}

// What the end of the test cuts short (a connect, an exchange, a message
// awaited) is interrupted, as an HTTP request in flight is: neither a
// request nor a failure; and the test ends on time though no answer would
// come for a while.
func TestTheEndOfTheTestInterruptsWhatIsInFlight(t *testing.T) {
	tests := []struct {
		name, how string
		task      func(conn *ws.Conn)
		connects  int64 // connects recorded
		line      string
	}{
		{"connect", "hold", func(*ws.Conn) {}, 0, "3 connecting"},
		{"echo", "silent", func(conn *ws.Conn) { conn.ExchangeText("echo", "hi") }, 3, ""},
		{"push", "silent", func(conn *ws.Conn) {
			if conn.SendText("hi") == nil {
				conn.Receive("push")
			}
		}, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := misbehave(t, tt.how)
			c := newClient(t, url, ws.WithName("connect"))
			res := gusttest.RunCaught(t, short, user(c, true, tt.task))
			if n, total := res.Interrupted["WS "+tt.name], res.Interrupted[""]; n != 3 || total != 3 {
				t.Errorf("WS %s: %d interrupted, %d in total; want 3, one per user\n%s", tt.name, n, total, res.Stderr)
			}
			if row := res.Rows["WS connect"]; row.Requests != tt.connects || row.Failures != 0 || len(res.Failures) != 0 {
				t.Errorf("connects: %+v, failures %v; want %d, none failed", row, res.Failures, tt.connects)
			}
			if row := res.Rows["WS "+tt.name]; tt.name != "connect" && row.Requests != 0 {
				t.Errorf("WS %s: %+v; want no request", tt.name, row)
			}
			if want := tt.line + " (" + strings.TrimPrefix(url, "http://") + ")"; tt.line != "" && !strings.Contains(res.Stderr, want) {
				t.Errorf("the summary lacks %q:\n%s", want, res.Stderr)
			}
		})
	}
}

// --insecure-skip-tls-verify (User.InsecureSkipVerify) reaches the
// handshake with a wss or https URL, but not an HTTP client the author gave
// with WithDialOptions: that one is used as it is.
func TestInsecureSkipVerify(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := websocket.Accept(w, r, nil); err == nil {
			c.CloseNow()
		}
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	t.Cleanup(srv.Close)
	wss := strings.Replace(srv.URL, "https", "wss", 1) + "/ws"
	tests := []struct {
		name, url string
		opts      []ws.Option
		lax       bool
		trust     bool // the connects succeed
	}{
		{"verified by default", "/ws", nil, false, false},
		{"skipped when asked", "/ws", nil, true, true},
		{"skipped for wss", wss, nil, true, true},
		{"the author's client wins", "/ws", []ws.Option{ws.WithDialOptions(&websocket.DialOptions{HTTPClient: &http.Client{}})}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := user(newClient(t, tt.url, append(tt.opts, ws.WithName("connect"))...), true, func(*ws.Conn) {})
			u.Host = srv.URL
			args := short
			if tt.lax {
				args = append(args[:len(args):len(args)], "--insecure-skip-tls-verify")
			}
			row := gusttest.Run(t, args, u).Rows["WS connect"]
			if tt.trust && (row.Requests != 3 || row.Failures != 0) {
				t.Errorf("connects: %+v; want 3, none failed", row)
			}
			if !tt.trust && (row.Requests != 3 || row.Failures != 3) {
				t.Errorf("connects: %+v; want 3, all failed on the certificate", row)
			}
		})
	}
}

// New("") is refused for its URL, which it names, not for the name it
// would have given the connections.
func TestNewNamesAnEmptyURL(t *testing.T) {
	_, err := ws.New("")
	if err == nil || !strings.Contains(err.Error(), `URL ""`) || !strings.Contains(err.Error(), "want ws://") {
		t.Errorf("New(\"\"): %v; want the URL named and what is valid", err)
	}
}

// deaf is a WebSocket server that accepts and then never reads, so never
// answers a close frame, until the test ends.
func deaf(t *testing.T) string {
	t.Helper()
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := websocket.Accept(w, r, nil); err == nil {
			<-stop
			c.CloseNow()
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(stop) })
	return srv.URL
}

// Close is bounded like every operation: by the Client's timeout, after
// which it drops the connection and says so, and by the end of the test,
// which it does not outlast (coder/websocket alone waits 5 s for the
// answer, and gust would leave the user behind, blaming its code).
func TestCloseIsBoundedByTheTimeoutAndTheEndOfTheTest(t *testing.T) {
	t.Run("timeout", func(t *testing.T) {
		c := newClient(t, deaf(t), ws.WithName("connect"), ws.WithTimeout(100*time.Millisecond))
		var got atomic.Value
		got.Store("Close did not return before the test ended")
		u := user(c, true, func(conn *ws.Conn) { got.Store(fmt.Sprint(conn.Close())) })
		gusttest.Run(t, []string{"-u", "1", "-t", "1s"}, u)
		if got.Load() != "close: timeout" {
			t.Errorf("Close: %v; want close: timeout", got.Load())
		}
	})
	t.Run("end of the test", func(t *testing.T) {
		c := newClient(t, deaf(t), ws.WithName("connect"))
		var closed atomic.Int64
		u := user(c, true, func(conn *ws.Conn) {
			if conn.Close() == nil {
				closed.Add(1)
			}
		})
		res := gusttest.RunCaught(t, []string{"-u", "2", "-r", "100", "-t", "1s"}, u)
		if n := closed.Load(); n != 2 {
			t.Errorf("%d of 2 Close returned nil before the test was over; want both, when it ended\n%s", n, res.Stderr)
		}
		if strings.Contains(res.Stderr, "ignore cancellation") {
			t.Errorf("the users were left behind:\n%s", res.Stderr)
		}
	})
}
