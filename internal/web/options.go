package web

import (
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"
	"time"
)

// Options configure a Server. The zero value is usable: it listens on
// 127.0.0.1:8089 with no login and no TLS.
type Options struct {
	// Host is the address to listen on (--web-host). The default, 127.0.0.1,
	// reaches only this machine; "0.0.0.0" or "::" opens the UI to the
	// network, which should then get a Login and TLS.
	Host string
	// Port is the TCP port (--web-port); 0 means 8089. Use -1 for any free
	// port (tests).
	Port int
	// Login protects every page and endpoint (--web-login): "user:password"
	// for HTTP Basic authentication, or a token without a colon, accepted as
	// "Authorization: Bearer TOKEN" or as the password of any user name.
	Login string
	// TLSCert and TLSKey are PEM files (--tls-cert, --tls-key); with both set
	// the UI is served over HTTPS.
	TLSCert string
	TLSKey  string
	// Defaults pre-fill the start form (from -u, -r, -t and -H).
	Defaults StartRequest
	// HistoryInterval is how often the per-endpoint chart history is sampled
	// while a test runs; 0 means 5 s.
	HistoryInterval time.Duration
	// Title names the test in the page and the report (the program name).
	Title string
	// Version is gust's version, shown in the page footer and the report.
	Version string
	// BasePath serves the UI under a path such as "/gust" (--web-base-path),
	// for a reverse proxy that forwards that path unchanged; "" or "/"
	// serves it at the root. The page's own links are relative, so a proxy
	// that strips its prefix needs no base path at all.
	BasePath string
	// HistoryCSV is the history file of --csv PREFIX --csv-full-history,
	// which GET /stats/requests_full_history/csv serves; "" makes that a
	// 404 and leaves its link out of the page.
	HistoryCSV string
	// ClassPicker lets the start form (and POST /swarm's user_classes)
	// choose which of Kinds a new test runs (--class-picker).
	ClassPicker bool
	// Kinds are the user kinds the class picker offers, in order.
	Kinds []string
	// URLs are the URLs of URL mode as given ("http://127.0.0.1:8080/a@3"
	// for a weight), which the start form lists and whose hosts the header
	// shows; nil without URL mode.
	URLs []string
	// Wait is URL mode's --wait as given ("1s", "500ms-1.5s"); "" when its
	// users do not wait, which the start form then says plainly.
	Wait string
}

// basePath is o.BasePath without its trailing slash ("" for the root), or
// an error naming --web-base-path.
func (o Options) basePath() (string, error) {
	p := strings.TrimRight(o.BasePath, "/")
	switch {
	case o.BasePath == "" || p == "":
		return "", nil
	case p[0] != '/' || strings.ContainsAny(p, "?#{} \t") || path.Clean(p) != p:
		return "", fmt.Errorf("gust: --web-base-path %q: want a clean path that starts with /, such as /gust", o.BasePath)
	}
	return p, nil
}

// DefaultPort is the port the UI listens on unless told otherwise, Locust's.
const DefaultPort = 8089

// ErrLogin reports a --web-login value that can't be used.
var ErrLogin = errors.New("gust: --web-login: want user:password (both non-empty) or a token without a colon")

// credentials is a parsed Login, kept as hashes so comparing them takes the
// same time whatever the input.
type credentials struct {
	user, pass [sha256.Size]byte
	token      bool // any user name, the secret as password or bearer token
}

// parseLogin parses an Options.Login; nil means no login is required.
func parseLogin(s string) (*credentials, error) {
	if s == "" {
		return nil, nil
	}
	user, pass, hasColon := strings.Cut(s, ":")
	if !hasColon {
		return &credentials{pass: sha256.Sum256([]byte(s)), token: true}, nil
	}
	if user == "" || pass == "" {
		return nil, ErrLogin
	}
	return &credentials{user: sha256.Sum256([]byte(user)), pass: sha256.Sum256([]byte(pass))}, nil
}

// addr is the host:port to listen on.
func (o Options) addr() (string, error) {
	host := o.Host
	if host == "" {
		host = "127.0.0.1"
	}
	port := o.Port
	switch {
	case port == 0:
		port = DefaultPort
	case port == -1:
		port = 0
	case port < 0 || port > 65535:
		return "", fmt.Errorf("gust: --web-port %d: want a TCP port from 1 to 65535", o.Port)
	}
	return net.JoinHostPort(host, strconv.Itoa(port)), nil
}

// tlsConfig loads the certificate, or returns nil when TLS is off.
func (o Options) tlsConfig() (*tls.Config, error) {
	if o.TLSCert == "" && o.TLSKey == "" {
		return nil, nil
	}
	if o.TLSCert == "" || o.TLSKey == "" {
		return nil, errors.New("gust: --tls-cert and --tls-key: give both files or neither")
	}
	cert, err := tls.LoadX509KeyPair(o.TLSCert, o.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("gust: --tls-cert %q / --tls-key %q: %w", o.TLSCert, o.TLSKey, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// historyInterval is HistoryInterval with its default.
func (o Options) historyInterval() time.Duration {
	if o.HistoryInterval <= 0 {
		return 5 * time.Second
	}
	return o.HistoryInterval
}
