package nethttp

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync/atomic"
)

// lazyJar is a user's cookie jar, made when the first cookie is set. The
// client asks its jar for cookies before every request, and cookiejar's
// answer costs a lock and the host lowered and split even when it holds
// none; most load tests never set one. Safe for concurrent use, as the
// public client may be shared by the user's own goroutines.
type lazyJar struct {
	jar atomic.Pointer[cookiejar.Jar]
}

// Cookies returns the cookies to send to u: none until one was set.
func (j *lazyJar) Cookies(u *url.URL) []*http.Cookie {
	if jar := j.jar.Load(); jar != nil {
		return jar.Cookies(u)
	}
	return nil
}

// SetCookies keeps the cookies a response from u set.
func (j *lazyJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	jar := j.jar.Load()
	if jar == nil {
		jar, _ = cookiejar.New(nil)
		if !j.jar.CompareAndSwap(nil, jar) {
			jar = j.jar.Load()
		}
	}
	jar.SetCookies(u, cookies)
}
