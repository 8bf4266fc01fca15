package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/snappy"
	"google.golang.org/protobuf/proto"

	demosrv "github.com/gustload/gust/internal/demo"
	"github.com/gustload/gust/internal/promwrite/prompb"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/testenv"
)

// lastPush is a remote-write endpoint that keeps the latest value of
// gust_requests_total per endpoint name.
type lastPush struct {
	mu       sync.Mutex
	requests map[string]float64
}

func (l *lastPush) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	raw, err := snappy.Decode(nil, body)
	req := &prompb.WriteRequest{}
	if err == nil {
		err = proto.Unmarshal(raw, req)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ts := range req.Timeseries {
		labels := map[string]string{}
		for _, lb := range ts.Labels {
			labels[lb.Name] = lb.Value
		}
		if labels["__name__"] == "gust_requests_total" {
			l.requests[labels["name"]] = ts.Samples[0].Value
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// TestEveryModePushes: a run with the web UI and a master of a worker push
// too, and their last push holds the summary's totals.
func TestEveryModePushes(t *testing.T) {
	target := httptest.NewServer(demosrv.NewHandler())
	defer target.Close()
	port := testenv.FreePort(t)
	tests := []struct {
		name   string
		args   []string
		worker bool
	}{
		{"web UI", []string{"-t", "2s", "--web-port", "0"}, false},
		{"master", []string{"--master", "--master-bind-port", port, "--headless", "-u", "2", "-r", "100", "-t", "2s",
			"--expect-workers-max-wait", "30s"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rw := &lastPush{requests: map[string]float64{}}
			endpoint := httptest.NewServer(rw)
			defer endpoint.Close()
			var worker *exec.Cmd
			if tt.worker {
				worker, _, _ = startGust(t, "--worker", "--master-port", port, target.URL+"/fast")
			}
			args := append(tt.args, "--json", "--prometheus-remote-write", endpoint.URL, target.URL+"/fast")
			cmd, out, stderr := startGust(t, args...)
			if code := exitCode(t, cmd, 2*time.Minute); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			var rep report.JSONReport
			if err := json.Unmarshal([]byte(out.String()), &rep); err != nil || rep.Total.NumRequests == 0 {
				t.Fatalf("--json: %v, %d requests\n%s", err, rep.Total.NumRequests, stderr)
			}
			rw.mu.Lock()
			got := rw.requests["/fast"]
			rw.mu.Unlock()
			if got != float64(rep.Total.NumRequests) {
				t.Errorf("the last push counts %v requests, the summary %d\n%s", got, rep.Total.NumRequests, stderr)
			}
			if worker != nil {
				exitCode(t, worker, time.Minute)
			}
		})
	}
}
