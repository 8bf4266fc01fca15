package nethttp

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"

	"github.com/gustload/gust/internal/client"
)

// maxIdlePerHost bounds the kept-alive connections of a user to one host
// (a user that leaves response bodies unread may have opened more).
const maxIdlePerHost = 4

// h1Transport is the net/http client's transport. Plain-HTTP requests go
// over a kept-alive HTTP/1.1 connection per host that the user's own
// goroutine writes and reads, with quickWrite and quickHead where they can
// and net/http's Request.Write and ReadResponse where they cannot:
// none of the two goroutines per connection and four hand-overs per request
// of http.Transport, and no buffers held by an idle connection. Everything
// else (https, where HTTP/2 may answer; Expect: 100-continue) goes to the
// standard transport. Like http.Transport it asks for gzip and decompresses
// (unless the request says otherwise), retries an idempotent request once
// when a kept-alive connection turns out closed, and calls the request's
// httptrace hooks GotConn and WroteRequest. Only the user's goroutine uses
// it, except abort, which the end of the request's context calls.
type h1Transport struct {
	std *http.Transport

	conns   []*h1Conn // changed by the user's goroutine only, under mu
	mu      sync.Mutex
	watched context.Context // the context whose end aborts the connections
	stop    func() bool     // stops watching it
	aborted atomic.Bool     // abort closed the connections: forget them
}

// h1Conn is one connection to addr; busy while a response body is unread.
type h1Conn struct {
	addr   string
	conn   net.Conn
	send   client.Sender // what requests are written to
	reused bool
	busy   bool
	head   headLimit // the reader of the response's head, which it bounds
}

// gzipOnly is the Accept-Encoding the transport asks with.
var gzipOnly = []string{"gzip"}

// RoundTrip sends req and returns its response, whose body keeps the
// connection until it is read to its end or closed.
func (t *h1Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "http" || first(req.Header, "Expect") != "" {
		return t.std.RoundTrip(req)
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		closeBody(req)
		return nil, err
	}
	t.watch(ctx)
	if t.aborted.Swap(false) {
		t.forget()
	}
	c, err := t.conn(ctx, client.HostPort(req.URL))
	if err != nil {
		closeBody(req)
		return nil, err
	}
	resp, err := t.exchange(c, req)
	if err != nil && c.reused && replayable(req) && ctx.Err() == nil {
		t.drop(c)
		if req, err = rewound(req); err != nil {
			return nil, err
		}
		if c, err = t.conn(ctx, c.addr); err != nil {
			closeBody(req)
			return nil, err
		}
		resp, err = t.exchange(c, req)
	}
	if err != nil {
		t.drop(c)
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, err
	}
	return resp, nil
}

// exchange writes req on c and reads the response's head; the body is read
// later, from the same buffer, by whoever reads resp.Body.
func (t *h1Transport) exchange(c *h1Conn, req *http.Request) (*http.Response, error) {
	trace := httptrace.ContextClientTrace(req.Context())
	if trace != nil && trace.GotConn != nil {
		trace.GotConn(httptrace.GotConnInfo{Conn: c.conn, Reused: c.reused})
	}
	gz := !t.std.DisableCompression && req.Method != http.MethodHead &&
		first(req.Header, "Accept-Encoding") == "" && first(req.Header, "Range") == ""
	if gz {
		req.Header["Accept-Encoding"] = gzipOnly // taken out again below: the caller's request is not changed
	}
	bw := client.Writer(&c.send)
	quick, err := quickWrite(bw, req, trace)
	if !quick {
		err = req.Write(bw)
	}
	if err == nil {
		err = c.send.Flush(bw)
	}
	if gz {
		delete(req.Header, "Accept-Encoding")
	}
	if trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{Err: err})
	}
	var resp *http.Response
	if err == nil {
		resp, err = t.readResponse(c, req, gz)
	}
	client.PutWriter(bw) // only now: the request's last piece went out with the first read
	return resp, c.send.Done(err)
}

// readResponse reads the response to req on c, with a borrowed buffer that
// the body gives back at its end.
func (t *h1Transport) readResponse(c *h1Conn, req *http.Request, gz bool) (*http.Response, error) {
	c.head = headLimit{r: c.conn, left: client.MaxHeaderBytes}
	br := client.Reader(&c.head)
	resp, err := readHead(br, req)
	if err != nil {
		client.PutReader(br)
		return nil, err
	}
	c.head.left = -1 // the body is not limited here
	c.busy, c.reused = true, true
	resp.Body = &h1Body{rc: resp.Body, left: resp.ContentLength, t: t, c: c, br: br, last: req.Close || resp.Close}
	if gz && first(resp.Header, "Content-Encoding") == "gzip" {
		resp.Body = &gzipBody{body: resp.Body}
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength, resp.Uncompressed = -1, true
	}
	return resp, nil
}

// readHead reads the head of the response to req: quickly when it is all
// in br's buffer and in the common form (quickHead), with http.ReadResponse
// otherwise. The response's Body is nil when the next ContentLength bytes
// of br are its body (h1Body reads them).
func readHead(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	if _, err := br.Peek(1); err != nil { // as ReadResponse would fail
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if resp, size, ok := quickHead(br, req); ok {
		br.Discard(size)
		if resp.Body == nil && resp.ContentLength < 0 {
			resp.Body = newChunkedBody(br, resp)
		}
		return resp, nil
	}
	return http.ReadResponse(br, req)
}

// conn returns an idle connection to addr, dialling one if there is none.
func (t *h1Transport) conn(ctx context.Context, addr string) (*h1Conn, error) {
	for _, c := range t.conns {
		if c.addr == addr && !c.busy {
			return c, nil
		}
	}
	trace := httptrace.ContextClientTrace(ctx)
	if trace != nil && trace.ConnectStart != nil {
		trace.ConnectStart("tcp", addr)
	}
	nc, err := DialStamped(ctx, "tcp", addr)
	if trace != nil && trace.ConnectDone != nil {
		trace.ConnectDone("tcp", addr, err)
	}
	if err != nil {
		return nil, err
	}
	c := &h1Conn{addr: addr, conn: nc, send: client.NewSender(nc, nc)}
	t.mu.Lock()
	t.conns = append(t.conns, c)
	t.mu.Unlock()
	if ctx.Err() != nil { // ended while dialling: abort may have missed c
		t.abort()
	}
	return c, nil
}

// release ends c's response: it stays for the next request, or is closed.
func (t *h1Transport) release(c *h1Conn, keep bool) {
	c.busy = false
	if !keep || t.idle(c.addr) > maxIdlePerHost {
		t.drop(c)
	}
}

func (t *h1Transport) idle(addr string) int {
	n := 0
	for _, c := range t.conns {
		if c.addr == addr && !c.busy {
			n++
		}
	}
	return n
}

// drop closes c and forgets it.
func (t *h1Transport) drop(c *h1Conn) {
	c.conn.Close()
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, o := range t.conns {
		if o == c {
			t.conns = append(t.conns[:i], t.conns[i+1:]...)
			return
		}
	}
}

// watch makes the end of ctx abort the requests in flight.
func (t *h1Transport) watch(ctx context.Context) {
	if t.watched == ctx {
		return
	}
	if t.stop != nil {
		t.stop()
	}
	t.watched, t.stop = ctx, nil
	if ctx.Done() != nil {
		t.stop = context.AfterFunc(ctx, t.abort)
	}
}

// abort closes every connection, from the goroutine of the context's end:
// what was in flight fails at once, and the user's next request forgets them.
func (t *h1Transport) abort() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.conns {
		c.conn.Close()
	}
	t.aborted.Store(true)
}

// forget closes and forgets every connection, in the user's goroutine.
func (t *h1Transport) forget() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.conns {
		c.conn.Close()
	}
	t.conns = nil
}

// CloseIdleConnections closes every connection, of both transports.
func (t *h1Transport) CloseIdleConnections() {
	if t.stop != nil {
		t.stop()
	}
	t.forget()
	t.std.CloseIdleConnections()
}

// first is h.Get(key) for a key already canonical, without canonicalizing
// it again on every request.
func first(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// replayable says whether req may be sent again on a fresh connection: it
// is idempotent and its body (if any) can be had again.
func replayable(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
	default:
		return false
	}
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// rewound returns req with its body from the start again, for a retry: a
// copy with a new body from GetBody, the caller's request unchanged.
func rewound(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	again := new(http.Request)
	*again = *req
	again.Body = body
	return again, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// h1Body is a response body that gives its connection back at its end.
type h1Body struct {
	rc   io.ReadCloser // the body ReadResponse made; nil: the next left bytes of br
	left int64
	t    *h1Transport
	c    *h1Conn
	br   *bufio.Reader
	last bool // the connection closes after this response
	done bool
}

func (b *h1Body) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	var n int
	var err error
	if b.rc != nil {
		n, err = b.rc.Read(p)
	} else {
		n, err = b.readFixed(p)
	}
	if err != nil {
		b.finish(errors.Is(err, io.EOF))
	}
	return n, err
}

// readFixed reads the body of known length that quickHead left in br, as
// ReadResponse's body does: a connection that ends before it is an
// unexpected EOF.
func (b *h1Body) readFixed(p []byte) (int, error) {
	n, err := b.br.Read(p[:min(int64(len(p)), b.left)])
	b.left -= int64(n)
	switch {
	case b.left == 0:
		return n, io.EOF
	case err == io.EOF:
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// Close reads what is left of the body (as net/http does for a response it
// did not make itself, unless the connection closes after it) and gives
// the connection back.
func (b *h1Body) Close() error {
	if b.done {
		return nil
	}
	var err error
	switch {
	case b.rc != nil:
		err = b.rc.Close()
	case !b.last:
		if _, err = b.br.Discard(int(b.left)); err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
	}
	b.finish(err == nil)
	return err
}

// finish ends the body: the buffer goes back to its pool, the connection
// stays if it can serve another request.
func (b *h1Body) finish(clean bool) {
	b.done = true
	keep := clean && !b.last && b.br.Buffered() == 0
	client.PutReader(b.br)
	b.t.release(b.c, keep)
}

// gzipBody decompresses a body the server gzipped because it was asked to.
type gzipBody struct {
	body io.ReadCloser
	zr   *gzip.Reader
	err  error
}

func (g *gzipBody) Read(p []byte) (int, error) {
	if g.zr == nil && g.err == nil {
		g.zr, g.err = gzip.NewReader(g.body)
	}
	if g.err != nil {
		return 0, g.err
	}
	return g.zr.Read(p)
}

func (g *gzipBody) Close() error { return g.body.Close() }

// headLimit bounds what a response's head may read from its connection to
// client.MaxHeaderBytes, as http.Transport does (MaxResponseHeaderBytes);
// left < 0 reads without bound (the body).
type headLimit struct {
	r    io.Reader
	left int64
}

// errHeadTooLarge fails a response whose head is larger than
// client.MaxHeaderBytes.
var errHeadTooLarge = fmt.Errorf("gust: the response headers are larger than %d KB", client.MaxHeaderBytes>>10)

func (h *headLimit) Read(p []byte) (int, error) {
	if h.left < 0 {
		return h.r.Read(p)
	}
	if h.left == 0 {
		return 0, errHeadTooLarge
	}
	n, err := h.r.Read(p[:min(int64(len(p)), h.left)])
	h.left -= int64(n)
	return n, err
}
