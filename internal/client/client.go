package client

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// A Client sends one user's requests over one wire protocol and times their
// responses. A Session holds one, made on its first request, and only the
// user's goroutine calls it. A protocol is a package under internal/client
// whose New returns a Client, and one line in the root package's table of
// clients (client.go there).
type Client interface {
	// Do sends r and returns its response, timed from when the request
	// was written until its last bytes arrived. A transport error, a
	// timeout or a status of 400 or above is in Response.Err, never a
	// panic. The response's Body and Header are the client's own, valid
	// until its next Do; r is the session's, reused for the next request.
	Do(ctx context.Context, r *Request) Response
	// Close closes the client's connections; it is called once, when the
	// user ends.
	Close()
}

// Options are what a Session gives the client it makes: the same for every
// protocol.
type Options struct {
	// Timeout bounds every request (the User's Timeout).
	Timeout time.Duration
	// Insecure accepts any TLS certificate (User.InsecureSkipVerify).
	Insecure bool
	// UserAgent is the User-Agent a client sends when the request has none
	// (clients that add one: net/http sends its own default).
	UserAgent string
	// MaxBody is the most of a response body the client keeps in memory:
	// 0 means DefaultMaxBody, below 0 none. The rest is read, counted in
	// Response.Size and dropped (see Body.Fill).
	MaxBody int64
	// Record reports a sample through the session, corrected for
	// coordinated omission as its HTTP requests are. A protocol whose
	// exchanges are not one request and one response (gRPC streams,
	// WebSocket messages) records its own samples with it; the HTTP
	// clients return a Response and let the session record it.
	Record func(stats.Sample)
}

// A Request is what a Session asks its client to send. A session reuses one
// for all its requests.
type Request struct {
	Method string
	Target *Target   // where to, resolved against the session's host
	Body   io.Reader // nil for none
	Header []string  // key, value, key, value...: set on the request, in order
	// HTTP, when not nil, is a request the caller built (Session.Do): the
	// client sends it as it is, with Header added, in the session's
	// context; Method, Target and Body are unused.
	HTTP *http.Request
}

// A Response is the outcome of one request, timed.
type Response struct {
	StatusCode int         // 0 when no response arrived
	Status     string      // e.g. "200 OK"
	Proto      string      // the protocol that answered: "HTTP/1.1" or "HTTP/2.0"; "" when none did
	Header     http.Header // valid until the client's next Do
	Body       []byte      // the whole body; valid until the client's next Do
	// Duration runs from when the request was written until its response
	// arrived (see the package documentation).
	Duration time.Duration
	// End is when the response arrived (zero when none did): the sample's
	// end, from which the generator's own delay in reading it is counted.
	End time.Time
	// Err is why the request failed, or nil.
	Err error
	// Size is how many body bytes arrived: more than len(Body) when the
	// body was longer than Options.MaxBody.
	Size int64
	// Cut says that Body holds only the first Options.MaxBody bytes of
	// the body: the rest was read and dropped.
	Cut bool
	// Phase is what the request was doing when it failed (stats.Phase*):
	// connecting, sending, waiting for the response or reading its body;
	// "" when it did not fail.
	Phase string
	// Connect is the set-up of the new connection the request opened, if
	// it opened one (Connect.Addr is "" when it did not): not part of
	// Duration, which starts when the request was written.
	Connect Connect
}

// Connect is the set-up of one new connection: how long the dial (TCP)
// and the TLS handshake took.
type Connect struct {
	Addr string        // the host:port dialled; "" for none
	TLS  bool          // https: Handshake is meaningful
	Dial time.Duration // from the start of the dial until it connected
	// Handshake is the TLS handshake, after the dial.
	Handshake time.Duration
}

// The phases of a request, for Response.Phase: what it was doing when it
// failed, as stats.Waits counts the requests cut short.
const (
	PhaseConnect  = stats.PhaseConnect
	PhaseSend     = stats.PhaseSend
	PhaseResponse = stats.PhaseResponse
	PhaseBody     = stats.PhaseBody
)
