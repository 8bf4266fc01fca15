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
func Transport(insecure bool) *http.Transport {
	var p http.Protocols
	p.SetHTTP2(true)
	p.SetUnencryptedHTTP2(true)
	return &http.Transport{
		Protocols:              &p,
		DialContext:            nethttp.DialStamped,
		TLSClientConfig:        client.TLSConfig(insecure),
		TLSHandshakeTimeout:    10 * time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConnsPerHost:    1,
		MaxResponseHeaderBytes: client.MaxHeaderBytes,
	}
}
