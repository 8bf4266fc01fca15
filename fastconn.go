package gust

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
)

// fastClient is one user's FastHTTP client: a keep-alive connection per
// host it talks to (usually one), the last response's headers and, once a
// response has set one, a cookie jar. Only the user's goroutine uses it,
// except abort, which the end of the test calls.
type fastClient struct {
	timeout time.Duration
	conns   []*fastConn // changed by the user's goroutine only, under mu
	mu      sync.Mutex
	watched context.Context // the context whose end aborts the connections
	stop    func() bool     // stops watching it
	hdr     fastHeader
	jar     http.CookieJar
	tlsConf *tls.Config // the base of every TLS connection's; nil: the defaults
}

// fastConn is one open connection.
type fastConn struct {
	addr   string
	tls    bool
	conn   net.Conn // what requests are written to and read from
	tcp    net.Conn // the TCP connection under it, which knows when data arrived
	reused bool     // it has served a request already
}

func newFastClient(ctx context.Context, timeout time.Duration) *fastClient {
	fc := &fastClient{timeout: timeout}
	fc.watch(ctx)
	return fc
}

// watch makes the end of ctx abort every request in flight.
func (fc *fastClient) watch(ctx context.Context) {
	if fc.watched == ctx {
		return
	}
	if fc.stop != nil {
		fc.stop()
	}
	fc.watched, fc.stop = ctx, nil
	if ctx.Done() != nil {
		fc.stop = context.AfterFunc(ctx, fc.abort)
	}
}

// abort cuts every connection's current and future reads and writes short.
func (fc *fastClient) abort() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, c := range fc.conns {
		c.conn.SetDeadline(time.Unix(1, 0))
	}
}

// roundTrip writes req on a connection to t and reads the response into
// resp. It returns when the request was written (zero if it never was) and
// when the response arrived (zero if the connection cannot tell). A
// kept-alive connection that the server has closed meanwhile is replaced
// once for an idempotent request.
func (fc *fastClient) roundTrip(ctx context.Context, t *target, req *fasthttp.Request, resp *fasthttp.Response) (wrote, arrived time.Time, err error) {
	fc.watch(ctx)
	c, err := fc.conn(ctx, t)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	wrote, err = c.exchange(ctx, req, resp, fc.timeout)
	if err != nil && c.reused && retryable(req, err) && ctx.Err() == nil {
		fc.drop(c)
		if c, err = fc.conn(ctx, t); err != nil {
			return wrote, time.Time{}, err
		}
		wrote, err = c.exchange(ctx, req, resp, fc.timeout)
	}
	arrived, _ = received(c.tcp)
	if err != nil || req.ConnectionClose() || resp.ConnectionClose() {
		fc.drop(c)
	} else {
		c.reused = true
	}
	return wrote, arrived, err
}

// conn returns the open connection to t's host, dialling one if needed.
func (fc *fastClient) conn(ctx context.Context, t *target) (*fastConn, error) {
	for _, c := range fc.conns {
		if c.addr == t.addr && c.tls == t.tls {
			return c, nil
		}
	}
	nc, tcp, err := dial(ctx, t, fc.timeout, fc.tlsConf)
	if err != nil {
		return nil, err
	}
	c := &fastConn{addr: t.addr, tls: t.tls, conn: nc, tcp: tcp}
	fc.mu.Lock()
	fc.conns = append(fc.conns, c)
	fc.mu.Unlock()
	if ctx.Err() != nil { // the test ended while dialling: abort may have missed it
		fc.abort()
	}
	return c, nil
}

// drop closes c and forgets it.
func (fc *fastClient) drop(c *fastConn) {
	c.conn.Close()
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for i, o := range fc.conns {
		if o == c {
			fc.conns = append(fc.conns[:i], fc.conns[i+1:]...)
			break
		}
	}
}

// close closes every connection and stops watching the context.
func (fc *fastClient) close() {
	if fc.stop != nil {
		fc.stop()
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, c := range fc.conns {
		c.conn.Close()
	}
	fc.conns = nil
}

// dialer connects the FastHTTP client's users; its timeout is the request's.
var dialer = net.Dialer{KeepAlive: 30 * time.Second}

// dial opens a connection to t, over TLS for https (HTTP/1.1 only), and
// returns it with the TCP connection under it.
func dial(ctx context.Context, t *target, timeout time.Duration, base *tls.Config) (conn, tcp net.Conn, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	nc, err := dialer.DialContext(ctx, "tcp", t.addr)
	if err != nil {
		return nil, nil, err
	}
	nc, _ = stamped(nc)
	if !t.tls {
		return nc, nc, nil
	}
	conf := &tls.Config{}
	if base != nil {
		conf = base.Clone()
	}
	conf.ServerName, conf.NextProtos = t.url.Hostname(), []string{"http/1.1"}
	tc := tls.Client(nc, conf)
	if err := tc.HandshakeContext(ctx); err != nil {
		nc.Close()
		return nil, nil, err
	}
	return tc, nc, nil
}

// exchange writes req and reads the response into resp, both within
// timeout, with buffers borrowed for the time of the exchange: an idle
// connection holds none. It returns when the writing began.
func (c *fastConn) exchange(ctx context.Context, req *fasthttp.Request, resp *fasthttp.Response, timeout time.Duration) (time.Time, error) {
	received(c.tcp) // forget the arrival of anything read before
	start := time.Now()
	if err := c.conn.SetDeadline(start.Add(timeout)); err != nil {
		return start, err
	}
	if err := ctx.Err(); err != nil { // the test ended: abort may have set its deadline before ours
		return start, err
	}
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(c.conn)
	err := req.Write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	writers.Put(bw)
	if err != nil {
		return start, err
	}
	resp.SkipBody = req.Header.IsHead()
	br := readers.Get().(*bufio.Reader)
	br.Reset(c.conn)
	err = resp.Read(br)
	if err == nil && br.Buffered() > 0 { // more than one response: do not trust this connection
		resp.SetConnectionClose()
	}
	br.Reset(nil)
	readers.Put(br)
	return start, err
}

// The buffers of requests in flight.
var (
	readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}
	writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}
)

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
		return fmt.Errorf("timeout after %s", timeout)
	}
	return err
}
