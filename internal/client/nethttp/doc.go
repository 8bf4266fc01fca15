// Package nethttp is the net/http client of gust (gust.NetHTTP, the
// default): an *http.Client per user with its cookie jar, redirects
// followed, gzip asked for and undone. Plain-HTTP requests go over a
// kept-alive HTTP/1.1 connection per host that the user's own goroutine
// writes and reads with net/http's Request.Write and ReadResponse
// (transport.go); https goes through http.Transport, which speaks HTTP/2
// where the server offers it. A request is timed from the trace's
// WroteRequest to the kernel's receive time of the response.
//
//	client.go     Client: its transport, jar, request template and timer
//	send.go       Do: one request, timed; request bodies
//	transport.go  the HTTP/1.1 transport driven by the user's goroutine
//	jar.go        the cookie jar, made when the first cookie is set
//
// May import: internal/client, internal/monitor.
package nethttp
