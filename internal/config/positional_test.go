package config_test

import (
	"reflect"
	"testing"

	"github.com/gustload/gust/internal/config"
)

func TestPositional(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   string // GUST_USER_CLASSES
		kinds []string
		urls  []config.URL
	}{
		{"none", nil, "", nil, nil},
		{"kinds", []string{"Browser", "Buyer"}, "", []string{"Browser", "Buyer"}, nil},
		{"urls", []string{"http://127.0.0.1:8080/", "https://127.0.0.1/a?q=1@3"}, "", nil,
			[]config.URL{{Raw: "http://127.0.0.1:8080/", Weight: 1}, {Raw: "https://127.0.0.1/a?q=1", Weight: 3}}},
		{"mixed with flags between", []string{"Browser", "-u", "2", "HTTP://127.0.0.1/x@10"}, "",
			[]string{"Browser"}, []config.URL{{Raw: "HTTP://127.0.0.1/x", Weight: 10}}},
		{"at sign that is not a weight", []string{"http://user@127.0.0.1/p@home"}, "", nil,
			[]config.URL{{Raw: "http://user@127.0.0.1/p@home", Weight: 1}}},
		{"from env", nil, "Browser  http://127.0.0.1/@2", []string{"Browser"},
			[]config.URL{{Raw: "http://127.0.0.1/", Weight: 2}}},
		{"command line wins over env", []string{"Buyer"}, "Browser", []string{"Buyer"}, nil},
		{"after --", []string{"--", "-odd-name"}, "", []string{"-odd-name"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := mustParse(t, tc.args, map[string]string{"GUST_USER_CLASSES": tc.env})
			if !reflect.DeepEqual(o.UserKinds, tc.kinds) {
				t.Errorf("UserKinds = %q, want %q", o.UserKinds, tc.kinds)
			}
			if !reflect.DeepEqual(o.URLs, tc.urls) {
				t.Errorf("URLs = %+v, want %+v", o.URLs, tc.urls)
			}
		})
	}
}

func TestLocustHabits(t *testing.T) {
	locustfile := []string{"gust runs tests written in Go", "`gust new DIR`", "join a gust master as a Locust worker"}
	tests := []struct {
		args  []string
		wants []string
	}{
		{[]string{"-f", "locustfile.py"}, locustfile},
		{[]string{"-flocustfile.py"}, locustfile},
		{[]string{"-u", "3", "--locustfile", "locustfile.py"}, locustfile},
		{[]string{"--locustfile=locustfile.py"}, locustfile},
		{[]string{"127.0.0.1:8080/"}, []string{`URL "127.0.0.1:8080/" has no scheme: did you mean http://127.0.0.1:8080/?`}},
		{[]string{"localhost:8080"}, []string{"did you mean http://localhost:8080?"}},
		{[]string{"127.0.0.1/api/items@3"}, []string{"did you mean http://127.0.0.1/api/items@3?"}},
	}
	for _, tt := range tests {
		_, err := config.Parse(tt.args, nil)
		usageError(t, err, tt.wants...)
	}
}

func TestKindNamesAreNotURLs(t *testing.T) {
	o := mustParse(t, []string{"WebsiteUser", "api.Client"}, nil)
	if len(o.UserKinds) != 2 || len(o.URLs) != 0 {
		t.Errorf("kinds %q, URLs %v: want two kinds", o.UserKinds, o.URLs)
	}
}
