package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// guard wraps the whole UI: it refuses foreign Host names when the server
// listens on loopback only (a DNS-rebinding page would otherwise reach it)
// and asks for the login when one is set.
func guard(next http.Handler, creds *credentials, loopbackOnly bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if loopbackOnly && !isLoopbackHost(r.Host) {
			http.Error(w, "gust: this UI listens on loopback only and answers only to localhost or a loopback "+
				"address, not to Host "+r.Host, http.StatusForbidden)
			return
		}
		if creds != nil && !creds.allow(r) {
			w.Header().Set("WWW-Authenticate", `Basic realm="gust", charset="UTF-8"`)
			http.Error(w, "gust: login required (--web-login)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// allow reports whether the request carries the login, comparing in
// constant time.
func (c *credentials) allow(r *http.Request) bool {
	if c.token {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			return equalHash(c.pass, tok)
		}
		_, pass, ok := r.BasicAuth()
		return ok && equalHash(c.pass, pass)
	}
	user, pass, ok := r.BasicAuth()
	userOK := equalHash(c.user, user)
	passOK := equalHash(c.pass, pass)
	return ok && userOK && passOK
}

func equalHash(want [sha256.Size]byte, got string) bool {
	h := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(want[:], h[:]) == 1
}

// isLoopbackHost reports whether a Host header names this machine.
func isLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameSite refuses state-changing requests that a browser sends on behalf
// of another site. The rule (see the package documentation): a request is
// refused when Sec-Fetch-Site says cross-site or same-site, or when its
// Origin or Referer names another host than the one it was sent to. A
// request with none of these headers, as curl or a script sends, passes.
func sameSite(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if why := crossSite(r); why != "" {
			writeJSON(w, http.StatusForbidden, result{Message: "gust: cross-site request refused (" + why +
				"); send it from the UI's own page or without browser headers"})
			return
		}
		next(w, r)
	}
}

// crossSite says why a request looks cross-site, or "" when it does not.
func crossSite(r *http.Request) string {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return "Sec-Fetch-Site: " + site
	}
	if o := r.Header.Get("Origin"); o != "" && !sameHost(o, r.Host) {
		return "Origin: " + o
	}
	if ref := r.Header.Get("Referer"); ref != "" && !sameHost(ref, r.Host) {
		return "Referer from another host"
	}
	return ""
}

func sameHost(rawURL, host string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, host)
}
