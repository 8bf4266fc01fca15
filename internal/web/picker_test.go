package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestClassPicker(t *testing.T) {
	kinds := []string{"WebUser", "APIUser", "Admin"}
	for _, tc := range []struct {
		name      string
		form      url.Values
		wantKinds []string // asked of the controller
		wantRun   []string // in the answer's user_classes
	}{
		{"some", url.Values{"user_classes": {"APIUser", "Admin"}}, []string{"APIUser", "Admin"}, []string{"APIUser", "Admin"}},
		{"none selects all", url.Values{}, []string{}, kinds},
	} {
		f := newFake(nil)
		s := newTestServer(t, f, Options{ClassPicker: true, Kinds: kinds})
		form := url.Values{"user_count": {"3"}, "spawn_rate": {"1"}}
		for k, v := range tc.form {
			form[k] = v
		}
		w := postForm(s.Handler(), form, nil)
		var res result
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != http.StatusOK {
			t.Fatalf("%s: status %d, body %s", tc.name, w.Code, w.Body)
		}
		if len(f.starts) != 1 || !reflect.DeepEqual(f.starts[0].Kinds, tc.wantKinds) ||
			!reflect.DeepEqual(res.Kinds, tc.wantRun) || len(res.Ignored) != 0 {
			t.Errorf("%s: Start %+v, answer %+v; want kinds %q and user_classes %q", tc.name, f.starts, res, tc.wantKinds, tc.wantRun)
		}
	}
}

func TestClassPickerRefusesUnknownKinds(t *testing.T) {
	f := newFake(nil)
	s := newTestServer(t, f, Options{ClassPicker: true, Kinds: []string{"WebUser", "APIUser"}})
	w := postForm(s.Handler(), url.Values{"user_count": {"3"}, "spawn_rate": {"1"}, "user_classes": {"Nope"}}, nil)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `user_classes \"Nope\": want some of WebUser, APIUser`) ||
		len(f.starts) != 0 {
		t.Errorf("status %d, body %s, %d starts: want 400 naming the kinds and no test", w.Code, w.Body, len(f.starts))
	}
}

func TestClassPickerOnlyWhenAsked(t *testing.T) {
	with := newTestServer(t, newFake(nil), Options{ClassPicker: true, Kinds: []string{"WebUser", "APIUser"}})
	page := get(with.Handler(), "/").Body.String()
	for _, want := range []string{`name="user_classes" value="WebUser" checked`, `name="user_classes" value="APIUser" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("the start form lacks %q", want)
		}
	}
	without := newTestServer(t, newFake(nil), Options{Kinds: []string{"WebUser"}})
	if page := get(without.Handler(), "/").Body.String(); strings.Contains(page, "user_classes") {
		t.Error("the start form offers the kinds without --class-picker")
	}
}
