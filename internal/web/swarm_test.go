package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSwarmValid(t *testing.T) {
	for _, tc := range []struct {
		name    string
		form    url.Values
		want    StartRequest
		ignored []string
	}{
		{"users and rate", url.Values{"user_count": {"10"}, "spawn_rate": {"2.5"}},
			StartRequest{Users: 10, SpawnRate: 2.5}, nil},
		{"all fields", url.Values{"user_count": {" 5 "}, "spawn_rate": {"1"}, "host": {"https://127.0.0.1:9443/"}, "run_time": {"1h20m"}},
			StartRequest{Users: 5, SpawnRate: 1, Host: "https://127.0.0.1:9443", RunTime: 80 * time.Minute}, nil},
		{"plain seconds", url.Values{"user_count": {"1"}, "spawn_rate": {"0.5"}, "run_time": {"90"}},
			StartRequest{Users: 1, SpawnRate: 0.5, RunTime: 90 * time.Second}, nil},
		{"empty optional fields", url.Values{"user_count": {"3"}, "spawn_rate": {"3"}, "host": {""}, "run_time": {""}},
			StartRequest{Users: 3, SpawnRate: 3}, nil},
		{"Locust extras", url.Values{"user_count": {"2"}, "spawn_rate": {"1"}, "user_classes": {"A", "B"}, "profile": {"x"}},
			StartRequest{Users: 2, SpawnRate: 1}, []string{"profile", "user_classes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(nil)
			s := newTestServer(t, f, Options{})
			w := postForm(s.Handler(), tc.form, nil)
			var res result
			if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != http.StatusOK {
				t.Fatalf("status %d, body %s", w.Code, w.Body)
			}
			if !res.Success || res.Message != "Swarming started" || res.Host != f.Host() ||
				res.RunTime != int64(tc.want.RunTime.Seconds()) || strings.Join(res.Ignored, ",") != strings.Join(tc.ignored, ",") {
				t.Errorf("answer %+v", res)
			}
			if len(f.starts) != 1 || !reflect.DeepEqual(f.starts[0], tc.want) {
				t.Errorf("Start calls %+v, want [%+v]", f.starts, tc.want)
			}
		})
	}
}

func TestSwarmRejectsBadValues(t *testing.T) {
	for _, tc := range []struct {
		form  string
		field string
	}{
		{"spawn_rate=1", "user_count"},
		{"user_count=&spawn_rate=1", "user_count"},
		{"user_count=ten&spawn_rate=1", "user_count"},
		{"user_count=0&spawn_rate=1", "user_count"},
		{"user_count=-4&spawn_rate=1", "user_count"},
		{"user_count=2.5&spawn_rate=1", "user_count"},
		{"user_count=1000000000&spawn_rate=1", "user_count"},
		{"user_count=1000000000000&spawn_rate=1", "user_count"},
		{"user_count=99999999999999999999999&spawn_rate=1", "user_count"},
		{"user_count=10", "spawn_rate"},
		{"user_count=10&spawn_rate=0", "spawn_rate"},
		{"user_count=10&spawn_rate=-1", "spawn_rate"},
		{"user_count=10&spawn_rate=NaN", "spawn_rate"},
		{"user_count=10&spawn_rate=Inf", "spawn_rate"},
		{"user_count=10&spawn_rate=fast", "spawn_rate"},
		{"user_count=10&spawn_rate=1&host=127.0.0.1:8080", "host"},
		{"user_count=10&spawn_rate=1&host=ftp://127.0.0.1", "host"},
		{"user_count=10&spawn_rate=1&host=http://", "host"},
		{"user_count=10&spawn_rate=1&run_time=soon", "run_time"},
		{"user_count=10&spawn_rate=1&run_time=5m1h", "run_time"},
		{"user_count=10&spawn_rate=1&run_time=0", "run_time"},
		{"user_count=10&spawn_rate=1&run_time=-5s", "run_time"},
		{"user_count=10&spawn_rate=1&run_time=1.5h", "run_time"},
	} {
		t.Run(tc.form, func(t *testing.T) {
			f := newFake(fixtureSnapshot())
			f.state = StateRunning
			s := newTestServer(t, f, Options{})
			form, _ := url.ParseQuery(tc.form)
			w := postForm(s.Handler(), form, nil)
			var res result
			if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != http.StatusBadRequest {
				t.Fatalf("status %d, body %s", w.Code, w.Body)
			}
			if res.Success || !strings.HasPrefix(res.Message, "gust: "+tc.field) || !strings.Contains(res.Message, "want") {
				t.Errorf("answer %+v, want an error about %s saying what is valid", res, tc.field)
			}
			if starts, stops, resets := f.counts(); starts+stops+resets != 0 || f.State() != StateRunning {
				t.Errorf("a bad form changed something: %d starts, %d stops, %d resets", starts, stops, resets)
			}
		})
	}
}

func TestSwarmMultipart(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("user_count", "7")
	_ = mw.WriteField("spawn_rate", "7")
	_ = mw.Close()
	f := newFake(nil)
	s := newTestServer(t, f, Options{})
	w := do(s.Handler(), http.MethodPost, "/swarm", &body, http.Header{"Content-Type": {mw.FormDataContentType()}})
	if w.Code != http.StatusOK || len(f.starts) != 1 || f.starts[0].Users != 7 {
		t.Errorf("multipart form: status %d, starts %+v", w.Code, f.starts)
	}
}

func TestSwarmControllerRefuses(t *testing.T) {
	f := newFake(nil)
	f.startErr = errors.New("gust: the test is stopping; wait until it has stopped")
	s := newTestServer(t, f, Options{})
	w := postForm(s.Handler(), url.Values{"user_count": {"1"}, "spawn_rate": {"1"}}, nil)
	var res result
	_ = json.Unmarshal(w.Body.Bytes(), &res)
	if w.Code != http.StatusBadRequest || res.Success || res.Message != f.startErr.Error() {
		t.Errorf("status %d, answer %+v", w.Code, res)
	}
}

func TestSwarmBodyTooLarge(t *testing.T) {
	f := newFake(nil)
	s := newTestServer(t, f, Options{})
	big := "user_count=1&spawn_rate=1&pad=" + strings.Repeat("x", maxFormBytes)
	w := do(s.Handler(), http.MethodPost, "/swarm", strings.NewReader(big),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if w.Code != http.StatusBadRequest || len(f.starts) != 0 {
		t.Errorf("oversized form: status %d, starts %d", w.Code, len(f.starts))
	}
}

func TestStopAndReset(t *testing.T) {
	f := newFake(fixtureSnapshot())
	f.state = StateRunning
	s := newTestServer(t, f, Options{})
	s.sample()
	var res result
	decode(t, get(s.Handler(), "/stop"), &res)
	if !res.Success || res.Message != "Test stopped" || f.State() != StateStopped {
		t.Errorf("stop: %+v, state %s", res, f.State())
	}
	w := get(s.Handler(), "/stats/reset")
	if w.Code != http.StatusOK || w.Body.String() != "ok" || f.resets != 1 {
		t.Errorf("reset: status %d, body %q, resets %d", w.Code, w.Body, f.resets)
	}
	if got := s.series.get(f.snap.Entries[0].Key); len(got.Time) != 0 {
		t.Errorf("per-endpoint history survived the reset: %+v", got)
	}
	if w := do(s.Handler(), http.MethodPost, "/stop", nil, nil); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /stop: status %d, want 405", w.Code)
	}
}

func TestParseTimespan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"20", 20 * time.Second}, {"20s", 20 * time.Second}, {"3m", 3 * time.Minute}, {"2h", 2 * time.Hour},
		{"1h20m", 80 * time.Minute}, {"3h30m10s", 3*time.Hour + 30*time.Minute + 10*time.Second}, {"90m", 90 * time.Minute},
		{"", 0}, {"0", 0}, {"0s", 0}, {"s", 0}, {"h1", 0}, {"1d", 0}, {"1m2h", 0}, {"1h1h", 0}, {"1 h", 0},
		{"1234567890h", 0}, {"99999999h", 0}, {"+5", 0}, {"5ms", 0},
	} {
		got, err := parseTimespan(tc.in)
		if got != tc.want || (err == nil) != (tc.want > 0) {
			t.Errorf("parseTimespan(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}
