// Package fastclient is gust's own HTTP/1.1 client over fasthttp's request
// and response types (gust.FastHTTP, as Locust's FastHttpUser): one
// keep-alive connection per user and host driven by the user's goroutine
// alone, buffers borrowed only while a request is in flight, and no
// allocation per request. It is named fastclient, not fasthttp, so as not
// to hide the library it builds on.
//
//	client.go   Client and Do: request line and headers, redirects, timing
//	conn.go     connections: dialling, TLS, reads that watch the context
//	header.go   response headers as an http.Header, reused when unchanged
//	cookies.go  the user's cookie jar
//
// May import: internal/client, internal/monitor.
package fastclient
