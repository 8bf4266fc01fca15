// Package nethttp is the net/http client of gust (gust.NetHTTP, the
// default): an *http.Client per user with its cookie jar, redirects
// followed, gzip asked for and undone. Plain-HTTP requests go over a
// kept-alive HTTP/1.1 connection per host that the user's own goroutine
// writes and reads (transport.go): the common requests and response heads
// by gust's own writer and reader, which fuzz tests hold to the same bytes
// and the same responses as net/http's, the others with net/http's
// Request.Write and ReadResponse. https goes through http.Transport, which
// speaks HTTP/2 where the server offers it. A request is timed from the
// trace's WroteRequest to the kernel's receive time of the response.
//
//	client.go     Client: its transport, jar, request template and timer
//	send.go       Do: one request, timed; request bodies
//	transport.go  the HTTP/1.1 transport driven by the user's goroutine
//	h1write.go    the common requests, written as Request.Write would
//	h1head.go     the common response heads, read as ReadResponse would
//	jar.go        the cookie jar, made when the first cookie is set
//
// May import: internal/client, internal/monitor.
package nethttp
