package fastclient

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/demo"
)

// get sends a GET of path on srv with c.
func get(ctx context.Context, t *testing.T, c *Client, srv *httptest.Server, path string) client.Response {
	t.Helper()
	u, err := url.Parse(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return c.Do(ctx, &client.Request{Method: http.MethodGet, Target: client.NewTarget(u)})
}

func TestSpeaksTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.Proto, " ", r.TLS != nil)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	srv.StartTLS()
	defer srv.Close()
	c := New(client.Options{Timeout: time.Minute})
	defer c.Close()
	if r := get(context.Background(), t, c, srv, "/"); r.Err == nil {
		t.Fatalf("an unknown certificate was accepted: %q", r.Body)
	}
	c.tlsConf = srv.Client().Transport.(*http.Transport).TLSClientConfig
	if r := get(context.Background(), t, c, srv, "/"); r.Err != nil || string(r.Body) != "HTTP/1.1 true" {
		t.Fatalf("with the server's certificate trusted: %q %v", r.Body, r.Err)
	}
}

func TestWaitsForASlowAnswerAcrossSlices(t *testing.T) {
	srv := httptest.NewServer(demo.NewHandler())
	defer srv.Close()
	c := New(client.Options{Timeout: time.Minute})
	defer c.Close()
	// a context that can end: reads wait in slices of AbortSlice
	if r := get(t.Context(), t, c, srv, "/slow?ms=1300"); r.Err != nil || r.Duration < 1300*time.Millisecond {
		t.Fatalf("answer after 1.3 s: err %v after %v, want it (longer than a slice of %v)", r.Err, r.Duration, AbortSlice)
	}
}
