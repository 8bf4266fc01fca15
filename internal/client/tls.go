package client

import "crypto/tls"

// TLSConfig is the TLS configuration a client starts from: nil (the
// defaults, which verify certificates), or with insecure one that skips the
// verification. A new one each time: http.Transport adds "h2" to it.
func TLSConfig(insecure bool) *tls.Config {
	if !insecure {
		return nil
	}
	return &tls.Config{InsecureSkipVerify: true}
}
