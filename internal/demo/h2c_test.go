package demo_test

import (
	"net/http"
	"testing"
)

// The HTTP port speaks HTTP/2 in cleartext with prior knowledge (h2c), and
// HTTP/1.1 still.
func TestH2CAndHTTP1OnOnePort(t *testing.T) {
	srv := start(t, "127.0.0.1:0")
	for _, tt := range []struct {
		h2c   bool
		major int
	}{{true, 2}, {false, 1}} {
		var p http.Protocols
		p.SetHTTP1(!tt.h2c)
		p.SetUnencryptedHTTP2(tt.h2c)
		tr := &http.Transport{Protocols: &p}
		resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/fast")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		tr.CloseIdleConnections()
		if resp.StatusCode != 200 || resp.ProtoMajor != tt.major {
			t.Errorf("GET /fast (h2c %v) = %d over %s; want 200 over HTTP/%d", tt.h2c, resp.StatusCode, resp.Proto, tt.major)
		}
	}
}
