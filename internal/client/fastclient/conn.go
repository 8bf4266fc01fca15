package fastclient

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/valyala/fasthttp"
)

// conn is one open connection.
type conn struct {
	addr   string
	tls    bool
	conn   net.Conn      // what responses are read from (requests go through send)
	tcp    net.Conn      // the TCP connection under it, which knows when data arrived
	watch  *watchedConn  // between the two: the reads that watch the context
	send   client.Sender // what requests are written to: conn, the last piece with the read
	reused bool          // it has served a request already
}

// roundTrip writes req on a connection to t and reads the response into
// resp. It returns when the request was written (zero if it never was) and
// when the response arrived (zero if the connection cannot tell). A
// kept-alive connection that the server has closed meanwhile is replaced
// once for an idempotent request.
func (fc *Client) roundTrip(ctx context.Context, t *client.Target, req *fasthttp.Request, resp *fasthttp.Response) (wrote, arrived time.Time, err error) {
	c, err := fc.conn(ctx, t)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	wrote, err = c.exchange(ctx, fc, req, resp)
	if err != nil && c.reused && retryable(req, err) && ctx.Err() == nil {
		fc.drop(c)
		if c, err = fc.conn(ctx, t); err != nil {
			return wrote, time.Time{}, err
		}
		wrote, err = c.exchange(ctx, fc, req, resp)
	}
	arrived, _ = client.Received(c.tcp)
	if err != nil || req.ConnectionClose() || resp.ConnectionClose() {
		fc.drop(c)
	} else {
		c.reused = true
	}
	return wrote, arrived, err
}

// conn returns the open connection to t's host, dialling one if needed.
func (fc *Client) conn(ctx context.Context, t *client.Target) (*conn, error) {
	for _, c := range fc.conns {
		if c.addr == t.Addr && c.tls == t.TLS {
			return c, nil
		}
	}
	fc.phase = client.PhaseConnect
	c, err := dial(ctx, t, fc.timeout, fc.tlsConf, &fc.setup)
	if err != nil {
		return nil, err
	}
	fc.conns = append(fc.conns, c)
	return c, nil
}

// drop closes c and forgets it.
func (fc *Client) drop(c *conn) {
	c.conn.Close()
	for i, o := range fc.conns {
		if o == c {
			fc.conns = append(fc.conns[:i], fc.conns[i+1:]...)
			return
		}
	}
}

// dialer connects the FastHTTP client's users.
var dialer = net.Dialer{KeepAlive: 30 * time.Second}

// maxDial bounds a connection's set-up, whatever the request's timeout.
const maxDial = 30 * time.Second

// dial opens a connection to t, over TLS for https (HTTP/1.1 only), and
// notes in setup how long the dial and the handshake took. The end of the
// test (ctx) cuts either short: the child context exists only while the
// connection is set up, so an idle user's context holds nothing of it.
func dial(ctx context.Context, t *client.Target, timeout time.Duration, base *tls.Config, setup *client.Connect) (*conn, error) {
	dctx, cancel := context.WithTimeout(ctx, min(timeout, maxDial))
	defer cancel()
	began := time.Now()
	nc, err := dialer.DialContext(dctx, "tcp", t.Addr)
	if err != nil {
		return nil, err
	}
	dialled := time.Now()
	*setup = client.Connect{Addr: t.Addr, TLS: t.TLS, Dial: dialled.Sub(began)}
	tcp, _ := client.Stamped(nc)
	w := &watchedConn{Conn: tcp}
	c := &conn{addr: t.Addr, tls: t.TLS, conn: w, tcp: tcp, watch: w}
	if !t.TLS {
		c.send = client.NewSender(w, tcp)
		return c, nil
	}
	conf := &tls.Config{}
	if base != nil {
		conf = base.Clone()
	}
	conf.ServerName, conf.NextProtos = t.URL.Hostname(), []string{"http/1.1"}
	tc := tls.Client(w, conf)
	now := time.Now()
	w.arm(ctx, now, now.Add(min(timeout, maxDial)))
	if err := tc.HandshakeContext(dctx); err != nil {
		nc.Close()
		*setup = client.Connect{}
		return nil, err
	}
	setup.Handshake = time.Since(dialled)
	c.conn, c.send = tc, client.NewSender(tc, nil)
	return c, nil
}

// AbortSlice is how long a read waits before it looks whether the test
// has ended (and, if not, waits again, up to the request's deadline): a
// cancelled user's request ends within one slice, so the engine's
// LeaveAfter must be longer (a test of internal/engine checks it).
const AbortSlice = time.Second

// watchedConn reads in slices of AbortSlice up to a deadline, giving up
// early when its context has ended.
type watchedConn struct {
	net.Conn
	ctx   context.Context
	until time.Time
	armed time.Time // the connection's read and write deadline; zero: none set
}

// arm sets the deadline of the coming exchange, whose reads end early when
// ctx does; now is the time. The deadline an earlier exchange set is kept
// when it is no later than the one wanted and at most half of it has gone:
// a read that reaches it early waits on (see again), and setting one costs
// the runtime a lock and two timers, per request.
func (w *watchedConn) arm(ctx context.Context, now, until time.Time) error {
	w.ctx, w.until = ctx, until
	want := until
	if ctx.Done() != nil {
		want = minTime(until, now.Add(AbortSlice))
	}
	if !w.armed.After(want) && w.armed.Sub(now) >= want.Sub(now)/2 {
		return nil
	}
	return w.deadline(want)
}

// deadline sets the read and write deadline to t.
func (w *watchedConn) deadline(t time.Time) error {
	w.armed = t
	return w.Conn.SetDeadline(t)
}

func (w *watchedConn) Read(p []byte) (int, error) {
	for {
		n, err := w.Conn.Read(p)
		if n > 0 || err == nil || !w.again(err) {
			return n, err
		}
		if err := w.deadline(minTime(w.until, time.Now().Add(AbortSlice))); err != nil {
			return n, err
		}
	}
}

func (w *watchedConn) Write(p []byte) (int, error) {
	done := 0
	for {
		n, err := w.Conn.Write(p[done:])
		done += n
		if err == nil || !w.again(err) {
			return done, err
		}
		if err := w.deadline(minTime(w.until, time.Now().Add(AbortSlice))); err != nil {
			return done, err
		}
	}
}

// again says whether an I/O error is only the end of a slice: the
// deadline is not reached and the test goes on.
func (w *watchedConn) again(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded) && w.ctx != nil && w.ctx.Err() == nil && time.Now().Before(w.until)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// exchange writes req and reads the response into resp (its body into
// fc's buffer, see readBody), both within fc's timeout, with buffers
// borrowed for the time of the exchange: an idle connection holds none. It
// returns when the writing began.
func (c *conn) exchange(ctx context.Context, fc *Client, req *fasthttp.Request, resp *fasthttp.Response) (time.Time, error) {
	client.Received(c.tcp) // forget the arrival of anything read before
	start := time.Now()
	fc.phase = client.PhaseSend
	if err := ctx.Err(); err != nil {
		return start, err
	}
	if err := c.watch.arm(ctx, start, start.Add(fc.timeout)); err != nil {
		return start, err
	}
	bw := client.Writer(&c.send)
	err := req.Write(bw)
	if err == nil {
		err = c.send.Flush(bw)
	}
	if err == nil {
		err = c.read(fc, req, resp)
	}
	client.PutWriter(bw) // only now: the request's last piece went out with the first read
	return start, c.send.Done(err)
}

// read reads the response to req into resp: its head, then its body into
// fc's buffer (readBody), noting the phase for a request the end of the
// test cuts short.
func (c *conn) read(fc *Client, req *fasthttp.Request, resp *fasthttp.Response) error {
	fc.phase = client.PhaseResponse
	base := client.Reader(c.conn)
	br, err := readHead(resp, base, req.Header.IsHead())
	if err == nil {
		fc.phase = client.PhaseBody
		err = fc.readBody(resp)
	}
	if err == nil && br.Buffered() > 0 { // more than one response: do not trust this connection
		resp.SetConnectionClose()
	}
	client.PutReader(base)
	return err
}

// retryable says whether req may be sent again after err: it is
// idempotent and the connection failed before any response came.
func retryable(req *fasthttp.Request, err error) bool {
	switch string(req.Header.Method()) {
	case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE":
	default:
		return false
	}
	var nothing fasthttp.ErrNothingRead
	return errors.Is(err, io.EOF) || errors.As(err, &nothing) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// fastError turns a FastHTTP client error into a failure text like the
// net/http client's: without the URL, timeouts said as such.
func fastError(err error, timeout time.Duration) error {
	var ne net.Error
	if errors.Is(err, fasthttp.ErrTimeout) || errors.Is(err, os.ErrDeadlineExceeded) ||
		errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return client.Timeout(timeout)
	}
	return err
}
