package client

import (
	"errors"
	"net/url"
	"testing"
)

func TestTargetsResolveAgainstTheHost(t *testing.T) {
	host, _ := url.Parse("http://127.0.0.1:8080/api/")
	tests := []struct {
		host              *url.URL
		path              string
		wantURL, wantName string
		wantAddr          string
		wantTLS           bool
		wantErr           error
	}{
		{host, "items?id=3", "http://127.0.0.1:8080/api/items?id=3", "/api/items?id=3", "127.0.0.1:8080", false, nil},
		{host, "/root", "http://127.0.0.1:8080/root", "/root", "127.0.0.1:8080", false, nil},
		{host, "https://127.0.0.2/x", "https://127.0.0.2/x", "/x", "127.0.0.2:443", true, nil},
		{nil, "http://127.0.0.3/y", "http://127.0.0.3/y", "/y", "127.0.0.3:80", false, nil},
		{nil, "/relative", "", "", "", false, ErrNoHost},
	}
	for _, tt := range tests {
		ts := Targets{Host: tt.host}
		got, err := ts.Resolve(tt.path)
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("Resolve(%q): err %v, want %v", tt.path, err, tt.wantErr)
		}
		if err != nil {
			continue
		}
		if got.URL.String() != tt.wantURL || got.Name != tt.wantName || got.Addr != tt.wantAddr || got.TLS != tt.wantTLS || got.Path != tt.path {
			t.Errorf("Resolve(%q) = %+v, want %s named %s at %s (TLS %v)", tt.path, got, tt.wantURL, tt.wantName, tt.wantAddr, tt.wantTLS)
		}
	}
}

func TestTargetsKeepTheLastPath(t *testing.T) {
	host, _ := url.Parse("http://127.0.0.1:8080")
	ts := Targets{Host: host}
	a, _ := ts.Resolve("/a")
	again, _ := ts.Resolve("/a")
	b, _ := ts.Resolve("/b")
	if a != again || b == a || b.Name != "/b" {
		t.Fatalf("/a twice gave %p and %p, /b gave %p (%s): want the same target for a repeated path only", a, again, b, b.Name)
	}
}
