package fastclient

import (
	"bytes"
	"net/http"
	"net/http/cookiejar"

	"github.com/gustload/gust/internal/client"
	"github.com/valyala/fasthttp"
)

// addCookies gives req the cookies the jar holds for t.
func (fc *Client) addCookies(req *fasthttp.Request, t *client.Target) {
	if fc.jar == nil {
		return
	}
	for _, c := range fc.jar.Cookies(t.URL) {
		req.Header.SetCookie(c.Name, c.Value)
	}
}

// keepCookies stores the cookies resp sets, making the jar on the first.
func (fc *Client) keepCookies(resp *fasthttp.Response, t *client.Target) {
	var cookies []*http.Cookie
	for _, line := range resp.Header.Cookies() {
		if c, err := http.ParseSetCookie(string(bytes.TrimSpace(line))); err == nil {
			cookies = append(cookies, c)
		}
	}
	if len(cookies) == 0 {
		return
	}
	if fc.jar == nil {
		fc.jar, _ = cookiejar.New(nil)
	}
	fc.jar.SetCookies(t.URL, cookies)
}
