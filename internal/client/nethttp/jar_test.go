package nethttp

import (
	"net/http"
	"net/url"
	"testing"
)

func TestLazyJarHoldsNothingUntilACookieIsSet(t *testing.T) {
	var j lazyJar
	u, _ := url.Parse("http://127.0.0.1:8080/cart")
	if c := j.Cookies(u); c != nil || j.jar.Load() != nil {
		t.Fatalf("empty jar: cookies %v, jar made %v, want none and no jar", c, j.jar.Load() != nil)
	}
	j.SetCookies(u, []*http.Cookie{{Name: "session", Value: "42"}})
	if c := j.Cookies(u); len(c) != 1 || c[0].Name != "session" || c[0].Value != "42" {
		t.Fatalf("after a cookie was set: %v, want session=42", c)
	}
	other, _ := url.Parse("http://127.0.0.2:8080/")
	if c := j.Cookies(other); len(c) != 0 {
		t.Fatalf("another host got %v, want nothing", c)
	}
}
