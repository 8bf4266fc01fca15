package http2

import (
	"net/http"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/client/nethttp"
)

// New makes a user's HTTP/2 client.
func New(opts client.Options) *nethttp.Client {
	return nethttp.Over(opts, Transport(opts.Insecure))
}

// Transport returns a transport that speaks HTTP/2 only: h2 over TLS
// (accepting any certificate when insecure) and h2c over plain TCP, on
// connections that note when their data arrived.
//
// It has no idle timeout: a user keeps its connection until it ends. With
// one, net/http's HTTP/2 client (Go 1.26) sets the idle timer again when
// the last stream of a connection whose reader has ended is forgotten, and
// the timer then holds the dead connection, about 10 KB, for the whole
// timeout: against a target that resets every connection, memory grew by
// tens of megabytes a second.
func Transport(insecure bool) *http.Transport {
	var p http.Protocols
	p.SetHTTP2(true)
	p.SetUnencryptedHTTP2(true)
	return &http.Transport{
		Protocols:              &p,
		DialContext:            nethttp.DialStamped,
		TLSClientConfig:        client.TLSConfig(insecure),
		TLSHandshakeTimeout:    10 * time.Second,
		MaxIdleConnsPerHost:    1,
		MaxResponseHeaderBytes: client.MaxHeaderBytes,
	}
}
