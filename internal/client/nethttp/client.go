package nethttp

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/monitor"
)

// Client is a user's net/http client: its own transport and cookie jar,
// and what makes a request cheap to send and to time: a request template
// carrying a context with the trace that notes when a request was written,
// and one timer that cancels that context when the request in flight runs
// past the timeout (a context with a deadline per request would cost
// several allocations and a timer each; see guard).
type Client struct {
	timed    *http.Client // without a Timeout: the timer bounds gust's requests
	public   *http.Client // the same transport and jar, with the Timeout, for Session.Client
	timeout  time.Duration
	tmpl     *http.Request                      // carries ctx; copied for each request
	from     context.Context                    // the user's context that ctx derives from
	cancel   atomic.Pointer[context.CancelFunc] // cancels ctx
	timer    *time.Timer                        // runs watch
	armed    atomic.Bool                        // the timer is set
	began    atomic.Int64                       // when the request in flight began, since epoch; 0: none
	timedOut atomic.Bool                        // the timer fired for the request in flight
	wrote    atomic.Int64                       // when the request was written, since epoch; 0 unknown
	conn     net.Conn                           // the connection of the request in flight (GotConn)
	buf      client.Body                        // the last response's body
	limit    int64                              // the most of a body kept (client.Options.BodyLimit)
	phase    atomic.Pointer[string]             // what the request in flight is doing (stats.Phase*)
	setup    setup                              // the set-up of a new connection, when the request made one
}

// epoch is what the write times of requests count from, on the monotonic
// clock.
var epoch = time.Now()

// New makes a user's net/http client. Its standard transport (https, where
// HTTP/2 may answer) has no idle timeout, for the reason http2.Transport
// gives: a user keeps its connections until it ends.
func New(opts client.Options) *Client {
	tr := &http.Transport{
		DialContext:            DialStamped,
		MaxIdleConnsPerHost:    4,
		TLSHandshakeTimeout:    10 * time.Second,
		MaxResponseHeaderBytes: client.MaxHeaderBytes,
		TLSClientConfig:        client.TLSConfig(opts.Insecure),
		ForceAttemptHTTP2:      true,
	}
	return newClient(opts, &h1Transport{std: tr}, tr)
}

// Over makes a user's net/http client whose requests all go through tr,
// with the same timing, timeout, body limit and cookie jar as New's: the
// HTTP/2 client (internal/client/http2) is net/http over a transport that
// speaks HTTP/2 only.
func Over(opts client.Options, tr *http.Transport) *Client {
	return newClient(opts, tr, tr)
}

// newClient makes a client that times its requests through timed and
// serves Session.Client through tr.
func newClient(opts client.Options, timed http.RoundTripper, tr *http.Transport) *Client {
	jar := new(lazyJar)
	c := &Client{timed: &http.Client{Transport: timed, Jar: jar},
		public: &http.Client{Transport: tr, Jar: jar, Timeout: opts.Timeout}, timeout: opts.Timeout,
		limit: opts.BodyLimit()}
	c.timer = time.AfterFunc(time.Hour, c.watch)
	c.timer.Stop() // set by the first request (guard)
	return c
}

// request returns a new request of the session's context, to fill in.
func (c *Client) request(ctx context.Context) *http.Request {
	if c.tmpl == nil || c.from != ctx || c.tmpl.Context().Err() != nil {
		c.renew(ctx)
	}
	req := new(http.Request)
	*req = *c.tmpl
	return req
}

// renew derives a new request context from ctx: at the start, after a
// timeout cancelled the last one, or when the session's context changed.
func (c *Client) renew(ctx context.Context) {
	c.stop()
	trace := &httptrace.ClientTrace{GotConn: c.gotConn, WroteRequest: c.wroteRequest,
		ConnectStart: c.setup.connectStart, ConnectDone: c.setup.connectDone,
		TLSHandshakeStart: c.setup.tlsStart, TLSHandshakeDone: c.setup.tlsDone}
	rctx, cancel := context.WithCancel(httptrace.WithClientTrace(ctx, trace))
	c.tmpl, _ = http.NewRequestWithContext(rctx, http.MethodGet, "/", nil)
	c.from = ctx
	c.cancel.Store(&cancel)
}

// stop cancels the current request context, if any.
func (c *Client) stop() {
	if cancel := c.cancel.Load(); cancel != nil {
		(*cancel)()
	}
}

// gotConn notes the connection a request goes out on (in the user's
// goroutine), to ask it later when the response arrived.
func (c *Client) gotConn(info httptrace.GotConnInfo) {
	c.conn = info.Conn
	client.Sent(c.conn) // forget writes before this request's
	c.phase.Store(&phaseSend)
}

// dialer connects the net/http client's users.
var dialer = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}

// DialStamped dials a connection that knows when its data arrived (see
// client.Stamped), for http.Transport.DialContext.
func DialStamped(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := dialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c, _ = client.Stamped(c)
	return c, nil
}

// wroteRequest notes the first time a request was written: a redirect's
// later hops do not move the start. The transport calls it from its own
// goroutine.
func (c *Client) wroteRequest(httptrace.WroteRequestInfo) {
	c.wrote.CompareAndSwap(0, max(int64(time.Since(epoch)), 1))
	c.phase.Store(&phaseResponse)
}

// do sends req, begun at start, and reads the body into buf, within the
// timeout: the first c.limit bytes kept, the rest counted in size and
// dropped.
func (c *Client) do(req *http.Request, start time.Time, buf *client.Body) (hr *http.Response, size int64, cut bool, err error) {
	c.wrote.Store(0)
	c.timedOut.Store(false)
	c.conn = nil
	c.phase.Store(&phaseConnect)
	c.setup.reset()
	c.guard(start)
	defer c.began.Store(0)
	hr, err = c.timed.Do(req)
	if err != nil {
		return nil, 0, false, c.failure(err)
	}
	c.phase.Store(&phaseBody)
	size, cut, err = buf.Fill(hr.Body, c.limit)
	hr.Body.Close()
	return hr, size, cut, c.failure(err)
}

// guard bounds the request begun at start by the timeout. The timer is
// set only when it is not: once set, it looks at the request in flight when
// it fires (watch), and sets itself again for what is left of that
// request's time. Resetting and stopping it for every request would move it
// in a processor's timer heap twice per request.
func (c *Client) guard(start time.Time) {
	c.began.Store(max(int64(start.Sub(epoch)), 1))
	if c.armed.CompareAndSwap(false, true) {
		c.timer.Reset(c.timeout)
	}
}

// watch is the timer's: it cancels the request in flight when that has run
// past the timeout, sets the timer again for the rest of its time when it
// has not, and leaves the timer unset when no request is in flight. It
// runs in the timer's goroutine; the order of armed and began against
// guard's makes one of the two set the timer for a request that began
// meanwhile.
func (c *Client) watch() {
	c.armed.Store(false)
	b := c.began.Load()
	if b == 0 {
		return
	}
	left := c.timeout - (time.Since(epoch) - time.Duration(b))
	if left <= 0 {
		c.timedOut.Store(true)
		c.stop()
		return
	}
	if c.armed.CompareAndSwap(false, true) {
		c.timer.Reset(left)
	}
}

// failure turns a client error into a failure text without the URL, so
// failures of /item?id=1 and /item?id=2 group together.
func (c *Client) failure(err error) error {
	if err == nil {
		return nil
	}
	if c.timedOut.Load() || errors.Is(err, context.DeadlineExceeded) {
		return client.Timeout(c.timeout)
	}
	return client.TransportError(err, c.timeout)
}

// took is how long the request took until its response arrived (or was
// read, when the connection cannot tell), from when it was written (or from
// start, when that is not known); and when it ended. When it was written is
// when the connection's first write since GotConn began, where the
// connection knows (see client.Sent), and the trace's WroteRequest
// otherwise: net/http's HTTP/2 and TLS transports call that from their own
// goroutine once it runs again after the write, which can be long after, on
// a busy machine even after the response arrived, and a late call from the
// last request's can come during this one. Only a response that arrived
// whole (ok) ends when its data arrived: the last data a failed request's
// connection received may be anything (an HTTP/2 SETTINGS frame, minutes
// before a cancellation), and is no delay of the generator's.
func (c *Client) took(start, read time.Time, ok bool) (time.Duration, time.Time) {
	if c.conn != nil {
		if s, ok := client.Sent(c.conn); ok && !s.Before(start) && !s.After(read) {
			c.wrote.Store(max(int64(s.Sub(epoch)), 1))
		}
	}
	if w := c.wrote.Load(); w != 0 {
		start = epoch.Add(time.Duration(w))
	}
	end := read
	if c.conn != nil {
		if at, known := client.Received(c.conn); ok && known && at.After(start) && !at.After(read) {
			monitor.ObserveReceive(read.Sub(at))
			end = at
		}
	}
	return end.Sub(start), end
}

// Close stops the timer and closes the connections.
func (c *Client) Close() {
	c.timer.Stop()
	c.stop()
	c.timed.CloseIdleConnections()
}
