package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestMetricsServer(t *testing.T) {
	f := newFake(fixtureSnapshot())
	f.state = StateRunning
	m, err := NewMetricsServer(f, ":0", "scraper:pw")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Addr().String(), "127.0.0.1:") || !m.Loopback() {
		t.Fatalf(":0 bound %s, want loopback", m.Addr())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Serve(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	url := "http://" + m.Addr().String() + "/metrics"
	tests := []struct {
		name   string
		host   string
		login  bool
		status int
	}{
		{"no login", "", false, http.StatusUnauthorized},
		{"login", "", true, http.StatusOK},
		{"foreign Host name (DNS rebinding)", "evil.example", true, http.StatusForbidden},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", url, nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		if tt.login {
			req.SetBasicAuth("scraper", "pw")
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.status)
		}
		if tt.status == http.StatusOK {
			if _, _, err := parseProm(string(body)); err != nil || !strings.Contains(string(body), "gust_requests_total{") {
				t.Errorf("%s: %v\n%s", tt.name, err, body)
			}
		}
	}
}

func TestMetricsServerBadAddr(t *testing.T) {
	for _, addr := range []string{"9646", "127.0.0.1:notaport"} {
		if _, err := NewMetricsServer(newFake(fixtureSnapshot()), addr, ""); err == nil || !strings.Contains(err.Error(), "--metrics-listen") {
			t.Errorf("%q: %v", addr, err)
		}
	}
}
