// Package http2 is gust's HTTP/2 client (gust.HTTP2): the net/http client
// of internal/client/nethttp (its timing, timeout, cookie jar) over a
// transport that speaks HTTP/2 only, Go's own (http.Transport.Protocols):
// over TLS by ALPN, and over http:// in cleartext with prior knowledge
// (h2c). Each user has its own transport, so its own connection per host,
// on which its requests follow one another as streams.
//
// A server that does not speak HTTP/2 fails the requests (a TLS server that
// offers only http/1.1, or a cleartext one that does not understand the
// HTTP/2 preface): HTTP2 asks for HTTP/2, and never falls back silently.
//
// May import: internal/client, internal/client/nethttp.
package http2
