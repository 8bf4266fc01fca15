package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

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
