package gust

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/client"
)

// DefaultTimeout bounds an HTTP request when the User sets no Timeout.
const DefaultTimeout = 60 * time.Second

// A Response is the outcome of one HTTP request made through a Session.
type Response struct {
	StatusCode int         // 0 when no response arrived
	Status     string      // e.g. "200 OK"
	Proto      string      // the protocol that answered: "HTTP/1.1" or "HTTP/2.0" ("" when none did)
	Header     http.Header // response headers (with FastHTTP, valid until the session's next request)
	Body       []byte      // the whole body; valid until the session's next request
	// Duration runs from when the request was written to the connection
	// (after any wait for a connection or a dial) until the body was read:
	// the server's time, not the time the user spent waiting to run.
	Duration time.Duration
	// Err is why the request counts as failed (a transport error, a timeout,
	// a status of 400 or above, or what a Check returned); nil on success.
	Err error
	// Size is the length of the body as it arrived, which the statistics
	// count: more than len(Body) when Truncated.
	Size int64
	// Truncated says that the body was longer than User.MaxBody (16 MB by
	// default): Body holds its beginning, the rest was read and dropped.
	Truncated bool
}

// OK reports whether the request succeeded.
func (r *Response) OK() bool { return r.Err == nil }

// Text returns the body as a string (a copy, valid after the next request).
func (r *Response) Text() string { return string(r.Body) }

// JSON decodes the body into v.
func (r *Response) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// StatusError is the failure of a response whose status is 400 or above.
type StatusError = client.StatusError

// ErrNoHost is the failure of a relative path when no host is known.
var ErrNoHost = client.ErrNoHost
