package nethttp

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gustload/gust/internal/client"
)

// Do sends r, reads the whole body into the client's buffer and times it
// from when the request was written (the trace's WroteRequest), so neither
// the wait for a connection nor the hand-over to the transport's goroutines
// counts.
func (c *Client) Do(ctx context.Context, r *client.Request) client.Response {
	req := c.request(ctx)
	if r.HTTP != nil {
		rctx := req.Context()
		*req = *r.HTTP
		req = req.WithContext(rctx)
	} else {
		req.Method, req.URL, req.Host = r.Method, r.Target.URL, r.Target.URL.Host
		req.Header = make(http.Header, len(r.Header)/2)
		setBody(req, r.Body)
	}
	for i := 0; i < len(r.Header); i += 2 {
		req.Header.Set(r.Header[i], r.Header[i+1])
	}
	return c.send(req)
}

// send performs req and times it.
func (c *Client) send(req *http.Request) client.Response {
	start := time.Now()
	hr, size, cut, err := c.do(req, start, &c.buf)
	took, end := c.took(start, time.Now(), err == nil)
	resp := client.Response{Duration: took, End: end, Err: err, Size: size, Cut: cut, Connect: c.setup.connect()}
	if err != nil {
		resp.Phase = *c.phase.Load()
	}
	if hr != nil {
		resp.StatusCode, resp.Status, resp.Header, resp.Body = hr.StatusCode, hr.Status, hr.Header, c.buf.Bytes()
		resp.Proto = hr.Proto
		if err == nil {
			resp.Err = client.StatusFailure(hr.StatusCode)
		}
	}
	return resp
}

// HTTP returns the user's own net/http client (its connections and
// cookies, with the User's Timeout), for requests gust should not time or
// record: Session.Client.
func (c *Client) HTTP() *http.Client { return c.public }

// setBody gives req its body, as http.NewRequest does: with its length and
// a way to have it again (for a redirect or a retry) for the readers whose
// content is known.
func setBody(req *http.Request, body io.Reader) {
	if body == nil {
		return
	}
	rc, ok := body.(io.ReadCloser)
	if !ok {
		rc = io.NopCloser(body)
	}
	req.Body, req.ContentLength = rc, -1 // unknown: chunked
	switch b := body.(type) {
	case *bytes.Buffer:
		content := b.Bytes()
		req.ContentLength = int64(len(content))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }
	case *bytes.Reader:
		snapshot := *b
		req.ContentLength = int64(b.Len())
		req.GetBody = func() (io.ReadCloser, error) { r := snapshot; return io.NopCloser(&r), nil }
	case *strings.Reader:
		snapshot := *b
		req.ContentLength = int64(b.Len())
		req.GetBody = func() (io.ReadCloser, error) { r := snapshot; return io.NopCloser(&r), nil }
	}
	if req.ContentLength == 0 {
		req.Body, req.GetBody = http.NoBody, nil
	}
}
