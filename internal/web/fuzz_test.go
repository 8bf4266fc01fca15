package web

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func FuzzParseSwarmForm(f *testing.F) {
	for _, seed := range []string{
		"user_count=10&spawn_rate=2", "user_count=1&spawn_rate=0.5&host=http://127.0.0.1:8080&run_time=1h2m3s",
		"user_count=1e3&spawn_rate=1e-9", "user_count=99999999999999999999&spawn_rate=1", "run_time=9999999999h",
		"user_count=5&spawn_rate=5&host=https://[::1]:8443/x", "user_count=%00&spawn_rate=%ff",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, raw string, modelled bool) {
		form, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := parseSwarmForm(form, modelled)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "gust: ") {
				t.Errorf("error without the gust prefix: %v", err)
			}
			return
		}
		// Under a load model the users and rate may be left out, as 0.
		leftOut := modelled && strings.TrimSpace(form.Get("user_count")) == ""
		noRate := modelled && strings.TrimSpace(form.Get("spawn_rate")) == ""
		if (req.Users < 1 && !(leftOut && req.Users == 0)) || req.Users > maxUsers ||
			(!(req.SpawnRate > 0) && !(noRate && req.SpawnRate == 0)) || req.SpawnRate > float64(maxUsers) ||
			req.RunTime < 0 || req.RunTime > maxTimespan {
			t.Errorf("accepted out-of-range values: %+v", req)
		}
		if req.Host != "" && !strings.HasPrefix(req.Host, "http://") && !strings.HasPrefix(req.Host, "https://") {
			t.Errorf("accepted host %q", req.Host)
		}
	})
}

func FuzzParseTimespan(f *testing.F) {
	for _, seed := range []string{"20", "20s", "1h20m", "3h30m10s", "0", "1m2h", "99999999h", "", "4294967295"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseTimespan(s)
		if err == nil && (d <= 0 || d > maxTimespan) {
			t.Errorf("parseTimespan(%q) = %v without an error", s, d)
		}
		if err == nil && timespan(d.Seconds()) != "" {
			if back, err := parseTimespan(timespan(d.Seconds())); err != nil || back != d.Truncate(time.Second) {
				t.Errorf("round trip of %v through %q gave %v, %v", d, timespan(d.Seconds()), back, err)
			}
		}
	})
}

func FuzzParseLogin(f *testing.F) {
	for _, seed := range []string{"", "a:b", "token", ":", "a:", ":b", "a:b:c"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseLogin(s)
		if (s == "") != (c == nil && err == nil) {
			t.Errorf("parseLogin(%q) = %v, %v", s, c, err)
		}
		if c != nil && c.token == strings.Contains(s, ":") {
			t.Errorf("parseLogin(%q): token=%v", s, c.token)
		}
	})
}
