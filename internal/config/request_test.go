package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

const target = "http://127.0.0.1:8080/api"

func TestURLModeRequestOptions(t *testing.T) {
	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, []byte(`{"a":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := config.Parse([]string{"--method", "patch", "--header", "x-api-key:  k1 ", "--header", "Accept: a, b",
		"--body", "@" + body, target}, env(map[string]string{"GUST_HEADER": "X-From-Env: e"}))
	if err != nil {
		t.Fatal(err)
	}
	want := []config.Header{{Name: "X-From-Env", Value: "e"}, {Name: "X-Api-Key", Value: "k1"}, {Name: "Accept", Value: "a, b"}}
	if o.Method != "PATCH" || !reflect.DeepEqual(o.Headers, want) || string(o.Body) != `{"a":1}` {
		t.Errorf("method %q, headers %+v, body %q; want PATCH, %+v (the environment's first) and the file's", o.Method,
			o.Headers, o.Body, want)
	}
	if o, err := config.Parse([]string{"--body", "x=1", target}, nil); err != nil || string(o.Body) != "x=1" {
		t.Errorf("--body x=1: %q, %v; want the text itself", o.Body, err)
	}
}

func TestURLModeRequestOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--method", "GE T", target}, "--method"},
		{[]string{"--header", "NoColon", target}, "'Name: value'"},
		{[]string{"--header", "Bad Name: v", target}, "--header"},
		{[]string{"--body", "@" + filepath.Join(t.TempDir(), "missing.json"), target}, "@FILE naming a readable file"},
		{[]string{"--method", "POST"}, "give URLs too"},
		{[]string{"--header", "A: b", "Visitor"}, "give URLs too"},
	} {
		_, err := config.Parse(tc.args, nil)
		usageError(t, err, tc.want)
	}
}

func TestParseWait(t *testing.T) {
	tests := []struct {
		in       string
		min, max time.Duration
		str      string
		ok       bool
	}{
		{"1s", time.Second, time.Second, "1s", true},
		{"0.5", 500 * time.Millisecond, 500 * time.Millisecond, "500ms", true},
		{"0.5s-1.5s", 500 * time.Millisecond, 1500 * time.Millisecond, "500ms-1.5s", true},
		{" 100ms - 2s ", 100 * time.Millisecond, 2 * time.Second, "100ms-2s", true},
		{"0", 0, 0, "", true},
		{"2s-1s", 0, 0, "", false},
		{"-1s", 0, 0, "", false},
		{"1s-", 0, 0, "", false},
		{"soon", 0, 0, "", false},
		{"1s-2s-3s", 0, 0, "", false},
	}
	for _, tt := range tests {
		w, err := config.ParseWait(tt.in)
		if (err == nil) != tt.ok || w.Min != tt.min || w.Max != tt.max || w.String() != tt.str {
			t.Errorf("ParseWait(%q) = %+v %q, %v; want %v-%v %q, ok %v", tt.in, w, w.String(), err, tt.min, tt.max, tt.str, tt.ok)
		}
		if err != nil {
			usageError(t, err, "--wait", "0.5s-1.5s")
		}
	}
}

func TestWaitNeedsURLs(t *testing.T) {
	_, err := config.Parse([]string{"--wait", "1s"}, nil)
	usageError(t, err, "--wait paces the users of URL mode")
	o := mustParse(t, []string{"--wait", "1s-3s", "http://127.0.0.1:8080/"}, nil)
	if o.Wait.Mean() != 2*time.Second {
		t.Errorf("Wait %+v, want a mean of 2s", o.Wait)
	}
}

func FuzzParseWait(f *testing.F) {
	for _, s := range []string{"1s", "0.5s-1.5s", "0", "2s-1s", "-", "1s-", "500ms-500ms", "1h-2h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := config.ParseWait(s)
		if err != nil {
			return
		}
		if w.Min < 0 || w.Max < w.Min {
			t.Fatalf("ParseWait(%q) = %+v: want 0 <= Min <= Max", s, w)
		}
		if w.Max > 0 {
			if back, err := config.ParseWait(w.String()); err != nil || back != w {
				t.Fatalf("ParseWait(%q) = %+v, but %q reads back as %+v, %v", s, w, w.String(), back, err)
			}
		}
	})
}
