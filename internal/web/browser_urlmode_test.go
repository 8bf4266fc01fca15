package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// urlModeURLs are the URLs of the URL mode pages below: two hosts, a weight.
var urlModeURLs = []string{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/search?q=gust@3", "http://127.0.0.1:9090/api"}

// checkURLModeStartForm opens the page of a URL mode test whose users do
// not wait: the form lists the URLs and says plainly that nobody waits, the
// Host field (unused) is hidden and the header shows the target hosts.
func (b *browserRun) checkURLModeStartForm() {
	b.t.Helper()
	f := newFake(nil)
	f.host = "" // URL mode has no host of its own
	srv := newTestServer(b.t, f, Options{URLs: urlModeURLs, Defaults: StartRequest{Users: 50, SpawnRate: 10}})
	serveInBackground(b.t, srv)
	b.do("opening a URL mode test", chromedp.Navigate(srv.URL()), chromedp.WaitVisible(chromedp.CSS("#f-urls")))
	b.waitJS("the header's hosts", `document.getElementById("s-host").textContent !== "\u00a0"`)
	if h := b.text("#s-host"); h != "127.0.0.1:8080, 127.0.0.1:9090" {
		b.t.Errorf("the header's host reads %q, want the hosts of the URLs", h)
	}
	urls := eval[[]string](b, `Array.from(document.querySelectorAll("#f-urls li")).map(function (li) { return li.textContent; })`)
	if strings.Join(urls, " ") != strings.Join(urlModeURLs, " ") {
		b.t.Errorf("the form lists %q, want %q", urls, urlModeURLs)
	}
	if !eval[bool](b, `!document.getElementById("f-nowait").hidden && document.getElementById("f-host").offsetParent === null`) {
		b.t.Error("the form does not warn that users do not wait, or shows the Host field URL mode ignores")
	}
	if w := b.text("#f-nowait"); !strings.Contains(w, "Users do not wait") || !strings.Contains(w, "--wait 0.5s-1.5s") {
		b.t.Errorf("the no-wait warning reads %q", w)
	}
	b.screenshot("web-urlmode.png")
}

func TestURLModeFormSaysTheWait(t *testing.T) {
	tests := []struct {
		opts      Options
		want, not []string
	}{
		{Options{URLs: urlModeURLs, Wait: "500ms-1.5s"}, []string{"these URLs, picked by weight", "waits 500ms-1.5s after each request",
			`<label id="f-host" hidden>`, `"targets":"127.0.0.1:8080, 127.0.0.1:9090"`}, []string{"Users do not wait"}},
		{Options{URLs: urlModeURLs[:1]}, []string{"requests this URL", "Users do not wait", `"targets":"127.0.0.1:8080"`}, []string{"waits "}},
		{Options{}, []string{`<label id="f-host">`}, []string{"f-urls", "targets"}},
	}
	for _, tt := range tests {
		w := get(newTestServer(t, newFake(nil), tt.opts).Handler(), "/")
		page := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("GET /: %d", w.Code)
		}
		for _, s := range tt.want {
			if !strings.Contains(page, s) {
				t.Errorf("%+v: the page lacks %q", tt.opts, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(page, s) {
				t.Errorf("%+v: the page has %q", tt.opts, s)
			}
		}
	}
}
