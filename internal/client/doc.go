// Package client is the seam between a Session and the wire protocols: the
// Client interface every protocol's client implements (send a request, get
// a timed response, close), the Request and Response a Session exchanges
// with it, and what the clients share: target resolution (Targets), the TLS
// configuration, the shaping of transport errors and failing statuses, the
// pooled buffers of requests in flight, and the kernel's receive times.
//
// Every client times a response the same way: from when its request was
// written until its last bytes arrived. On Linux the arrival is the
// kernel's receive time of those bytes (SO_TIMESTAMPNS, see Stamped and
// Received), so a busy generator's delay in reading them is not counted in
// the response time; the clients report that delay to internal/monitor as
// the generator's own.
//
// Every client also keeps a body only up to Options.MaxBody (Body.Fill: the
// rest is read, counted in Response.Size and dropped), accepts response
// heads up to MaxHeaderBytes, says in Response.Phase what a failed request
// was doing (so that one cut short by the end of the test is counted as
// interrupted in that phase), and times the set-up of each new connection
// apart from the request (Response.Connect), whose Duration keeps starting
// when the request was written.
//
// A protocol is a package under internal/client whose New(Options) returns
// a Client, and one line in the root package's table of clients
// (client.go). Protocols that are not one request and one response (gRPC
// streams, WebSocket messages) record their samples themselves through
// Options.Record, which corrects them for coordinated omission as the
// session does for HTTP.
//
//	client.go         Client, Options, Request, Response
//	target.go         Target, Targets: paths resolved against the host
//	status.go         StatusError, status lines; errors.go: transport errors
//	tls.go, pool.go   TLS configuration; buffered readers and writers
//	stamp_*.go        receive times from the kernel (Linux), none elsewhere
//	sender.go         Sender: a request's last piece written by the read of its response
//
// May import: internal/stats.
package client
